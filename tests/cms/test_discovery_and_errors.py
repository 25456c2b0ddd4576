"""Bad input never breaks a page: unknown URLs, the error page, odd search queries; and the
files that search engines read."""

import pytest
from django.test import RequestFactory

from cms.views import server_error
from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_unknown_url_gives_the_polish_404_page(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="pl"' in html
    assert "Nie znaleziono strony" in html
    assert "Przejdź do strony głównej" in html


def test_unknown_english_url_gives_the_english_404_page(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_error_page_is_polish_and_needs_no_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "wystąpił błąd serwera" in html


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_live_pages(client, home_page):
    page = StandardPage(title="O projekcie", slug="o-projekcie")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/o-projekcie/</loc>" in response.content.decode()


@pytest.fixture
def searchable(home_page):
    page = StandardPage(title="Regranting w praktyce", slug="regranting", lead="Operator")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_search_finds_a_page(client, searchable):
    html = client.get("/szukaj/", {"q": "regranting"}).content.decode()
    assert 'href="/regranting/"' in html
    assert "1 wynik" in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "regranting " * 500,
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "<script>alert('x')</script>",
        '"><img src=x onerror=alert(1)>',
        "%00 \\ ' \" ` ( ) * : ^ ~ -",
        "AND OR NOT",
    ],
)
def test_search_answers_any_query_normally(client, searchable, query):
    response = client.get("/szukaj/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "onerror=alert(1)>" not in html
    assert html.count("<h1") == 1


def test_long_search_query_is_cut_and_the_user_told(client, searchable):
    html = client.get("/szukaj/", {"q": "x" * 5000}).content.decode()
    assert "użyliśmy tylko jego początku" in html
    assert "x" * 201 not in html


def test_search_with_a_bad_page_number_shows_the_first_page(client, searchable):
    response = client.get("/szukaj/", {"q": "regranting", "page": "abc"})
    assert response.status_code == 200
    response = client.get("/szukaj/", {"q": "regranting", "page": "999"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("path", "words", "home"),
    [
        ("/wydarzenia/nie-ma-takiego/", "Nie znaleziono strony", 'href="/"'),
        ("/en/events/no-such-training/", "Page not found", 'href="/en/"'),
    ],
)
def test_development_shows_the_site_404_in_the_page_language(
    client, home_page, settings, path, words, home
):
    settings.DEBUG = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "cms.middleware.SiteNotFoundPageMiddleware"]
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert words in html and home in html
    assert "Django tried these URL patterns" not in html
    technical = client.get(path + "?technical404").content.decode()
    assert "Page not found at /" in technical and "Go to the home page" not in technical


def test_development_settings_use_the_site_404():
    from config.settings import dev  # the dev settings module only, not the active settings

    assert dev.DEBUG and "cms.middleware.SiteNotFoundPageMiddleware" in dev.MIDDLEWARE
