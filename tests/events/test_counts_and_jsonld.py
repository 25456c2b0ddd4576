"""The seat counts kept on the session, and what search engines are told about the seats."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from events.jsonld import availability
from events.models import Registration, Session, Status
from events.registration import cancel, move_registration, register
from events.seats import seats_taken
from events.session_changes import cancel_session
from events.waiting_list import accept_offer, expire_offers

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.org/"


def reg(session, n, verified=True):
    return do(register, session.pk, email_verified=verified, **person(n))


def assert_counts(session):
    session.refresh_from_db()
    waiting = Registration.objects.filter(session=session, status=Status.WAITLISTED).count()
    assert session.seats_taken == seats_taken(session)
    assert session.waitlisted_count == waiting
    return session.seats_taken, session.waitlisted_count


def test_kept_counts_follow_every_transition(event_index):
    page = make_event(event_index, sessions=[{"capacity": 2}, {"capacity": 5}])
    session, other = page.sessions.order_by("sort_order")
    first, second, third, fourth = (reg(session, n) for n in range(1, 5))
    assert assert_counts(session) == (2, 2)
    reg(session, 5, verified=False)  # a guest before confirming holds nothing
    assert assert_counts(session) == (2, 2)

    do(cancel, first)  # the seat goes to the first waiting person as an offer
    assert assert_counts(session) == (2, 1)
    later = timezone.now() + datetime.timedelta(hours=49)
    do(expire_offers, now=later)  # the offer passes on
    assert assert_counts(session) == (2, 0)
    fourth.refresh_from_db()
    assert fourth.status == Status.OFFERED
    do(accept_offer, fourth)
    assert assert_counts(session) == (2, 0)

    do(move_registration, second, other)
    assert assert_counts(session) == (1, 0)
    assert assert_counts(other) == (1, 0)
    do(cancel_session, other)
    assert assert_counts(other) == (0, 0)


def test_publishing_an_older_revision_keeps_counts_and_cancellation(event_index):
    page = make_event(event_index, sessions=[{}, {}])
    revision = page.save_revision()  # holds the sessions as they are now: nobody registered
    session, cancelled = page.sessions.order_by("sort_order")
    reg(session, 1)
    do(cancel_session, cancelled)
    revision.publish()
    assert assert_counts(session) == (1, 0)
    assert Session.objects.get(pk=cancelled.pk).cancelled


def _jsonld(client, page):
    html = client.get(page.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_json_ld_offer_follows_the_seats(client, event_index):
    now = timezone.now()
    page = make_event(
        event_index,
        sessions=[
            {"capacity": 10},
            {"capacity": 10},
            {"capacity": 1, "waiting_list": False},
            {"capacity": 1},
            {"registration_closes_at": now - datetime.timedelta(hours=1)},
            {"registration_opens_at": now + datetime.timedelta(days=1)},
        ],
    )
    sessions = list(page.sessions.order_by("sort_order"))
    for n in range(1, 9):  # eight of ten seats: few left
        reg(sessions[1], n)
    reg(sessions[2], 1)  # full, no waiting list
    reg(sessions[3], 1)  # full, then someone waits
    reg(sessions[3], 2)
    do(cancel_session, sessions[0])
    page = make_event(event_index, title="Drugie", sessions=[{"capacity": 10}])
    reg(page.sessions.get(), 1)

    fresh = _jsonld(client, page)[0]
    assert fresh["offers"]["availability"] == SCHEMA + "InStock"
    assert fresh["eventStatus"] == SCHEMA + "EventScheduled"
    assert fresh["maximumAttendeeCapacity"] == 10
    assert fresh["remainingAttendeeCapacity"] == 9

    items = _jsonld(client, sessions[0].page)
    cancelled, few, full, waiting, closed, not_yet = items
    assert cancelled["eventStatus"] == SCHEMA + "EventCancelled"
    assert cancelled["offers"]["availability"] == SCHEMA + "Discontinued"
    assert few["offers"]["availability"] == SCHEMA + "LimitedAvailability"
    assert few["remainingAttendeeCapacity"] == 2
    assert full["offers"]["availability"] == SCHEMA + "SoldOut"
    assert waiting["offers"]["availability"] == SCHEMA + "SoldOut"
    assert waiting["remainingAttendeeCapacity"] == 0
    assert closed["offers"]["availability"] == SCHEMA + "Discontinued"
    assert not_yet["offers"]["availability"] == SCHEMA + "PreOrder"
    assert not_yet["offers"]["validFrom"]
    for item in items:
        assert item["offers"]["availability"] != SCHEMA + "InStock"


def test_availability_of_a_past_session_and_after_a_freed_seat(session):
    session.capacity = 1
    session.save()
    first = reg(session, 1)
    reg(session, 2)
    do(cancel, first)  # the freed seat is offered to the waiting person
    session.refresh_from_db()
    assert availability(session) == SCHEMA + "SoldOut"
    later = session.starts_at + datetime.timedelta(hours=1)
    assert availability(session, now=later) == SCHEMA + "Discontinued"
