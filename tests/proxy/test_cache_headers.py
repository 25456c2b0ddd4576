"""What Django tells the shared page cache (cms/page_cache.py): public pages for anonymous
visitors are `public, s-maxage`, and everything personal is `private`. No proxy needed."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from cms.middleware import ProxiedClientAddressMiddleware
from home.models import StandardPage
from newsletter.models import ConsentText

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def about(home_page):
    page = StandardPage(title="O projekcie", slug="o-projekcie", lead="Opis programu.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_an_anonymous_page_is_public_without_vary_cookie(client, about, settings):
    settings.PAGE_CACHE_SECONDS = 90
    response = client.get("/o-projekcie/")
    assert response.status_code == 200
    assert directives(response) == {"public", "s-maxage=90", "max-age=0"}
    assert "cookie" not in response.get("Vary", "").lower()
    assert not response.cookies


def test_the_home_page_with_the_newsletter_form_is_public(client, home_page):
    ConsentText.objects.create(text="Zgadzam się na otrzymywanie newslettera programu MWF.")
    response = client.get("/")
    assert 'action="/subskrypcja/zapis/"' in response.content.decode()
    assert "public" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_a_logged_in_visitor_gets_private_pages(client, about, django_user_model):
    user = django_user_model.objects.create_user("jan@example.pl", "jan@example.pl", "x-Haslo-1")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.force_login(user)
    response = client.get("/o-projekcie/")
    assert response["Cache-Control"] == "private"


def test_a_stale_session_cookie_alone_makes_the_page_private(about):
    client = Client()
    client.cookies["sessionid"] = "no-such-session"
    assert client.get("/o-projekcie/")["Cache-Control"] == "private"


def test_a_pending_message_makes_the_page_private(about):
    client = Client()
    client.cookies["messages"] = "anything"
    assert client.get("/o-projekcie/")["Cache-Control"] == "private"


def test_a_query_string_is_not_kept(client, about):
    assert client.get("/o-projekcie/?utm_source=x")["Cache-Control"] == "private"


def test_a_page_with_a_csrf_form_is_private(client):
    # The login form carries the visitor's token and sets the CSRF cookie.
    response = client.get("/konto/login/")
    assert response.status_code == 200
    assert "private" in directives(response)


def test_not_found_is_not_kept(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_the_visitor_address_comes_from_a_trusted_proxy_only(client, about, settings, rf):
    seen = []

    def view(request):
        seen.append(request.META["REMOTE_ADDR"])
        return None

    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    middleware = ProxiedClientAddressMiddleware(view)
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7"))
    middleware(rf.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_REAL_IP="203.0.113.7"))
    assert seen == ["203.0.113.7", "198.51.100.1"]
