"""An issue sent before the English URL segments carries /en/subskrypcja/... in its
List-Unsubscribe header: the mail provider's one-click POST there still unsubscribes (a 301
would turn it into a GET), and CSRF stays as each view has it."""

import pytest
from django.test import Client
from django.utils import translation

from newsletter.models import Subscriber
from newsletter.tokens import personal_token

pytestmark = pytest.mark.django_db


def test_one_click_post_to_the_old_english_address_unsubscribes(index_page):
    subscriber = Subscriber.objects.create(
        email="reader@example.org", status="confirmed", language="en"
    )
    token = personal_token(subscriber)
    old = f"/en/subskrypcja/wypisz/{token}/jednym-kliknieciem/"
    client = Client(enforce_csrf_checks=True)
    assert client.get(old)["Location"] == f"/en/newsletter/unsubscribe/{token}/one-click/"
    response = client.post(
        old, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    translation.activate("pl")


def test_a_post_to_an_old_address_keeps_the_views_csrf_check(index_page):
    client = Client(enforce_csrf_checks=True)
    subscriber = Subscriber.objects.create(
        email="reader@example.org", status="confirmed", language="en"
    )
    token = personal_token(subscriber)
    # The preferences form is CSRF-protected: without the token the old address refuses it too.
    assert client.post(f"/en/subskrypcja/ustawienia/{token}/", {}).status_code == 403
    # The signup form takes no token (so pages carrying it can be cached, cms/page_cache.py):
    # the old address hands the POST to the view, which answers an incomplete form with 400.
    assert client.post("/en/subskrypcja/zapis/", {"email": "a@example.org"}).status_code == 400
    # A page under the redirect's segments (the Polish training index) keeps its CSRF check.
    assert client.post("/wydarzenia/", {}).status_code == 403
    translation.activate("pl")
