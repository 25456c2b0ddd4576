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


def test_signup_block_renders_the_form_with_unique_ids(index_page, rf):
    from newsletter.blocks import NewsletterSignupBlock

    request = rf.get("/o-nas/")
    block = NewsletterSignupBlock()
    value = block.to_python({"heading": "Bądź na bieżąco", "intro": "Raz w miesiącu."})
    first = block.render(value, context={"request": request})
    second = block.render(value, context={"request": request})
    assert "Bądź na bieżąco" in first and 'id="nl1-email"' in first
    assert 'id="nl2-email"' in second  # two forms on one page never share ids


def test_issue_page_has_a_send_button_in_the_admin(admin_client, issue, index_page):
    edit = admin_client.get(f"/admin/pages/{issue.pk}/edit/").content.decode()
    assert f"/admin/newsletter_admin/issue/{issue.pk}/" in edit
    other = admin_client.get(f"/admin/pages/{index_page.pk}/edit/").content.decode()
    assert "/admin/newsletter_admin/issue/" not in other


def test_admin_menu_lists_the_newsletter_views(admin_client, index_page):
    html = admin_client.get("/admin/").content.decode()
    for url in (
        "/admin/newsletter_subscribers/",
        "/admin/newsletter_lists/",
        "/admin/newsletter_admin/",
    ):
        assert url in html
