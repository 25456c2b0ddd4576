"""Isolation: the player and the package files exist only on the H5P origin, with nosniff,
exact MIME types and a CSP that lets only the site frame the player."""

import pytest
from django.test import Client

from h5p import player_urls
from tests.h5p.conftest import H5P_HOST, SITE_HOST

pytestmark = pytest.mark.django_db

MIDDLEWARE = "h5p.middleware.H5POriginMiddleware"


def file_url(package, lesson_id, path):
    token = player_urls.make_token(package.pk, lesson_id)
    return f"/h5p-files/{token}/{path}"


def test_package_file_from_h5p_origin(client, tiny_package):
    url = file_url(tiny_package, 1, "MWF.TinyQuiz-1.0/tiny-quiz.js")
    response = client.get(url, headers={"host": H5P_HOST})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"MWF.TinyQuiz" in b"".join(response.streaming_content)

    json_response = client.get(
        file_url(tiny_package, 1, "content/content.json"), headers={"host": H5P_HOST}
    )
    assert json_response["Content-Type"] == "application/json"
    assert json_response["Access-Control-Allow-Origin"] == "*"
    b"".join(json_response.streaming_content)  # consumed: the client closes the file


def test_package_file_from_the_sites_origin_is_404(client, tiny_package):
    for path in ("h5p.json", "content/content.json", "MWF.TinyQuiz-1.0/tiny-quiz.js"):
        response = client.get(file_url(tiny_package, 1, path), headers={"host": SITE_HOST})
        assert response.status_code == 404


def test_player_page_from_the_sites_origin_is_404(client, tiny_package):
    url = player_urls.player_url(tiny_package.pk, 1).removeprefix(f"http://{H5P_HOST}")
    assert client.get(url, headers={"host": SITE_HOST}).status_code == 404


def test_player_page_headers(client, tiny_package):
    url = player_urls.player_url(tiny_package.pk, 7)
    assert url.startswith(f"http://{H5P_HOST}/h5p-player/")
    response = client.get(url.removeprefix(f"http://{H5P_HOST}"), headers={"host": H5P_HOST})
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert f"frame-ancestors http://{SITE_HOST}" in csp
    assert "sandbox allow-scripts" in csp and "allow-same-origin" not in csp
    assert "X-Frame-Options" not in response  # the CSP decides who may frame it
    assert response["X-Content-Type-Options"] == "nosniff"
    body = response.content.decode()
    assert "/h5p-assets/standalone/main.bundle.js" in body
    assert f"http://{SITE_HOST}/h5p/activity/7/{tiny_package.pk}" in body  # the xAPI object id


@pytest.mark.parametrize(
    "path",
    ["content/../h5p.json", "MWF.TinyQuiz-1.0/missing.js", "Other-1.0/library.json", "nothing"],
)
def test_only_files_of_the_package_are_served(client, tiny_package, path):
    response = client.get(file_url(tiny_package, 1, path), headers={"host": H5P_HOST})
    assert response.status_code == 404


def test_forged_or_expired_tokens_are_404(client, tiny_package, monkeypatch):
    good = player_urls.make_token(tiny_package.pk, 1)
    forged = good.replace(f"{tiny_package.pk}.1.", f"{tiny_package.pk}.2.", 1)
    assert (
        client.get(f"/h5p-files/{forged}/h5p.json", headers={"host": H5P_HOST}).status_code == 404
    )
    monkeypatch.setattr(player_urls, "_today", lambda: 10**6)
    old = player_urls.make_token(tiny_package.pk, 1)
    monkeypatch.setattr(player_urls, "_today", lambda: 10**6 + 5)
    assert client.get(f"/h5p-files/{old}/h5p.json", headers={"host": H5P_HOST}).status_code == 404


def test_player_assets(client):
    response = client.get("/h5p-assets/standalone/main.bundle.js", headers={"host": H5P_HOST})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    b"".join(response.streaming_content)
    player_js = client.get("/h5p-assets/player.js", headers={"host": H5P_HOST})
    assert player_js.status_code == 200
    b"".join(player_js.streaming_content)
    assert client.get("/h5p-assets/player.js", headers={"host": SITE_HOST}).status_code == 404
    for bad in ("standalone/../package.json", "standalone/main.bundle.js.LICENSE.txt", "x.js"):
        assert client.get(f"/h5p-assets/{bad}", headers={"host": H5P_HOST}).status_code == 404


def test_middleware_gives_the_h5p_origin_nothing_but_h5p(settings, home_page, tiny_package):
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], MIDDLEWARE, *settings.MIDDLEWARE[1:]]
    client = Client()
    # The site's pages, the admin and the session endpoints do not exist on the H5P origin ...
    assert client.get("/", headers={"host": H5P_HOST}).status_code == 404
    assert client.get("/admin/", headers={"host": H5P_HOST}).status_code == 404
    assert client.post("/h5p/xapi/1/1/", headers={"host": H5P_HOST}).status_code == 404
    # ... while its files do; and the site is unchanged on its own origin.
    url = file_url(tiny_package, 1, "h5p.json")
    response = client.get(url, headers={"host": H5P_HOST})
    assert response.status_code == 200
    b"".join(response.streaming_content)
    assert client.get(url, headers={"host": SITE_HOST}).status_code == 404
    assert client.get("/", headers={"host": SITE_HOST}).status_code == 200


def test_run_h5p_origin_serves_only_the_origin_urls(settings, monkeypatch):
    from django.core.management.commands.runserver import Command as Runserver

    from h5p.management.commands.run_h5p_origin import Command

    settings.H5P_ORIGIN = "http://127.0.0.1:8001"
    seen = {}

    def fake_handle(self, *args, **options):
        seen["urlconf"] = settings.ROOT_URLCONF
        seen["addrport"] = options["addrport"]

    monkeypatch.setattr(Runserver, "handle", fake_handle)
    Command().handle(addrport=None)
    assert seen == {"urlconf": "h5p.origin_urls", "addrport": "127.0.0.1:8001"}
