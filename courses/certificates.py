"""The course side of certificates: what a course certificate says. The certificate itself
(frozen row, PDF, verification) is the certificates app's business."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Site

from certificates import services as certificate_services
from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from courses.services import course_source_key


def organiser_name():
    from cms.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    organisation = SiteSettings.for_site(site).organisation if site else ""
    return organisation or "Program MWF"


def issue_for_course(user_id, course_id):
    """Issue the course certificate of a participant who completed the course (idempotent) and
    queue its e-mail. Returns None when the course gives no certificate."""
    course = CoursePage.objects.filter(pk=course_id).first()
    user = get_user_model().objects.filter(pk=user_id).first()
    if course is None or user is None or not course.certificate_enabled:
        return None
    enrolment = Enrolment.objects.filter(user=user, course=course).first()
    if enrolment is None or enrolment.completed_at is None:
        return None
    key = course_source_key(course.pk, user.pk)
    existed = Certificate.objects.filter(source_key=key).exists()
    completed_on = timezone.localdate(enrolment.completed_at)
    started_on = timezone.localdate(enrolment.enrolled_at)
    dates = (
        completed_on.strftime("%d.%m.%Y")
        if started_on == completed_on
        else f"{started_on:%d.%m.%Y} – {completed_on:%d.%m.%Y}"
    )
    certificate = certificate_services.issue_certificate(
        kind=Certificate.Kind.COURSE,
        user=user,
        email=user.email,
        full_name=user.get_full_name() or user.email,
        title=course.title,
        hours=course.duration_hours,
        outcomes=course.outcomes_list,
        organiser=organiser_name(),
        dates_text=dates,
        place=course.certificate_place,
        source_key=key,
    )
    if not existed:
        certificate_services.queue_certificate_email(certificate)
    return certificate
