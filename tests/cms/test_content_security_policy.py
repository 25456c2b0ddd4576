"""The Content-Security-Policy header: strict on the site's pages, the H5P origin allowed as a
frame, a looser policy on the admin; files keep their own headers
(the H5P origin's player and files: tests/h5p/test_serving.py)."""

import pytest

pytestmark = pytest.mark.django_db


def directives(header):
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_site_pages_carry_the_strict_policy_with_the_h5p_origin_as_a_frame(
    client, home_page, settings
):
    settings.H5P_ORIGIN = "https://h5p.mwf.example.pl"
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "https://h5p.mwf.example.pl" in policy["frame-src"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


def test_the_404_page_and_the_login_page_are_covered_too(client, home_page):
    for url, status in (("/nie-ma-takiej-strony/", 404), ("/konto/login/", 200)):
        response = client.get(url)
        assert response.status_code == status
        assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"], url


def test_the_admin_gets_its_own_looser_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "script-src" not in policy and "default-src" not in policy
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def test_files_are_left_to_their_own_headers(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Content-Security-Policy" not in response
