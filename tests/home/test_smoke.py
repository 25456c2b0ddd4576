import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="pl"' in response.content.decode()


def test_unknown_url_gives_404(client, home_page):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
