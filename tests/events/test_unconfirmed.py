"""Guests' registrations not confirmed by e-mail in time expire (django-q2 schedule)."""

import datetime

import pytest
from django.utils import timezone
from django_q.models import Schedule

from events import tasks
from events.errors import RegistrationError
from events.models import Registration, Status
from events.registration import confirm_email, expire_unconfirmed, register

from .conftest import do, person

pytestmark = pytest.mark.django_db


def reg(session, n, verified=True, now=None):
    return do(register, session.pk, email_verified=verified, now=now, **person(n))


def test_unconfirmed_guest_expires_after_the_window_and_may_register_again(session):
    session.capacity = 1
    session.save()
    start = timezone.now()
    confirmed = reg(session, 1, now=start)
    waiting = reg(session, 2, now=start)
    guest = reg(session, 3, verified=False, now=start)
    assert guest.status == Status.PENDING

    assert do(expire_unconfirmed, now=start + datetime.timedelta(hours=23)) == 0
    guest.refresh_from_db()
    assert guest.status == Status.PENDING

    assert do(expire_unconfirmed, now=start + datetime.timedelta(hours=25)) == 1
    guest.refresh_from_db()
    assert guest.status == Status.CANCELLED and guest.cancel_reason == "unconfirmed"
    # It held no place, so nothing moves: the seat, the waiting list and the counts stay.
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    session.refresh_from_db()
    assert (confirmed.status, waiting.status) == (Status.CONFIRMED, Status.WAITLISTED)
    assert (session.seats_taken, session.waitlisted_count) == (1, 1)
    # The address is free again.
    again = reg(session, 3, verified=False)
    assert again.status == Status.PENDING and again.pk != guest.pk


def test_confirmation_after_the_window_is_refused_before_it_works(session):
    start = timezone.now()
    late = reg(session, 1, verified=False, now=start)
    with pytest.raises(RegistrationError) as exc:
        do(confirm_email, late, now=start + datetime.timedelta(hours=24, minutes=1))
    assert exc.value.code == "expired"
    late.refresh_from_db()
    assert late.status == Status.PENDING

    in_time = reg(session, 2, verified=False, now=start)
    confirmed = do(confirm_email, in_time, now=start + datetime.timedelta(hours=23))
    assert confirmed.status == Status.CONFIRMED
    # A confirmed registration never expires.
    assert do(expire_unconfirmed, now=start + datetime.timedelta(days=3)) == 1
    assert Registration.objects.get(pk=in_time.pk).status == Status.CONFIRMED


def test_window_is_a_setting(settings, session):
    settings.EVENTS_GUEST_CONFIRMATION_HOURS = 2
    start = timezone.now()
    guest = reg(session, 1, verified=False, now=start)
    assert do(expire_unconfirmed, now=start + datetime.timedelta(hours=1)) == 0
    assert do(expire_unconfirmed, now=start + datetime.timedelta(hours=3)) == 1
    guest.refresh_from_db()
    assert guest.status == Status.CANCELLED


def test_schedule_runs_the_task(session):
    schedule = Schedule.objects.get(func="events.tasks.expire_unconfirmed")
    assert schedule.repeats == -1 and schedule.minutes == 15
    old = timezone.now() - datetime.timedelta(days=2)
    guest = reg(session, 1, verified=False, now=old)
    assert tasks.expire_unconfirmed() == 1
    guest.refresh_from_db()
    assert guest.status == Status.CANCELLED
