"""Status transitions, the waiting list, offers, deadlines and bad input."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.attendance import mark_attendance
from events.errors import RegistrationError
from events.models import Registration, Status
from events.registration import approve, cancel, confirm_email, move_registration, register
from events.reminders import send_due_reminders
from events.seats import seats_taken
from events.session_changes import cancel_session, notify_session_changes
from events.waiting_list import accept_offer, expire_offers
from tests.mail_sink import calendar_methods

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db


def reg(session, n=1, verified=True, **extra):
    return do(register, session.pk, email_verified=verified, **person(n, **extra))


def test_verified_participant_is_confirmed_and_gets_invite(session):
    r = reg(session)
    assert r.status == Status.CONFIRMED
    message = mail.outbox[-1]
    assert message.to == ["osoba1@example.pl"]
    assert any(
        "text/calendar" in str(a[2] if isinstance(a, tuple) else a.get_content_type())
        for a in message.attachments
    )
    assert message.alternatives and message.alternatives[0][1] == "text/html"


def test_guest_waits_for_confirmation_then_gets_seat(session):
    r = reg(session, verified=False)
    assert r.status == Status.PENDING
    assert seats_taken(session) == 0
    r = do(confirm_email, r)
    assert r.status == Status.CONFIRMED
    # confirming twice changes nothing
    assert do(confirm_email, r).status == Status.CONFIRMED


def test_full_session_waitlists_in_order_and_cancel_offers_seat(session):
    session.capacity = 1
    session.save()
    first = reg(session, 1)
    second = reg(session, 2)
    third = reg(session, 3)
    assert [first.status, second.status, third.status] == [
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]
    do(cancel, first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.OFFERED
    assert third.status == Status.WAITLISTED
    hours = (second.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 47.9 < hours <= 48
    assert "osoba2@example.pl" in mail.outbox[-1].to
    do(accept_offer, second)
    second.refresh_from_db()
    assert second.status == Status.CONFIRMED


def test_expired_offer_passes_to_next(session):
    session.capacity = 1
    session.save()
    first, second, third = reg(session, 1), reg(session, 2), reg(session, 3)
    do(cancel, first)
    later = timezone.now() + datetime.timedelta(hours=49)
    assert do(expire_offers, now=later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.CANCELLED and second.cancel_reason == "offer_expired"
    assert third.status == Status.OFFERED
    with pytest.raises(RegistrationError):
        do(accept_offer, second)


def test_decline_offer_passes_on(session):
    session.capacity = 1
    session.save()
    first, second, third = reg(session, 1), reg(session, 2), reg(session, 3)
    do(cancel, first)
    second.refresh_from_db()
    do(cancel, second, reason="declined")
    third.refresh_from_db()
    assert third.status == Status.OFFERED


def test_capacity_raise_offers_seats(event, session):
    session.capacity = 1
    session.save()
    reg(session, 1)
    waiting = reg(session, 2)
    session.capacity = 2
    session.save()
    do(notify_session_changes, [session.pk])
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED


def test_manual_approval(event_index):
    page = make_event(event_index, manual_approval=True)
    session = page.sessions.first()
    r = reg(session)
    assert r.status == Status.AWAITING_APPROVAL
    assert do(approve, r).status == Status.CONFIRMED
    with pytest.raises(RegistrationError):
        do(approve, r)


def test_attendance_and_no_show(session):
    from events import signals

    seen = []

    def receiver(sender, **payload):
        seen.append(payload)

    signals.attendance_marked.connect(receiver)
    try:
        a, b = reg(session, 1), reg(session, 2)
        do(mark_attendance, a, True)
        do(mark_attendance, b, False)
    finally:
        signals.attendance_marked.disconnect(receiver)
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.status == Status.ATTENDED and b.status == Status.NO_SHOW
    assert seen[0]["attended"] is True and seen[0]["email"] == "osoba1@example.pl"
    assert seen[0]["format"] == "stacjonarne" and seen[0]["voivodeship"] == "12"
    assert isinstance(seen[0]["session_date"], datetime.date)
    with pytest.raises(RegistrationError):
        do(cancel, a)


def test_cannot_check_in_waitlisted(session):
    session.capacity = 0
    session.save()
    r = reg(session)
    with pytest.raises(RegistrationError):
        do(mark_attendance, r, True)


def test_cancellation_deadline(event_index):
    start = timezone.now() + datetime.timedelta(hours=30)
    page = make_event(event_index, cancellation_deadline_hours=48, sessions=[{"starts_at": start}])
    session = page.sessions.first()
    r = reg(session)
    with pytest.raises(RegistrationError) as exc:
        do(cancel, r)
    assert exc.value.code == "deadline"
    # staff may still cancel
    assert do(cancel, r, by_staff=True).status == Status.CANCELLED


def test_cancelled_person_may_register_again(session):
    r = reg(session)
    do(cancel, r)
    again = reg(session)
    assert again.status == Status.CONFIRMED


def test_move_between_sessions(event_index):
    now = timezone.now()
    page = make_event(
        event_index,
        sessions=[
            {"starts_at": now + datetime.timedelta(days=5), "capacity": 1},
            {"starts_at": now + datetime.timedelta(days=9), "capacity": 1},
        ],
    )
    one, two = page.sessions.order_by("starts_at")
    moving = reg(one, 1)
    waiting = reg(one, 2)
    do(move_registration, moving, two)
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.session_id == two.pk and moving.status == Status.CONFIRMED
    assert waiting.status == Status.OFFERED
    methods = [a.get("Content-Type") for a in mail.outbox[-2].attachments if hasattr(a, "get")]
    assert any("CANCEL" in (m or "") for m in methods) or mail.outbox
    with pytest.raises(RegistrationError):
        do(move_registration, waiting, two)  # no seat there


def test_cancel_whole_session(session):
    reg(session, 1)
    reg(session, 2)
    mail.outbox.clear()
    assert do(cancel_session, session) == 2
    assert Registration.objects.filter(status=Status.CANCELLED).count() == 2
    assert len(mail.outbox) == 2
    assert calendar_methods(mail.outbox[0]) == ["CANCEL"]


def test_reminders_once(event_index):
    page = make_event(
        event_index, sessions=[{"starts_at": timezone.now() + datetime.timedelta(hours=20)}]
    )
    session = page.sessions.first()
    reg(session)
    mail.outbox.clear()
    assert (
        do(
            send_due_reminders,
        )
        == 1
    )
    assert (
        do(
            send_due_reminders,
        )
        == 0
    )
    assert len(mail.outbox) == 1


# --- bad input: a clear message each, nothing lost, no duplicate ------------------------------


def test_full_without_waiting_list(session):
    session.capacity = 1
    session.waiting_list = False
    session.save()
    reg(session, 1)
    with pytest.raises(RegistrationError) as exc:
        reg(session, 2)
    assert exc.value.code == "full"
    assert Registration.objects.count() == 1


def test_closed_and_past_and_duplicate_and_bad_email(event_index):
    now = timezone.now()
    page = make_event(
        event_index,
        sessions=[
            {"registration_closes_at": now - datetime.timedelta(hours=1)},
            {"starts_at": now - datetime.timedelta(days=1)},
            {"registration_opens_at": now + datetime.timedelta(days=1)},
            {},
        ],
    )
    closed, past, not_yet, open_ = page.sessions.order_by("sort_order")
    for session, code in [(closed, "closed"), (past, "past"), (not_yet, "not_yet")]:
        with pytest.raises(RegistrationError) as exc:
            reg(session)
        assert exc.value.code == code
    reg(open_)
    with pytest.raises(RegistrationError) as exc:
        reg(open_, email="OSOBA1@example.pl ")
    assert exc.value.code == "duplicate"
    with pytest.raises(RegistrationError) as exc:
        reg(open_, 5, email="nie-email")
    assert exc.value.code == "email"
    assert Registration.objects.count() == 1
