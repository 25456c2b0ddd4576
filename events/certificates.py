"""Attendance certificates through the generic `certificates` app (same register, PDF, QR and
verification page as course certificates; the organiser and the dates as that app prints them).
Issued by a task (events.tasks.issue_attendance_certificate) queued when attendance is marked."""

from django.db import transaction
from django.utils import timezone

from certificates import services as certificate_services
from events.models import Registration, Status


def issue_for_registration(registration_id):
    """Issue (idempotent per registration) and e-mail the attendance certificate."""
    registration = (
        Registration.objects.select_related("session__page", "user")
        .filter(pk=registration_id, status=Status.ATTENDED, anonymised_at__isnull=True)
        .first()
    )
    if registration is None:
        return None
    session = registration.session
    # The certificate speaks the language the participant registered in, and names the
    # training as its page in that language does (one pool of seats for both languages).
    language = registration.language
    event = session.page.for_language(language)
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
            organiser=certificate_services.organiser_name(language),
            dates_text=certificate_services.dates_text(
                timezone.localdate(session.starts_at), timezone.localdate(session.ends_at)
            ),
            place="online" if session.online else session.city,
            source_key=f"event:registration:{registration.public_id}",
            language=language,
        )
        Registration.objects.filter(pk=registration.pk).update(certificate_code=certificate.code)
        certificate_services.queue_certificate_email(certificate)
    return certificate
