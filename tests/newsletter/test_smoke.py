from django.template import Context, Template
from django.test import RequestFactory


def test_signup_tag_renders_on_any_page(index_page, rf: RequestFactory):
    request = rf.get("/")
    html = Template("{% load newsletter_tags %}{% newsletter_signup %}").render(
        Context({"request": request})
    )
    assert 'name="email"' in html
    assert "Zgadzam się" in html


def test_index_page_shows_form(client, index_page):
    response = client.get(index_page.url)
    assert response.status_code == 200
    assert b'name="consent"' in response.content
