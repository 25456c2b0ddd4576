"""Attendance certificates through the generic `certificates` app (same register, PDF, QR and
verification page as course certificates). The app is imported lazily: events works without it
and says so in the log instead of failing."""

import logging

from django.db import transaction
from django.utils import formats, timezone

from events.models import Registration, Status

logger = logging.getLogger(__name__)


def _organiser():
    from cms.models import SiteSettings

    row = SiteSettings.objects.exclude(organisation="").first()
    return row.organisation if row else "MWF"


def issue_for_registration(registration_id):
    """Issue (idempotent per registration) and e-mail the attendance certificate."""
    try:
        from certificates import services as certificate_services
    except ImportError:  # pragma: no cover - the app is part of the platform
        logger.warning("certificates app missing: no attendance certificate issued")
        return None
    registration = (
        Registration.objects.select_related("session__page", "user")
        .filter(pk=registration_id, status=Status.ATTENDED, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return None
    session = registration.session
    event = session.page
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    dates = formats.date_format(start, "j E Y")
    if start.date() != end.date():
        dates = f"{dates} – {formats.date_format(end, 'j E Y')}"
    hours = event.hours or round((session.ends_at - session.starts_at).total_seconds() / 3600, 1)
    with transaction.atomic():
        certificate = certificate_services.issue_certificate(
            kind="event",
            user=registration.user,
            email=registration.email,
            full_name=registration.full_name,
            title=event.title,
            hours=hours,
            outcomes=event.outcome_list(),
            organiser=_organiser(),
            dates_text=dates,
            place="online" if session.online else session.city,
            source_key=f"event:registration:{registration.public_id}",
        )
        Registration.objects.filter(pk=registration.pk).update(certificate_code=certificate.code)
        queue = getattr(certificate_services, "queue_certificate_email", None)
        if queue is not None:
            queue(certificate)
    return certificate
