"""The course side of certificates: what a course certificate says. The certificate itself
(frozen row, PDF, verification, the organiser and the dates as printed) is the certificates
app's business."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.services import has_name
from certificates import services as certificate_services
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment


def course_source_key(course_id, user_id):
    """The idempotency key of a course certificate (one per participant and course)."""
    return f"course:{course_id}:user:{user_id}"


def issue_for_course(user_id, course_id):
    """Issue the course certificate of a participant who completed the course (idempotent) and
    queue its e-mail. Returns None when the course gives no certificate, or while the participant
    has not given a name ("Moje kursy" asks for it; giving it issues the certificate, see
    `issue_waiting_for_name`). Runs in a task."""
    course = CoursePage.objects.filter(pk=course_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if course is None or user is None or not course.certificate_enabled or not has_name(user):
        return None
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None or enrolment.completed_at is None:
        return None
    key = course_source_key(course.pk, user.pk)
    # An English course gives an English certificate.
    language = course.locale.language_code
    existed = Certificate.objects.filter(source_key=key).exists()
    certificate = certificate_services.issue_certificate(
        kind=Certificate.Kind.COURSE,
        user=user,
        email=user.email,
        full_name=user.get_full_name(),
        title=course.title,
        hours=course.duration_hours,
        outcomes=course.outcomes_list,
        organiser=certificate_services.organiser_name(language),
        dates_text=certificate_services.dates_text(
            timezone.localdate(enrolment.enrolled_at), timezone.localdate(enrolment.completed_at)
        ),
        place=course.certificate_place,
        source_key=key,
        language=language,
    )
    if not existed:
        certificate_services.queue_certificate_email(certificate)
    return certificate


def waiting_for_name(user_id):
    """Ids of the completed courses whose certificate waits for the participant's name."""
    completed = Enrolment.objects.filter(
        user_id=user_id,
        completed_at__isnull=False,
        course__certificate_enabled=True,
    ).values_list("course_id", flat=True)
    issued = set(
        Certificate.objects.filter(
            source_key__in=[course_source_key(course_id, user_id) for course_id in completed]
        ).values_list("source_key", flat=True)
    )
    return [c for c in completed if course_source_key(c, user_id) not in issued]
