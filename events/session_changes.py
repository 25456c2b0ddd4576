"""Changes of a whole session: staff cancel it, or an editor changes its time, place or capacity
(everyone registered is told; seats a capacity raise freed go to the waiting list)."""

from django.db import transaction
from django.utils import timezone

from events.announcements import notify
from events.models import ACTIVE_STATUSES, Session, Status
from events.seats import lock_session, recount_session
from events.waiting_list import offer_free_seats


def cancel_session(session, now=None):
    """Cancel a whole session and tell everyone registered (with a calendar cancellation)."""
    now = now or timezone.now()
    with transaction.atomic():
        session = lock_session(session.pk)
        session.cancelled = True
        session.save(update_fields=["cancelled"])
        live = session.registrations.filter(status__in=ACTIVE_STATUSES).exclude(
            status__in=[Status.ATTENDED, Status.NO_SHOW]
        )
        count = 0
        for registration in live:
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancel_reason = "session_cancelled"
            registration.sequence += 1
            registration.save()
            notify(registration, "session_cancelled")
            count += 1
        recount_session(session.pk)
    return count


def notify_session_changes(session_ids):
    """After an editor publishes a training: tell participants of sessions whose time or place
    changed (updated invite), and offer seats a capacity raise freed."""
    for session in Session.objects.filter(pk__in=session_ids):
        if session.sequence > session.notified_sequence:
            with transaction.atomic():
                session = lock_session(session.pk)
                for registration in session.registrations.filter(
                    status__in=[Status.CONFIRMED, Status.OFFERED]
                ):
                    notify(registration, "changed")
                session.notified_sequence = session.sequence
                Session.objects.filter(pk=session.pk).update(notified_sequence=session.sequence)
        offer_free_seats(session.pk)
