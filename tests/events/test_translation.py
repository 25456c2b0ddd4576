"""A translated training (wagtail-localize copies the page, with its inline sessions, into the
/en/ tree) shows and fills the sessions of the Polish original: one pool of seats."""

import io
import re

import pytest
from django.urls import reverse

from certificates import services as certificate_services
from certificates.models import Certificate
from demo.content import events as demo_events
from events.attendance import mark_attendance
from events.models import (
    EventConsent,
    EventPage,
    EventQuestion,
    Registration,
    Session,
    Status,
)
from events.registration import confirm_email, register
from events.seats import seats_taken
from tests.certificates.pdf_text import pdf_words

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


@pytest.fixture
def demo_trainings(home_page, locales, event_index):
    """The demo trainings with their English translations, under an English training index."""
    home_page.copy_for_translation(locales["en"]).save_revision().publish()
    english_index = event_index.copy_for_translation(locales["en"])
    english_index.slug = "events"
    english_index.save_revision().publish()
    demo_events.load(home_page, {"wydarzenia": event_index}, io.StringIO())
    return EventPage.objects.get(slug="regranting-krok-po-kroku", locale=locales["pl"])


def test_demo_trainings_have_english_versions_listed_under_en(client, demo_trainings, locales):
    english = EventPage.objects.filter(locale=locales["en"])
    assert english.count() == len(demo_events.TRAININGS)
    html = client.get("/en/events/").content.decode()
    assert "Regranting step by step" in html
    assert "Regranting krok po kroku" not in html
    regranting = demo_trainings.get_translation(locales["en"]).specific
    page = client.get(regranting.url).content.decode()
    assert "trainer, FRDL" in page and "What regranting is" in page
    form = client.get(regranting.url + f"zapisy/{demo_trainings.sessions.first().pk}/")
    text = form.content.decode()
    assert "Do you have any dietary requirements?" in text
    assert "I consent to the organiser processing my personal data" in text
    assert "Wyrażam zgodę" not in text


def test_english_registration_end_to_end(client, demo_trainings, locales, smtp_inbox):
    english = demo_trainings.get_translation(locales["en"]).specific
    source = demo_trainings.sessions.order_by("sort_order").first()
    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/events/regranting-step-by-step/")
    assert f"zapisy/{source.pk}/" in html  # the Polish session, not the copy

    form = client.get(english.url + f"zapisy/{source.pk}/").content.decode()
    question = EventQuestion.objects.get(page=english)
    consent = EventConsent.objects.get(page=english)
    assert f'name="q_{question.pk}"' in form
    data = {**person(7), f"q_{question.pk}": "vegetarian", f"consent_{consent.pk}": "on"}
    with do.__globals__["_capture"](execute=True):
        response = client.post(english.url + f"zapisy/{source.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    registration = Registration.objects.get(email="osoba7@example.pl")
    assert registration.session_id == source.pk and registration.language == "en"
    assert registration.answers[str(question.pk)]["value"] == "vegetarian"
    assert "I consent" in str(registration.consents)

    message = smtp_inbox.only()
    assert message.subject == (
        "Confirm your registration: Regranting step by step: choosing an operator and "
        "accounting for micro-grants"
    )
    assert "no seat is reserved" in message.text
    assert "/en/events/regranting-step-by-step/" in message.text
    link = re.search(r"https?://\S+/en/events/registration/\S+/", message.text).group(0)
    path = "/" + link.split("/", 3)[3]

    # The person's page shows the English question with their answer, in English.
    page = client.get(path).content.decode()
    assert "Do you have any dietary requirements?" in page and "vegetarian" in page

    smtp_inbox.clear()
    with do.__globals__["_capture"](execute=True):
        client.post(path, {"action": "confirm"})
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    source.refresh_from_db()
    assert source.seats_taken == 1 == seats_taken(source)
    confirmed = smtp_inbox.only()
    assert confirmed.subject.startswith("Your seat is confirmed: Regranting step by step")
    ((_name, _type, invite),) = confirmed.attachments("text/calendar")
    assert b"SUMMARY:Regranting step by step" in invite.replace(b"\r\n ", b"")

    # Attendance gives the certificate as for any registration, in the language of the
    # registration and with the English title.
    do(mark_attendance, registration, True)
    registration.refresh_from_db()
    assert registration.certificate_code
    certificate = Certificate.objects.get(code=registration.certificate_code)
    assert certificate.language == "en"
    assert certificate.title.startswith("Regranting step by step")
    text = pdf_words(certificate_services.render_pdf(certificate))
    assert "took part in the training" in text and "Zaświadcza" not in text
