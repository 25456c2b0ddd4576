"""Calendar files, JSON-LD, the registration form and the self-service page."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from events import ics
from events.models import Registration, Status
from events.registration import cancel, register
from events.tokens import make_token
from tests.mail_sink import calendar_methods

from .conftest import add_consent, add_question, do, make_event, person

pytestmark = pytest.mark.django_db
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def reg(session, n=1, **extra):
    return do(register, session.pk, email_verified=True, **person(n, **extra))


def parse(content):
    cal = Calendar.from_ical(content)
    events = list(cal.walk("VEVENT"))
    return cal, events


def next_dst_change():
    """The first day in Warsaw after which the UTC offset differs (the next DST change)."""
    day = timezone.localdate() + datetime.timedelta(days=2)
    noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=WARSAW)
    while True:
        nxt = noon + datetime.timedelta(days=1)
        if nxt.utcoffset() != noon.utcoffset():
            return noon, nxt
        noon = nxt


def test_invite_uid_stable_sequence_grows_and_cancel(event_index):
    # One session the day before the next DST change in Poland, one the day after it.
    day_before, day_after = next_dst_change()
    before = day_before.replace(hour=10, minute=0)
    after = (day_after + datetime.timedelta(days=1)).replace(hour=10, minute=0)
    page = make_event(event_index, sessions=[{"starts_at": before}, {"starts_at": after}])
    s1, s2 = page.sessions.order_by("starts_at")
    r = reg(s1)
    cal, (event,) = parse(ics.invite(r))
    assert str(cal["method"]) == "REQUEST"
    uid, seq = str(event["uid"]), int(event["sequence"])
    assert event.decoded("dtstart") == before
    offset_before = int(before.utcoffset().total_seconds() // 3600)
    assert event.decoded("dtstart").astimezone(datetime.UTC).hour == 10 - offset_before
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Europe/Warsaw"
    assert "ATTENDEE" in event

    # Same registration, same UID; a change of time raises SEQUENCE.
    s1.starts_at = before + datetime.timedelta(hours=1)
    s1.ends_at = s1.starts_at + datetime.timedelta(hours=3)
    s1.save()
    r.refresh_from_db()
    _, (event2,) = parse(ics.invite(r))
    assert str(event2["uid"]) == uid and int(event2["sequence"]) > seq

    cancelled = do(cancel, r)
    cal3, (event3,) = parse(ics.invite(cancelled, cancel=True))
    assert str(cal3["method"]) == "CANCEL"
    assert str(event3["uid"]) == uid and int(event3["sequence"]) > int(event2["sequence"])

    # After the DST change the same wall-clock time is another hour in UTC.
    r2 = reg(s2, 2)
    _, (event4,) = parse(ics.invite(r2))
    assert event4.decoded("dtstart") == after
    offset_after = int(after.utcoffset().total_seconds() // 3600)
    assert offset_after != offset_before
    assert event4.decoded("dtstart").astimezone(datetime.UTC).hour == 10 - offset_after


def test_confirmation_mail_carries_request_invite(session):
    reg(session)
    assert calendar_methods(mail.outbox[-1]) == ["REQUEST"]


def test_public_feed_has_no_personal_data(client, event_index):
    page = make_event(
        event_index,
        sessions=[{"online": True, "join_url": "https://meet.example.pl/tajny-pokoj"}],
    )
    session = page.sessions.first()
    reg(session, email="tajna.osoba@example.pl", last_name="Nazwiskowska")
    for url in (reverse("events:feed"), reverse("events:session_ics", args=[session.pk])):
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        cal, events = parse(response.content)
        assert str(cal["method"]) == "PUBLISH"
        assert events and str(events[0]["summary"]) == page.title
        for secret in ("tajna.osoba", "Nazwiskowska", "tajny-pokoj", "ATTENDEE"):
            assert secret not in text


def test_json_ld_fields(client, event_index):
    page = make_event(
        event_index,
        sessions=[{}, {"online": True, "join_url": "https://meet.example.pl/x", "city": ""}],
    )
    html = client.get(page.url).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    place, online = data
    for item in data:
        assert item["@type"] == "Event" and item["name"] == page.title
        assert item["startDate"] and item["endDate"]
        assert item["eventStatus"] == "https://schema.org/EventScheduled"
        assert item["organizer"]["@type"] == "Organization"
        assert item["offers"]["price"] == "0"
    assert place["location"]["address"]["addressLocality"] == "Kraków"
    assert place["eventAttendanceMode"].endswith("OfflineEventAttendanceMode")
    assert online["location"]["@type"] == "VirtualLocation"
    assert online["eventAttendanceMode"].endswith("OnlineEventAttendanceMode")
    assert "meet.example.pl/x" not in html  # join link only for confirmed participants


def test_join_link_shown_only_to_confirmed_participant(client, django_user_model, event_index):
    page = make_event(
        event_index, sessions=[{"online": True, "join_url": "https://meet.example.pl/x"}]
    )
    session = page.sessions.first()
    user = django_user_model.objects.create_user("u", "osoba1@example.pl", "x")
    client.force_login(user)
    assert "meet.example.pl/x" not in client.get(page.url).content.decode()
    reg(session, user=user)
    assert "meet.example.pl/x" in client.get(page.url).content.decode()


# --- the registration form --------------------------------------------------------------------


def form_data(n=1, **extra):
    data = person(n)
    data.update(extra)
    return data


def test_guest_registers_confirms_by_post(client, event, session):
    q = add_question(event)
    c = add_consent(event)
    url = event.url + f"zapisy/{session.pk}/"
    assert client.get(url).status_code == 200
    data = form_data(**{f"q_{q.pk}": "wegetariańska", f"consent_{c.pk}": "on"})
    with do.__globals__["_capture"](execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    r = Registration.objects.get()
    assert r.status == Status.PENDING and r.answers[str(q.pk)]["value"] == "wegetariańska"
    assert r.consents[0]["text"] == c.text
    link = re.search(r"https?://\S+/wydarzenia/zgloszenie/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    # Opening the link changes nothing ...
    assert client.get(path).status_code == 200
    r.refresh_from_db()
    assert r.status == Status.PENDING
    # ... the button does.
    with do.__globals__["_capture"](execute=True):
        client.post(path, {"action": "confirm"})
    r.refresh_from_db()
    assert r.status == Status.CONFIRMED


def test_form_bad_input_keeps_data(client, event, session):
    q = add_question(event)
    c = add_consent(event)
    url = event.url + f"zapisy/{session.pk}/"
    response = client.post(url, form_data(email="zly-adres"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kowalski1" in html  # nothing lost
    assert 'aria-invalid="true"' in html and "id_email_error" in html
    assert f"id_q_{q.pk}_error" in html and f"id_consent_{c.pk}_error" in html
    assert Registration.objects.count() == 0


def test_form_duplicate_and_closed(client, event_index):
    page = make_event(event_index, sessions=[{}, {"registration_closes_at": timezone.now()}])
    open_, closed = page.sessions.order_by("sort_order")
    reg(open_)
    response = client.post(page.url + f"zapisy/{open_.pk}/", form_data())
    assert response.status_code == 400
    assert (
        "już zarejestrowany" in response.content.decode() or "already" in response.content.decode()
    )
    response = client.post(page.url + f"zapisy/{closed.pk}/", form_data(2))
    assert response.status_code == 400
    assert Registration.objects.count() == 1


def test_logged_in_user_prefilled(client, django_user_model, event, session):
    from accounts.models import Profile

    user = django_user_model.objects.create_user(
        "anna", "anna@gmina.pl", "x", first_name="Anna", last_name="Nowak"
    )
    Profile.objects.create(user=user, organisation_name="Gmina Bochnia", organisation_type="jst")
    client.force_login(user)
    html = client.get(event.url + f"zapisy/{session.pk}/").content.decode()
    assert 'value="Anna"' in html and 'value="Gmina Bochnia"' in html
    with do.__globals__["_capture"](execute=True):
        client.post(
            event.url + f"zapisy/{session.pk}/",
            form_data(email="ignored@example.pl", first_name="Anna", last_name="Nowak"),
        )
    r = Registration.objects.get()
    assert r.email == "anna@gmina.pl" and r.user == user and r.status == Status.CONFIRMED


def test_signed_link_tampered_is_404(client, session):
    r = reg(session)
    token = make_token(r)
    assert client.get(reverse("events:registration", args=[token])).status_code == 200
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    assert client.get(reverse("events:registration", args=[tampered])).status_code == 404
    assert client.get(reverse("events:registration", args=["abc"])).status_code == 404
    assert client.get(reverse("events:registration_ics", args=[tampered])).status_code == 404


def test_self_service_ics_answers_and_cancel(client, event, session):
    q = add_question(event, required=True)
    r = reg(session)
    url = reverse("events:registration", args=[make_token(r)])
    response = client.get(reverse("events:registration_ics", args=[make_token(r)]))
    assert response["Content-Type"].startswith("text/calendar")
    # missing required answer: clear message, answers unchanged
    response = client.post(url, {"action": "answers", f"q_{q.pk}": ""})
    assert response.status_code == 400
    client.post(url, {"action": "answers", f"q_{q.pk}": "bez glutenu"})
    r.refresh_from_db()
    assert r.answers[str(q.pk)]["value"] == "bez glutenu"
    # Cancelling takes a confirmation: the registration page links to it, a POST of the old
    # one-click action changes nothing.
    cancel_url = reverse("events:cancel", args=[make_token(r)])
    assert cancel_url in client.get(url).content.decode()
    response = client.post(url, {"action": "cancel"})
    assert response["Location"] == cancel_url
    r.refresh_from_db()
    assert r.status == Status.CONFIRMED
    page = client.get(cancel_url).content.decode()
    assert "Yes, cancel my registration" in page or "Tak, anuluj moje zgłoszenie" in page
    r.refresh_from_db()
    assert r.status == Status.CONFIRMED  # opening the page changes nothing
    with do.__globals__["_capture"](execute=True):
        response = client.post(cancel_url)
    assert response.status_code == 302 and response["Location"] == url
    r.refresh_from_db()
    assert r.status == Status.CANCELLED


def test_self_service_after_deadline_refuses_cancel(client, event_index):
    page = make_event(
        event_index,
        cancellation_deadline_hours=72,
        sessions=[{"starts_at": timezone.now() + datetime.timedelta(days=2)}],
    )
    r = reg(page.sessions.first())
    url = reverse("events:registration", args=[make_token(r)])
    assert "Cancel my registration" not in client.get(url).content.decode()
    response = client.post(url, {"action": "cancel"}, follow=True)
    r.refresh_from_db()
    assert r.status == Status.CONFIRMED
    assert response.status_code == 200
    response = client.post(reverse("events:cancel", args=[make_token(r)]), follow=True)
    r.refresh_from_db()
    assert r.status == Status.CONFIRMED
    assert "nie można już anulować" in response.content.decode()
