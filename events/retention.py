"""Retention of personal data: guests' registrations are anonymised a configurable period after
their session ended; the rows (status, organisation type, województwo) stay for the counts."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from events.models import Registration


def retention_days():
    return int(getattr(settings, "EVENTS_GUEST_DATA_RETENTION_DAYS", 730))


def anonymise_registration(registration, now=None):
    """Remove a person's data from a registration while keeping what the counts need
    (session, status, organisation type, województwo)."""
    now = now or timezone.now()
    registration.email = f"anonim-{registration.public_id}@anonymised.invalid"
    registration.first_name = ""
    registration.last_name = ""
    registration.organisation = ""
    registration.answers = {}
    registration.consents = []
    registration.user = None
    registration.anonymised_at = now
    registration.save()
    return registration


def anonymise_expired_guests(now=None):
    """Anonymise guests' personal data a configurable period after their session ended."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    stale = Registration.objects.filter(
        Q(user__isnull=True), anonymised_at__isnull=True, session__ends_at__lt=cutoff
    )
    count = 0
    for registration in stale:
        anonymise_registration(registration, now)
        count += 1
    return count
