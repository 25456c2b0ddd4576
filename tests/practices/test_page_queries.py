"""Query budget of the guide and practice pages: at most 15 queries for a public visit (warm),
the same whether the page has one or many partners, acts, attachments, photos or related
practices; and the cached parts of the pages follow every change at once."""

import io

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from practices.models import PracticeLocalLaw, PracticePartner

from .factories import make_guide, make_practice

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves a temporary file of a new rendition to the garbage collector.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

BUDGET = 15


@pytest.fixture(autouse=True)
def _no_search_index(settings):
    # Dozens of page saves; keep Wagtail's search index out of them (slow on PostgreSQL).
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }


def _document(n):
    return get_document_model().objects.create(
        title=f"Uchwała {n}", file=ContentFile(b"%PDF-1.4\n%test\n", name=f"uchwala-{n}.pdf")
    )


def _image(n):
    buffer = io.BytesIO()
    PILImage.new("RGB", (12, 8), "green").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"Zdjęcie {n}", file=ContentFile(buffer.getvalue(), name=f"foto-{n}.png")
    )


def _attachments(n):
    blocks = []
    for k in range(n):
        blocks.append({"type": "document", "value": {"document": _document(k).pk, "title": ""}})
        blocks.append(
            {
                "type": "image",
                "value": {
                    "image": _image(k).pk,
                    "alt_text": f"Zajęcia {k}",
                    "decorative": False,
                    "caption": "",
                },
            }
        )
    return blocks


def _practice(catalogue_page, instruments, size):
    page = make_practice(
        catalogue_page,
        list(instruments.values())[:size],
        publish=False,
        attachments=_attachments(size),
        course=[{"type": "paragraph", "value": f"<p>Etap {k}.</p>"} for k in range(size)],
    )
    page.partners = [PracticePartner(name=f"Stowarzyszenie {k}") for k in range(size)]
    page.local_law = [PracticeLocalLaw(number=f"Uchwała nr {k}/2024") for k in range(size)]
    page.save_revision().publish()
    return page


def _count(client, url):
    for _ in range(2):  # warm: the site chrome and the page's cached parts settle
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_practice_page_budget_does_not_grow_with_partners_acts_and_attachments(
    client, catalogue_page, guide_index, instruments
):
    for instrument in instruments.values():
        make_guide(guide_index, instrument)
    small = _practice(catalogue_page, instruments, 1)
    large = _practice(catalogue_page, instruments, 4)
    small_count, _html = _count(client, small.url)
    large_count, html = _count(client, large.url)
    assert large_count == small_count
    assert large_count <= BUDGET
    # The large page really shows all of it.
    assert html.count("Stowarzyszenie ") >= 4 and "Uchwała nr 3/2024" in html
    assert html.count('class="download"') == 4 and html.count("<figure") == 4
    assert all(f'href="/instrumenty/{slug}/"' in html for slug in instruments)


def test_guide_page_budget_does_not_grow_with_related_practices_and_documents(
    client, catalogue_page, guide_index, instruments
):
    small_instrument, large_instrument = instruments["regranting"], instruments["male-granty"]
    small = make_guide(guide_index, small_instrument)
    large = make_guide(
        guide_index,
        large_instrument,
        documents=[
            {"type": "document", "value": {"document": _document(k).pk, "title": ""}}
            for k in range(4)
        ],
    )
    make_practice(catalogue_page, [small_instrument], title="Jedyna praktyka")
    for k in range(9):
        make_practice(catalogue_page, [large_instrument], title=f"Praktyka małych grantów {k}")
    small_count, _html = _count(client, small.url)
    large_count, html = _count(client, large.url)
    assert large_count == small_count
    assert large_count <= BUDGET
    assert html.count("Praktyka małych grantów") == 6  # the newest six of nine
    assert "instrument=male-granty" in html and "9" in html
    assert html.count('class="download"') == 4


def test_cached_page_parts_follow_a_publication_and_a_document_change(
    client, catalogue_page, instruments
):
    document = _document(1)
    page = make_practice(
        catalogue_page,
        [instruments["regranting"]],
        attachments=[{"type": "document", "value": {"document": document.pk, "title": ""}}],
    )
    client.get(page.url)
    assert "Uchwała 1" in client.get(page.url).content.decode()

    document.title = "Regulamin konkursu"
    document.save()
    assert "Regulamin konkursu" in client.get(page.url).content.decode()

    page.partners = [PracticePartner(name="Fundacja Nowa")]
    page.save_revision().publish()
    assert "Fundacja Nowa" in client.get(page.url).content.decode()

    instruments["regranting"].name = "regranting (nazwa zmieniona)"
    instruments["regranting"].save()
    assert "regranting (nazwa zmieniona)" in client.get(page.url).content.decode()


def test_preview_shows_the_draft_not_the_cached_live_page(client, catalogue_page, instruments):
    page = make_practice(catalogue_page, [instruments["regranting"]])
    page.partners = [PracticePartner(name="Fundacja Opublikowana")]
    page.save_revision().publish()
    client.get(page.url)  # the live parts are cached now
    page.partners = [PracticePartner(name="Fundacja Robocza")]
    page.instruments = [instruments["male-granty"]]
    page.save_revision()
    draft = page.get_latest_revision_as_object()
    preview = draft.make_preview_request().content.decode()
    assert "Fundacja Robocza" in preview and "Fundacja Opublikowana" not in preview
    assert "małe granty" in preview
    live = client.get(page.url).content.decode()
    assert "Fundacja Opublikowana" in live and "Fundacja Robocza" not in live


def test_guide_lists_a_tagged_page_of_another_app_at_once_after_publication(
    client, home_page, guide_index, instruments
):
    """The guide's cached list of tagged pages (discovered relations, here the events app's
    trainings) follows a publication and an unpublication at once."""
    events = pytest.importorskip("events.models")
    if not hasattr(events.EventPage, "instruments"):
        pytest.skip("the events app does not tag its pages with instruments")
    index = events.EventIndexPage(title="Szkolenia", slug="wydarzenia")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    guide = make_guide(guide_index, instruments["regranting"])
    assert "Regranting w praktyce" not in client.get(guide.url).content.decode()

    training = events.EventPage(title="Regranting w praktyce", slug="regranting-w-praktyce")
    training.instruments = [instruments["regranting"]]
    index.add_child(instance=training)
    training.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert f'<a href="{training.url}">Regranting w praktyce</a>' in html

    training.unpublish()
    assert "Regranting w praktyce" not in client.get(guide.url).content.decode()
