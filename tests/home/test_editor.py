"""The demo editor edits and publishes content but cannot manage users or site settings."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from demo.content import site as demo
from demo.login import DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD, EDITORS_GROUP
from home.models import StandardPage
from tests.home.helpers import edit_and_publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, home_page):
    editor = demo.load_editor()
    assert editor.groups.filter(name=EDITORS_GROUP).exists()
    # The editor logs in through the admin's own form, with the printed e-mail and password.
    response = client.post(
        reverse("wagtailadmin_login"),
        {"username": DEMO_EDITOR_EMAIL, "password": DEMO_EDITOR_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    return client


def test_editor_edits_and_publishes_a_page(editor_client, home_page):
    page = StandardPage(title="O projekcie", slug="o-projekcie")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    response = edit_and_publish(editor_client, page, title="O programie MWF")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "O programie MWF" and page.live


def test_editor_is_refused_the_users(editor_client):
    for url in (reverse("wagtailusers_users:index"), reverse("wagtailusers_groups:index")):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/admin/users/" not in response["Location"]


def test_editor_is_refused_the_site_settings(editor_client):
    site = Site.objects.get()
    url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", site.pk])
    response = editor_client.get(url)
    assert response.status_code in (302, 403)
    response = editor_client.post(url, {"organisation": "Przejęte"})
    assert response.status_code in (302, 403)
    from cms.models import SiteSettings

    assert SiteSettings.for_site(site).organisation != "Przejęte"


def test_loading_the_editor_twice_changes_nothing(home_page):
    demo.load_editor()
    from django.contrib.auth.models import Group

    before = Group.objects.get(name=EDITORS_GROUP).permissions.count()
    demo.load_editor()
    assert Group.objects.get(name=EDITORS_GROUP).permissions.count() == before


def test_editor_can_start_a_translation_with_wagtail_localize(editor_client, home_page, locales):
    page = StandardPage(title="O projekcie", slug="o-projekcie")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    home_page.copy_for_translation(locales["en"]).save_revision().publish()
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = editor_client.get(url)
    assert response.status_code == 200
    response = editor_client.post(
        url, {"locales": [locales["en"].pk], "include_subtree": ""}, follow=False
    )
    assert response.status_code == 302
    assert page.get_translation_or_none(locales["en"]) is not None
