"""The four basic tests of every home page type, and what each page shows."""

import datetime
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, get_page_models

from courses.models import CourseIndexPage
from events.models import EventIndexPage
from home.models import AccessibilityStatementPage, HomePage, StandardPage
from tests.events.conftest import make_event
from tests.home.helpers import (
    ALWAYS_REQUIRED_IDS,
    OPTIONAL_IDS,
    add_statement,
    edit_and_publish,
)

pytestmark = pytest.mark.django_db


def add_standard(parent, slug="o-projekcie", title="O projekcie"):
    page = StandardPage(title=title, slug=slug, lead="Wstęp")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- where each type can live ----------------------------------------------------------------


def test_home_page_lives_only_at_the_top():
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert HomePage not in HomePage.clean_subpage_models()
    assert HomePage not in StandardPage.clean_subpage_models()


def test_home_page_children_are_the_section_page_types(home_page):
    allowed = set(HomePage.clean_subpage_models())
    assert {StandardPage, AccessibilityStatementPage, CourseIndexPage} <= allowed
    # Every allowed child names the home page as its parent: no deep page types on top.
    for model in allowed:
        assert model.parent_page_types is not None, model
        assert HomePage in model.clean_parent_page_models(), model
    assert StandardPage.can_create_at(home_page)


def test_every_section_page_type_is_among_the_home_page_children():
    """A domain app's section page (parent: settings.SECTION_PARENT_PAGE_TYPES) that the home
    page forgot to list could be created nowhere."""
    sections = {
        model
        for model in get_page_models()
        if getattr(model, "parent_page_types", None) is not None
        and HomePage in model.clean_parent_page_models()
    }
    assert CourseIndexPage in sections
    assert sections <= set(HomePage.clean_subpage_models())


def test_standard_page_can_not_be_created_under_a_section(home_page):
    section = CourseIndexPage(title="Kursy", slug="kursy")
    home_page.add_child(instance=section)
    assert not StandardPage.can_create_at(section)


def test_only_one_statement_under_the_home_page(home_page):
    assert AccessibilityStatementPage.can_create_at(home_page)
    add_statement(home_page)
    assert not AccessibilityStatementPage.can_create_at(home_page)
    about = add_standard(home_page)
    assert not AccessibilityStatementPage.can_create_at(about)


# --- rendering ---------------------------------------------------------------------------------


def test_home_page_shows_targets_sections_and_partners(client, home_page):
    from wagtail.models import Site

    from cms.models import SiteSettings

    settings_obj = SiteSettings.for_site(Site.objects.get())
    settings_obj.partners = [
        ("partner", {"name": "Fundacja Rozwoju Demokracji Lokalnej", "role": "partner"})
    ]
    settings_obj.save()
    section = CourseIndexPage(
        title="Kursy online", slug="kursy", show_in_menus=True, search_description="Moduły"
    )
    home_page.add_child(instance=section)
    section.save_revision().publish()
    html = client.get("/").content.decode()
    for figure in ("640", "320", "20"):
        assert f"<strong>{figure}</strong>" in html
    assert "Fundacja Rozwoju Demokracji Lokalnej" in html
    assert 'href="/kursy/"' in html
    assert html.count("<h1") == 1


def test_standard_page_renders(client, home_page):
    add_standard(home_page)
    response = client.get("/o-projekcie/")
    assert response.status_code == 200
    assert "<h1>O projekcie</h1>" in response.content.decode()


def test_statement_holds_each_required_id_exactly_once(client, home_page):
    add_statement(home_page)
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    for element_id in ALWAYS_REQUIRED_IDS:
        assert html.count(f'id="{element_id}"') == 1, element_id
    # Optional elements appear only when there is something to say.
    for element_id in OPTIONAL_IDS:
        assert f'id="{element_id}"' not in html, element_id


def test_statement_dates_status_and_procedure(client, home_page):
    add_statement(
        home_page,
        reviewed_on="2026-11-21",
        assessment="Samoocena.",
        mobile_apps="<p>Brak aplikacji.</p>",
        architecture_url="https://uek.krakow.pl/",
    )
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    for element_id in OPTIONAL_IDS:
        assert html.count(f'id="{element_id}"') == 1, element_id
    for element_id, iso in [
        ("a11y-data-publikacja", "2026-03-02"),
        ("a11y-data-aktualizacja", "2026-11-20"),
        ("a11y-data-sporzadzenie", "2026-03-01"),
        ("a11y-data-przeglad", "2026-11-21"),
    ]:
        assert re.search(rf'<time id="{element_id}" datetime="{iso}">', html), element_id
    status = re.search(r'<p id="a11y-status">([^<]*)</p>', html).group(1)
    assert status.startswith("Strona internetowa jest częściowo zgodna z ustawą")
    procedure = html[html.index('id="a11y-procedura"') :]
    assert "7 dni" in procedure and "2 miesiące" in procedure
    assert 'href="https://bip.brpo.gov.pl/"' in procedure
    assert 'href="mailto:dostepnosc@example.pl"' in html
    assert '<a id="a11y-url" href="https://mwf.example.pl/">' in html


@pytest.mark.parametrize(
    ("status", "sentence"),
    [
        ("compliant", "Strona internetowa jest zgodna z ustawą"),
        ("partial", "Strona internetowa jest częściowo zgodna z ustawą"),
        ("noncompliant", "Strona internetowa jest niezgodna z ustawą"),
    ],
)
def test_statement_status_is_one_of_the_three_legal_sentences(client, home_page, status, sentence):
    add_statement(home_page, status=status)
    html = client.get("/deklaracja-dostepnosci/").content.decode()
    assert re.search(rf'<p id="a11y-status">{sentence}', html)


def test_meta_tag_names_the_statement_on_every_page(client, home_page):
    from wagtail.models import Site

    from cms.models import SiteSettings

    statement = add_statement(home_page)
    add_standard(home_page)
    settings_obj = SiteSettings.for_site(Site.objects.get())
    settings_obj.accessibility_statement = statement
    settings_obj.save()
    for url in ["/", "/o-projekcie/", "/szukaj/", "/nie-ma-takiej/"]:
        html = client.get(url).content.decode()
        assert (
            '<meta name="deklaracja-dostępności" content="http://localhost/deklaracja-dostepnosci/">'
            in html
        ), url
        assert 'href="/deklaracja-dostepnosci/" lang="pl">Deklaracja dostępności</a>' in html


# --- editing in the admin ----------------------------------------------------------------------


def test_standard_page_edit_form_saves(admin_client, home_page):
    page = add_standard(home_page)
    response = edit_and_publish(admin_client, page, title="O programie")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "O programie"
    assert page.live


def test_statement_edit_form_saves(admin_client, home_page):
    page = add_statement(home_page)
    response = edit_and_publish(admin_client, page, status="compliant", contact_person="Ewa")
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.status, page.contact_person) == ("compliant", "Ewa")


def test_home_page_edit_form_saves(admin_client, home_page):
    response = edit_and_publish(admin_client, home_page, target_jst="650")
    assert response.status_code == 302
    home_page.refresh_from_db()
    assert home_page.target_jst == 650


def test_statement_edit_form_refuses_a_bad_email_and_keeps_input(admin_client, home_page):
    page = add_statement(home_page)
    response = edit_and_publish(admin_client, page, contact_email="nie-e-mail", contact_person="X")
    assert response.status_code == 200  # the form comes back with the error, nothing is lost
    assert 'value="nie-e-mail"' in response.content.decode()
    page.refresh_from_db()
    assert page.contact_email == "dostepnosc@example.pl"


def test_statement_can_be_created_in_the_admin(admin_client, home_page):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    url = reverse(
        "wagtailadmin_pages:add", args=["home", "accessibilitystatementpage", home_page.pk]
    )
    data = nested_form_data(
        {
            "title": "Deklaracja dostępności",
            "slug": "deklaracja-dostepnosci",
            "entity_name": "MSAP UEK",
            "scope": "",
            "site_name": "MWF",
            "site_url": "https://mwf.example.pl/",
            "published_on": "2026-03-02",
            "updated_on": "2026-03-02",
            "status": "partial",
            "non_compliance": rich_text("<p>Skany.</p>"),
            "prepared_on": "2026-03-02",
            "contact_person": "Jan",
            "contact_email": "a@example.pl",
            "contact_phone": "120000000",
            "architecture": rich_text("<p>Winda.</p>"),
            "communication": rich_text("<p>E-mail.</p>"),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccessibilityStatementPage.objects.get().live


@pytest.mark.parametrize(
    ("path", "action"),
    [
        ("/", "/szukaj/"),
        ("/en/", "/en/search/"),
        ("/konto/login/", "/szukaj/"),
        ("/nie-ma-takiej-strony/", "/szukaj/"),
        ("/szukaj/?q=program", "/szukaj/"),
    ],
)
def test_every_page_has_the_site_search_in_its_header(client, home_page, path, action):
    if path.startswith("/en/"):
        home_page.copy_for_translation(
            Locale.objects.get(language_code="en")
        ).save_revision().publish()
    html = client.get(path).content.decode()
    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert f'<form class="site-search" role="search" method="get" action="{action}">' in header
    assert 'for="site-search-q"' in header and 'name="q"' in header


def test_home_page_offers_the_next_open_training_straight_to_its_form(client, home_page):
    index = EventIndexPage(title="Szkolenia", slug="wydarzenia")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    soon = timezone.now() + datetime.timedelta(days=3)
    make_event(index, title="Później", sessions=[{"starts_at": soon + datetime.timedelta(days=9)}])
    nearest = make_event(index, title="Fundusz sołecki – warsztat", sessions=[{"starts_at": soon}])
    html = client.get("/").content.decode()
    section = html.split('class="next-training"', 1)[1].split("</section>", 1)[0]
    assert "Fundusz sołecki – warsztat" in section and "Później" not in section
    session = nearest.sessions.get()
    assert f'href="{nearest.url}zapisy/{session.pk}/"' in section
    assert client.get(f"{nearest.url}zapisy/{session.pk}/").status_code == 200


def test_no_next_training_block_without_trainings(client, home_page):
    assert 'class="next-training"' not in client.get("/").content.decode()
