"""The reminder e-mail the day before a session."""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.tasks import enqueue
from events.announcements import EMAIL_TASK
from events.models import Registration, Status


def send_due_reminders(now=None):
    """Queue the reminder for confirmed participants of sessions starting within 24 hours."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__cancelled=False,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(hours=24),
    )
    ids = list(due.values_list("pk", flat=True))
    with transaction.atomic():
        Registration.objects.filter(pk__in=ids).update(reminder_sent_at=now)
        for pk in ids:
            enqueue(EMAIL_TASK, pk, "reminder")
    return len(ids)
