"""Check-in: a confirmed participant attended or did not; an attendance is announced (for the
counts toward the programme's targets) and queues the certificate."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.domain_events import announce
from cms.tasks import enqueue
from events import signals
from events.errors import RegistrationError
from events.models import Registration, Status


def mark_attendance(registration, attended, now=None):
    """Check-in: attended or no-show, for a confirmed participant once the session started."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("session__page")
            .get(pk=registration.pk)
        )
        if registration.status not in (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW):
            raise RegistrationError("state", _("Only confirmed participants can be checked in."))
        registration.status = Status.ATTENDED if attended else Status.NO_SHOW
        registration.attendance_marked_at = now
        registration.save(update_fields=["status", "attendance_marked_at"])
        session = registration.session
        event = session.page
        announce(
            signals.attendance_marked,
            sender=Registration,
            registration_id=registration.pk,
            session_id=session.pk,
            event_id=event.pk,
            event_title=event.title,
            attended=bool(attended),
            email=registration.email,
            user_id=registration.user_id,
            first_name=registration.first_name,
            last_name=registration.last_name,
            organisation_type=registration.organisation_type or "other",
            voivodeship=registration.voivodeship or "",
            format=event.format,
            instrument_slugs=list(event.instruments.values_list("slug", flat=True)),
            session_date=timezone.localdate(session.starts_at),
            marked_at=now,
        )
        if attended:
            enqueue("events.tasks.issue_attendance_certificate", registration.pk)
    return registration
