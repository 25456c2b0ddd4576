"""The waiting list: free seats offered in arrival order, an offer accepted, offers that expire
pass to the next person. An offered seat is counted as taken from the moment of the offer."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.domain_events import announce
from events import signals
from events.announcements import announce_status, notify
from events.errors import RegistrationError
from events.models import Registration, Session, Status
from events.seats import lock_session, move_counts, relock


def offer_free_seats(session_id, now=None):
    """Offer every free seat to the next people on the waiting list, in arrival order.
    Runs after a cancellation, an expired offer or a capacity raise."""
    now = now or timezone.now()
    offered = []
    with transaction.atomic():
        session = lock_session(session_id)
        if session.cancelled or session.starts_at <= now:
            return []
        free = session.capacity - session.seats_taken
        if free <= 0 or not session.waitlisted_count:
            return []
        hours = session.page.offer_hours or 48
        queue = session.registrations.filter(status=Status.WAITLISTED).order_by(
            "waitlisted_at", "id"
        )[:free]
        for registration in queue:
            registration.status = Status.OFFERED
            registration.offer_expires_at = min(
                now + datetime.timedelta(hours=hours), session.starts_at
            )
            registration.save(update_fields=["status", "offer_expires_at"])
            notify(registration, "offered")
            offered.append(registration)
        if offered:
            Session.objects.filter(pk=session.pk).update(
                seats_taken=F("seats_taken") + len(offered),
                waitlisted_count=F("waitlisted_count") - len(offered),
            )
    return offered


def accept_offer(registration, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = relock(registration)
        if registration.status != Status.OFFERED:
            raise RegistrationError("state", _("There is no seat offer for this registration."))
        if registration.offer_expires_at and registration.offer_expires_at <= now:
            raise RegistrationError("expired", _("This seat offer has expired."))
        # The offered seat was reserved when the offer was made, so no recount is needed.
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
    notify(registration, "confirmed")
    announce_status(registration)
    return registration


def expire_offers(now=None):
    """Offers not answered in time pass to the next person (run by a django-q2 schedule)."""
    now = now or timezone.now()
    expired = Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    count = 0
    for registration in expired:
        with transaction.atomic():
            session, registration = relock(registration)
            if registration.status != Status.OFFERED or registration.offer_expires_at > now:
                continue
            move_counts(session.pk, registration.status, Status.CANCELLED)
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancel_reason = "offer_expired"
            registration.save()
            notify(registration, "offer_expired")
            announce(signals.seat_freed, sender=Session, session_id=session.pk)
            count += 1
        offer_free_seats(session.pk, now=now)
    return count
