"""A translated training (wagtail-localize copies the page, with its inline sessions, into the
/en/ tree) shows and fills the sessions of the Polish original: one pool of seats."""

import re

import pytest
from django.urls import reverse

from events.models import EventPage, Registration, Session, Status
from events.registration import confirm_email, register
from events.seats import seats_taken

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(home_page, locales, event_index):
    polish = make_event(event_index, title="Regranting w praktyce", sessions=[{"capacity": 2}])
    home_page.copy_for_translation(locales["en"]).save_revision().publish()
    event_index.copy_for_translation(locales["en"]).save_revision().publish()
    english = polish.copy_for_translation(locales["en"])
    english.title = "Regranting in practice"
    english.save_revision().publish()
    return polish, EventPage.objects.get(pk=english.pk)


def test_english_page_registers_into_the_polish_session(client, pair):
    polish, english = pair
    source = polish.sessions.get()
    copy = Session.objects.get(page=english)  # the copy wagtail-localize made
    assert copy.pk != source.pk and copy.seats_taken == 0
    assert english.url.startswith("/en/")

    html = client.get(english.url).content.decode()
    assert f"zapisy/{source.pk}/" in html
    assert f"zapisy/{copy.pk}/" not in html
    assert client.get(english.url + f"zapisy/{copy.pk}/").status_code == 404

    do(register, source.pk, email_verified=True, **person(1))  # via the Polish page
    with do.__globals__["_capture"](execute=True):
        response = client.post(english.url + f"zapisy/{source.pk}/", person(2))
    assert response.status_code == 302
    registration = Registration.objects.get(email="osoba2@example.pl")
    assert registration.session_id == source.pk
    assert registration.language == "en"
    assert registration.status == Status.PENDING
    do(confirm_email, registration)
    source.refresh_from_db()
    assert source.seats_taken == 2 == seats_taken(source)
    assert not Registration.objects.filter(session=copy).exists()

    # Both pages now say the session is full.
    for page in (polish, english):
        html = client.get(page.url).content.decode()
        match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert '"remainingAttendeeCapacity": 0' in match.group(1)
        assert "SoldOut" in match.group(1)


def test_feed_lists_each_session_once(client, pair):
    polish, english = pair
    text = client.get(reverse("events:feed")).content.decode()
    assert text.count("BEGIN:VEVENT") == 1
    source = polish.sessions.get()
    assert f"szkolenie-{source.pk}" in client.get(
        reverse("events:session_ics", args=[source.pk])
    ).get("Content-Disposition", "")
    copy = Session.objects.get(page=english)
    assert client.get(reverse("events:session_ics", args=[copy.pk])).status_code == 404
