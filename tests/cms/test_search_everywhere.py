"""One search everywhere (cms.search): the same inflected, diacritic-free words find the same
pages in the site search (Polish and English), the practices catalogue, the API's `search=` and
the Wagtail admin's page search; lessons stay out for people who may not open them; nothing a
visitor types makes any of them fail. One test per concern, the demo loaded once per test."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from demo.login import DEMO_EDITOR_EMAIL

pytestmark = pytest.mark.django_db

PRACTICE = "/dobre-praktyki/fundusz-solecki-swietlice/"
LESSON = "/kursy/regranting/podstawy-regrantingu/konkurs-na-operatora/"


@pytest.fixture
def demo():
    call_command("load_demo_content", stdout=io.StringIO())


def site_urls(client, query, path="/szukaj/"):
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    return [page.url for page in response.context["page_obj"].object_list]


def test_the_same_words_find_the_same_practice_everywhere(client, demo):
    query = "swietlic wiejskich"
    practice = Page.objects.get(url_path__endswith="/fundusz-solecki-swietlice/").specific

    assert PRACTICE in site_urls(client, query)[:5]

    catalogue = client.get("/dobre-praktyki/", {"q": query})
    assert catalogue.status_code == 200
    assert practice.title in [item.title for item in catalogue.context["result"].items]
    # One word typed with a typo (one edit, five letters or more) finds it too.
    typo = client.get("/dobre-praktyki/", {"q": "swietlic wiejskch"})
    assert practice.title in [item.title for item in typo.context["result"].items]

    api = client.get("/api/v2/pages/", {"search": query})
    assert api.status_code == 200
    assert practice.pk in [item["id"] for item in api.json()["items"]][:5]
    ordered = client.get("/api/v2/pages/", {"search": query, "order": "title"})
    assert practice.pk in [item["id"] for item in ordered.json()["items"]]
    practices_api = client.get("/api/v2/practices/", {"q": query})
    assert practices_api.status_code == 200
    assert practice.pk in [item["id"] for item in practices_api.json()["items"]]

    client.force_login(get_user_model().objects.get(email=DEMO_EDITOR_EMAIL))
    admin = client.get("/admin/pages/search/", {"q": query})
    assert admin.status_code == 200
    assert practice.pk in [page.pk for page in admin.context["pages"]]
    # Wagtail's own filter syntax still works beside the words.
    admin_live = client.get("/admin/pages/search/", {"q": f"{query} live:yes"})
    assert practice.pk in [page.pk for page in admin_live.context["pages"]]


def test_english_pages_are_found_by_english_forms(client, demo):
    urls = site_urls(client, "village funds", "/en/search/")
    assert urls and all(url.startswith("/en/") for url in urls), urls
    assert any("solecki" in url or "village" in url for url in urls[:5]), urls


def test_lessons_only_for_people_who_may_open_them(client, demo):
    query = "konkursu na operatora"
    assert LESSON not in site_urls(client, query)
    client.force_login(get_user_model().objects.get(email=DEMO_EDITOR_EMAIL))
    assert LESSON in site_urls(client, query)[:5]


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, '" AND ( NEAR * ^', "\u00a0\t", "zażółć " * 300, "🙂 ∑ ½", "a-b_c.d", "'; --"],
)
def test_odd_queries_are_answered_everywhere(client, query):
    assert client.get("/szukaj/", {"q": query}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": query}).status_code == 200
    assert client.get("/api/v2/pages/", {"search": query, "order": "title"}).status_code == 200
