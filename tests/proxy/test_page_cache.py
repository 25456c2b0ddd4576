"""Through nginx (deploy/nginx/) in front of gunicorn with production settings: anonymous pages
come from the page cache the second time, a logged-in visitor never gets or fills it, and an
editor's publish is visible through the proxy at once (the purge, cms/page_cache.py)."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from home.models import StandardPage

from .stack import (  # noqa: F401
    Stack,
    collected_static,
    database_url,
    https_session,
    needs_nginx,
    production_env,
    run_django,
)

pytestmark = [pytest.mark.proxy, needs_nginx, pytest.mark.django_db(transaction=True)]

PASSWORD = "Haslo-testowe-123"


@pytest.fixture
def about(home_page):
    page = StandardPage(title="O projekcie", slug="o-projekcie", lead="Pierwsza wersja opisu.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user("jan@example.pl", "jan@example.pl")
    # Hashed as production hashes (the test settings' MD5 hasher is unknown there).
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def document(home_page):
    body = b"%PDF-1.4\n% regulamin konkursu\n"
    return Document.objects.create(
        title="Regulamin",
        file=ContentFile(body, name="regulamin.pdf"),
        collection=Collection.get_first_root_node(),
    )


@pytest.fixture
def stack(about, member, document, tmp_path, collected_static):  # noqa: F811
    env = production_env(database_url(tmp_path), MEDIA_ROOT=str(tmp_path / "media"))
    with Stack(tmp_path / "run", env, static_root=collected_static) as running:
        yield running


def log_in(client, stack):
    login_url = stack.site_url + "/konto/login/"
    page = client.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        login_url,
        data={"csrfmiddlewaretoken": token, "login": "jan@example.pl", "password": PASSWORD},
        headers={"Referer": login_url},
        allow_redirects=False,
    )
    assert response.status_code == 302, re.findall(r'class="errorlist[^>]*>(.*?)</', response.text)
    assert "sessionid" in client.cookies


def test_anonymous_page_is_a_hit_the_second_time(stack):
    client = https_session(stack)
    url = stack.site_url + "/o-projekcie/"
    first = client.get(url)
    assert first.status_code == 200
    assert "Pierwsza wersja opisu." in first.text
    assert first.headers["X-Cache-Status"] == "MISS"
    assert "public" in first.headers["Cache-Control"]
    assert "Set-Cookie" not in first.headers
    second = client.get(url)
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.text == first.text
    # HTML is compressed on the way out; static files carry a year's lifetime.
    assert second.headers.get("Content-Encoding") == "gzip"
    css = re.search(r'href="(/static/[^"]+\.css)"', first.text).group(1)
    static = client.get(stack.site_url + css)
    assert static.status_code == 200
    assert "immutable" in static.headers["Cache-Control"]


def test_logged_in_visitor_is_never_served_from_or_into_the_cache(stack):
    anonymous = https_session(stack)
    url = stack.site_url + "/o-projekcie/"
    anonymous.get(url)
    assert anonymous.get(url).headers["X-Cache-Status"] == "HIT"

    member = https_session(stack)
    log_in(member, stack)
    for _ in range(2):
        response = member.get(url)
        assert response.headers["X-Cache-Status"] == "BYPASS"
        assert "private" in response.headers["Cache-Control"]
        assert "Log out" in response.text or "Wyloguj" in response.text
    # The cached copy is still the anonymous one: no name, no logout form.
    again = anonymous.get(url)
    assert again.headers["X-Cache-Status"] == "HIT"
    assert "Wyloguj" not in again.text
    assert "csrfmiddlewaretoken" not in again.text


def test_a_published_change_shows_through_the_proxy_within_a_second(stack, about):
    client = https_session(stack)
    url = stack.site_url + "/o-projekcie/"
    home = stack.site_url + "/"
    client.get(url)
    client.get(home)
    assert client.get(url).headers["X-Cache-Status"] == "HIT"
    assert client.get(home).headers["X-Cache-Status"] == "HIT"

    out = run_django(
        stack,
        "from home.models import StandardPage\n"
        f"page = StandardPage.objects.get(pk={about.pk})\n"
        "page.lead = 'Druga wersja opisu.'\n"
        "page.title = 'O projekcie MWF'\n"
        "page.save_revision().publish()\n"
        "print('published')\n",
    )
    published_at = time.monotonic()
    assert out.strip().endswith("published")
    while True:
        response = client.get(url)
        if "Druga wersja opisu." in response.text:
            break
        assert time.monotonic() - published_at < 1, "the old version is still served"
        time.sleep(0.05)
    assert time.monotonic() - published_at < 1
    assert response.headers["X-Cache-Status"] == "MISS"
    # The parent (here the home page) was purged too, as was the sitemap.
    assert client.get(home).headers["X-Cache-Status"] == "MISS"
    assert client.get(url).headers["X-Cache-Status"] == "HIT"


def test_a_document_is_sent_by_nginx_after_the_check(stack, document):
    client = https_session(stack)
    response = client.get(stack.site_url + document.url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4\n% regulamin konkursu\n"
    assert "X-Accel-Redirect" not in response.headers
    assert "regulamin.pdf" in response.headers["Content-Disposition"]
    # The internal location answers only nginx's own redirects.
    name = document.file.name.removeprefix("documents/")
    assert client.get(stack.site_url + "/_protected/documents/" + name).status_code == 404
