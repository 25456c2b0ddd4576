"""Site chrome every page shares: skip links, landmarks, the accessibility options, languages."""

import pytest
from wagtail.models import Locale

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def test_skip_links_and_landmarks_in_polish(client, home_page):
    html = client.get("/").content.decode()
    assert '<a href="#main">Przejdź do treści</a>' in html
    assert '<a href="#main-menu">Przejdź do menu</a>' in html
    assert '<main id="main"' in html
    assert 'id="main-menu"' in html
    assert "<header" in html and "<footer" in html
    assert "Ułatwienia dostępu" in html


def test_accessibility_cookie_sets_the_classes_and_pressed_buttons(client, home_page):
    client.cookies["a11y"] = "contrast-larger"
    html = client.get("/").content.decode()
    assert 'class="a11y-contrast a11y-text-larger"' in html
    assert 'data-a11y-contrast aria-pressed="true"' in html
    assert 'data-a11y-size="larger" aria-pressed="true"' in html
    assert 'data-a11y-size="normal" aria-pressed="false"' in html


def test_a_forged_accessibility_cookie_is_ignored(client, home_page):
    client.cookies["a11y"] = '"><script>x</script>-huge'
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>x" not in html
    assert '<html lang="pl" class="">' in html


@pytest.fixture
def english_home(home_page, locales):
    english = home_page.copy_for_translation(locales["en"])
    english.title = "Home"
    english.save_revision().publish()
    about = StandardPage(title="O projekcie", slug="o-projekcie", show_in_menus=True)
    home_page.add_child(instance=about)
    about.save_revision().publish()
    about_en = about.copy_for_translation(locales["en"])
    about_en.title = "About"
    about_en.slug = "about"
    about_en.save_revision().publish()
    return english


def test_english_pages_have_english_lang_and_menu(client, english_home):
    html = client.get("/en/about/").content.decode()
    assert '<html lang="en"' in html
    assert '<a href="#main">Skip to content</a>' in html
    assert '<a href="/en/about/" aria-current="page">About</a>' in html


def test_language_switcher_links_the_translation(client, english_home):
    html = client.get("/o-projekcie/").content.decode()
    assert 'href="/en/about/" lang="en" hreflang="en">English</a>' in html
    html = client.get("/en/about/").content.decode()
    assert 'href="/o-projekcie/" lang="pl" hreflang="pl">Polski</a>' in html


def test_language_switcher_falls_back_to_the_home_page(client, english_home):
    only_polish = StandardPage(title="Tylko po polsku", slug="tylko-pl")
    english_home.get_translation(Locale.objects.get(language_code="pl")).add_child(
        instance=only_polish
    )
    only_polish.save_revision().publish()
    html = client.get("/tylko-pl/").content.decode()
    assert 'href="/en/" lang="en" hreflang="en">English</a>' in html


def test_language_switcher_on_a_non_page_view(client, home_page):
    html = client.get("/szukaj/").content.decode()
    assert 'href="/en/search/" lang="en"' in html


def test_menu_follows_publishing_at_once(client, home_page):
    assert "Nowa sekcja" not in client.get("/").content.decode()
    page = StandardPage(title="Nowa sekcja", slug="nowa", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert '<a href="/nowa/">Nowa sekcja</a>' in client.get("/").content.decode()
    page.unpublish()
    assert "Nowa sekcja" not in client.get("/").content.decode()


def test_query_count_of_a_page_does_not_grow_with_the_site(client, home_page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        client.get(url)  # warm up: the chrome, Wagtail's site root paths, the cache table
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    about = StandardPage(title="O projekcie", slug="o-projekcie", show_in_menus=True)
    home_page.add_child(instance=about)
    about.save_revision().publish()
    small = {url: queries(url) for url in ("/", "/o-projekcie/")}
    for i in range(12):
        page = StandardPage(title=f"Sekcja {i}", slug=f"sekcja-{i}", show_in_menus=True)
        home_page.add_child(instance=page)
        page.save_revision().publish()
        child = StandardPage(title=f"Podstrona {i}", slug=f"podstrona-{i}")
        about.add_child(instance=child)
        child.save_revision().publish()
    large = {url: queries(url) for url in ("/", "/o-projekcie/")}
    assert small == large
    assert max(large.values()) <= 15
