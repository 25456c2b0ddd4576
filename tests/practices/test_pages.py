"""The four basic tests for every page type of the knowledge base."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from practices.models import (
    InstrumentIndexPage,
    InstrumentPage,
    PracticeIndexPage,
    PracticePage,
    PublicationIndexPage,
    PublicationPage,
)

from .factories import make_guide, make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.pl", "pw")
    client.force_login(user)
    return client


def _document():
    doc = Document(title="Raport")
    doc.file.save("raport.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    doc.save()
    return doc


def _publication(parent):
    page = PublicationPage(
        title="Raport o współpracy",
        slug="raport",
        authors="Jan Kowalski",
        year=2026,
        abstract="<p>Streszczenie.</p>",
        document=_document(),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- renders --------------------------------------------------------------------------------


def test_index_pages_render(client, guide_index, catalogue_page, publication_index):
    for page in (guide_index, catalogue_page, publication_index):
        response = client.get(page.url)
        assert response.status_code == 200
        assert page.title in response.content.decode()


def test_guide_renders_with_limits_steps_and_related(
    client, guide_index, catalogue_page, instruments
):
    instrument = instruments["male-granty"]
    guide = make_guide(guide_index, instrument)
    make_practice(catalogue_page, [instrument], title="Małe granty w Żółkiewie")
    response = client.get(guide.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "10\xa0000 zł" in html or "10 000 zł" in html
    assert html.index("Złożenie oferty") < html.index("Publikacja oferty")
    assert "Małe granty w Żółkiewie" in html
    assert '"@type": "HowTo"' in html


def test_practice_renders(client, catalogue_page, instruments):
    practice = make_practice(
        catalogue_page,
        [instruments["regranting"]],
        title="Regranting w Łodzi",
        proposing_organisation="Fundacja Przykład",
        editor_note="Przykład: miejscowość fikcyjna.",
    )
    html = client.get(practice.url).content.decode()
    assert "Regranting w Łodzi" in html
    assert "Fundacja Przykład" in html
    assert "Przykład: miejscowość fikcyjna." in html
    assert '"@type": "Article"' in html
    assert "małopolskie" in html


def test_publication_renders_with_type_and_size(client, publication_index):
    publication = _publication(publication_index)
    for url in (publication.url, publication_index.url):
        html = client.get(url).content.decode()
        assert "PDF, 13" in html  # "PDF, 13 bytes": the type and size in the link text


# --- can be created under its parent / not elsewhere ----------------------------------------


@pytest.mark.parametrize(
    ("model", "parent_model"),
    [
        (InstrumentIndexPage, HomePage),
        (InstrumentPage, InstrumentIndexPage),
        (PracticeIndexPage, HomePage),
        (PracticePage, PracticeIndexPage),
        (PublicationIndexPage, HomePage),
        (PublicationPage, PublicationIndexPage),
    ],
)
def test_allowed_parent(model, parent_model):
    assert model.can_create_at(parent_model()) or parent_model in model.allowed_parent_page_models()
    assert parent_model in model.allowed_parent_page_models()


@pytest.mark.parametrize(
    ("model", "wrong_parents"),
    [
        (InstrumentIndexPage, [Page, PracticeIndexPage, InstrumentIndexPage]),
        (InstrumentPage, [HomePage, PracticeIndexPage, PublicationIndexPage]),
        (PracticeIndexPage, [Page, InstrumentIndexPage]),
        (PracticePage, [HomePage, InstrumentIndexPage, PublicationIndexPage]),
        (PublicationIndexPage, [Page, PracticeIndexPage]),
        (PublicationPage, [HomePage, PracticeIndexPage, InstrumentIndexPage]),
    ],
)
def test_not_allowed_elsewhere(model, wrong_parents):
    for parent in wrong_parents:
        assert parent not in model.allowed_parent_page_models()


def test_practice_cannot_be_added_under_home_in_admin(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/add/practices/practicepage/{home_page.pk}/")
    assert response.status_code in (302, 403)


# --- edit forms save ------------------------------------------------------------------------


def _post_edit(admin_client, page, data):
    data = {"title": page.title, "slug": page.slug, "action-publish": "1", **data}
    lists = {k: data.pop(k) for k in [k for k, v in data.items() if isinstance(v, list)]}
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/", {**nested_form_data(data), **lists}
    )
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, (form.errors, [f.errors for f in form.formsets.values()])
    return page.specific_class.objects.get(pk=page.pk)


def test_index_edit_forms_save(admin_client, guide_index, catalogue_page, publication_index):
    for page in (guide_index, catalogue_page, publication_index):
        saved = _post_edit(
            admin_client,
            page,
            {
                "intro": '{"blocks":[{"key":"a","text":"Nowy wstęp","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}'
            },
        )
        assert "Nowy wstęp" in saved.intro


def test_guide_edit_form_saves(admin_client, guide_index, instruments):
    guide = make_guide(guide_index, instruments["male-granty"])
    saved = _post_edit(
        admin_client,
        guide,
        {
            "instrument": instruments["male-granty"].pk,
            "lead": "Nowy lead",
            "legal_act": "u.d.p.p.w.",
            "legal_provision": "art. 19a",
            "legal_act_url": "",
            "legal_state_date": "2026-02-01",
            "initiator": "NGO",
            "limits": streamfield([]),
            "steps": streamfield([]),
            "documents": streamfield([]),
            "pitfalls": streamfield([]),
            "faq": streamfield([]),
        },
    )
    assert saved.lead == "Nowy lead"
    assert saved.legal_state_date == datetime.date(2026, 2, 1)


def _practice_form(instruments, **overrides):
    data = {
        "lead": "Zmieniony lead",
        "jst_name": "Miasto Kraków",
        "jst_type": "miasto_na_prawach_powiatu",
        "teryt": "1261011",
        "powiat": "",
        "population": "",
        "instruments": [instruments["male-granty"].pk],
        "benefit_area": "kultura",
        "start_year": "2021",
        "end_year": "",
        "status": "ongoing",
        "budget_total": "1000",
        "budget_jst": "",
        "budget_partner": "",
        "funding_sources": "",
        "partners": inline_formset([{"name": "Fundacja A", "krs": "0000123456", "role": ""}]),
        "local_law": inline_formset([]),
        "contact_unit": "",
        "attachments": streamfield([]),
        "proposing_organisation": "",
        "verified_on": "",
        "keywords": "",
        "editor_note": "",
        **{
            name: streamfield([])
            for name in (
                "problem",
                "objectives",
                "course",
                "results",
                "difficulties",
                "success_factors",
                "transferability",
            )
        },
    }
    data.update(overrides)
    return data


def test_practice_edit_form_saves_and_derives_voivodeship(
    admin_client, catalogue_page, instruments
):
    practice = make_practice(catalogue_page, [instruments["regranting"]])
    saved = _post_edit(admin_client, practice, _practice_form(instruments))
    assert saved.lead == "Zmieniony lead"
    assert saved.voivodeship == "12"
    assert list(saved.instruments.all()) == [instruments["male-granty"]]
    assert saved.partners.get().krs == "0000123456"
    # The catalogue's text holds the normalised keys ("małe granty" -> "maly", "grant").
    assert {"maly", "grant"} <= set(saved.search_text.split())


def test_practice_edit_form_rejects_teryt_of_wrong_type(admin_client, catalogue_page, instruments):
    practice = make_practice(catalogue_page, [instruments["regranting"]])
    data = {"title": practice.title, "slug": practice.slug, "action-publish": "1"}
    data.update(_practice_form(instruments, jst_type="gmina_wiejska", teryt="1261011"))
    chosen = data.pop("instruments")
    response = admin_client.post(
        f"/admin/pages/{practice.pk}/edit/", {**nested_form_data(data), "instruments": chosen}
    )
    assert response.status_code == 200
    assert (
        "does not match" in response.content.decode() or "nie pasuje" in response.content.decode()
    )


def test_publication_edit_form_saves(admin_client, publication_index):
    publication = _publication(publication_index)
    saved = _post_edit(
        admin_client,
        publication,
        {
            "authors": "Anna Nowak",
            "year": "2025",
            "publisher": "",
            "abstract": '{"blocks":[{"key":"a","text":"Abc","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "document": publication.document_id,
        },
    )
    assert saved.authors == "Anna Nowak"


def test_guide_lists_content_of_other_apps_tagged_with_the_instrument(
    client, guide_index, publication_index, instruments
):
    from practices import related

    discovered = list(related._discovered(type(instruments["male-granty"])))
    for model, field_name in discovered:
        assert issubclass(model, Page) and model._meta.app_label != "practices"
        assert model._meta.get_field(field_name).related_model is type(instruments["male-granty"])

    guide = make_guide(guide_index, instruments["male-granty"])
    related.register(lambda instrument, locale: PublicationIndexPage.objects.live(), "Powiązane")
    try:
        html = client.get(guide.url).content.decode()
    finally:
        related._registry.pop()
    assert "Powiązane" in html and publication_index.title in html
