"""The demo loader builds the site skeleton in both languages and is idempotent."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from cms.models import SiteSettings
from home.models import AccessibilityStatementPage, HomePage
from tests.home.helpers import ALWAYS_REQUIRED_IDS

pytestmark = pytest.mark.django_db

POLISH = [
    "/",
    "/kursy/",
    "/wydarzenia/",
    "/dobre-praktyki/",
    "/instrumenty/",
    "/publikacje/",
    "/newsletter/",
    "/o-projekcie/",
    "/deklaracja-dostepnosci/",
    "/polityka-prywatnosci/",
]
ENGLISH = [
    "/en/",
    "/en/courses/",
    "/en/events/",
    "/en/good-practices/",
    "/en/instruments/",
    "/en/publications/",
    "/en/newsletter/",
    "/en/about/",
    "/en/accessibility-statement/",
    "/en/privacy-policy/",
]


def load_demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_content", stdout=io.StringIO())


def test_demo_content(client, locales, django_capture_on_commit_callbacks):
    """One test, because loading the demo takes a while: it builds every section in both
    languages, fills the legal pages and settings, and a second load changes nothing."""
    load_demo(django_capture_on_commit_callbacks)
    check_sections_in_both_languages(client)
    check_legal_pages_and_partners(client)
    check_privacy_notice(client)
    pages = list(Page.objects.order_by("path").values_list("path", "title", "live"))
    load_demo(django_capture_on_commit_callbacks)
    assert list(Page.objects.order_by("path").values_list("path", "title", "live")) == pages


def check_sections_in_both_languages(client):
    for url in POLISH + ENGLISH:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{"en" if url.startswith("/en/") else "pl"}"' in html, url


def check_legal_pages_and_partners(client):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    settings_obj = SiteSettings.for_site(site)
    assert isinstance(settings_obj.accessibility_statement.specific, AccessibilityStatementPage)
    assert settings_obj.privacy_policy.slug == "polityka-prywatnosci"
    names = [block.value["name"] for block in settings_obj.partners]
    assert "Fundacja Rozwoju Demokracji Lokalnej" in names
    assert "Departament Pożytku Publicznego" in names
    html = client.get("/").content.decode()
    assert "Małopolska Szkoła Administracji Publicznej" in html
    assert "deklaracja-dostępności" in html
    statement = client.get("/deklaracja-dostepnosci/").content.decode()
    for element_id in ALWAYS_REQUIRED_IDS:
        assert statement.count(f'id="{element_id}"') == 1, element_id
    english = client.get("/en/accessibility-statement/").content.decode()
    for element_id in ALWAYS_REQUIRED_IDS:
        assert english.count(f'id="{element_id}"') == 1, element_id
    assert "The website is partially compliant" in english


def check_privacy_notice(client):
    html = client.get("/polityka-prywatnosci/").content.decode()
    for heading in (
        "Administrator danych",
        "Inspektor ochrony danych",
        "Cele i podstawy prawne przetwarzania",
        "Odbiorcy danych",
        "Jak długo przechowujemy dane",
        "Twoje prawa",
        "Skarga do organu nadzorczego",
    ):
        assert f"<h2>{heading}</h2>" in html, heading
    assert "Prezesa Urzędu Ochrony Danych Osobowych" in html
