"""Enrolment in a course: the window, the key, idempotence, withdrawal, and accepting the
invitations left by staff bulk enrolment. `enrolled` is announced after commit."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms import ratelimit
from cms.domain_events import announce
from courses import signals
from courses.models import CourseInvitation, CoursePage, Enrolment


class EnrolmentError(ValidationError):
    """Enrolment refused (wrong key, window closed); the message is for the participant."""


# Wrong enrolment keys allowed per account and per address in a window: enough for typos, far
# too few to guess a key (the limits count wrong keys only, so a right one is never refused
# until the limit is reached).
KEY_ATTEMPTS_PER_ACCOUNT = 5
KEY_ATTEMPTS_PER_ADDRESS = 20
KEY_ATTEMPTS_WINDOW = 15 * 60


def _key_limits(user, client_ip):
    limits = [(ratelimit.cache_key("enrol-key-user", user.pk), KEY_ATTEMPTS_PER_ACCOUNT)]
    if client_ip:
        limits.append((ratelimit.cache_key("enrol-key-ip", client_ip), KEY_ATTEMPTS_PER_ADDRESS))
    return limits


def enrolment_refusal(course, now=None):
    """Why self-enrolment is closed now (a sentence), or None when it is open."""
    now = now or timezone.now()
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        return _("Enrolment opens on %(date)s.") % {
            "date": date_format(timezone.localtime(course.enrolment_opens_at), "DATETIME_FORMAT")
        }
    if course.enrolment_closes_at and now >= course.enrolment_closes_at:
        return _("Enrolment closed on %(date)s.") % {
            "date": date_format(timezone.localtime(course.enrolment_closes_at), "DATETIME_FORMAT")
        }
    return None


def enrol(user, course, key=None, *, source=Enrolment.Source.SELF, client_ip=None):
    """Enrol `user` in `course`; idempotent (a second call returns the same enrolment).

    Self-enrolment checks the window and the key; staff and invitation enrolments do not.
    Wrong keys are limited per account and per `client_ip`.
    Raises EnrolmentError with a message for the participant."""
    if not user.is_authenticated:
        raise PermissionDenied
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None and existing.status == Enrolment.Status.ACTIVE:
        return existing
    if source == Enrolment.Source.SELF:
        refusal = enrolment_refusal(course)
        if refusal:
            raise EnrolmentError(refusal, code="window")
        if course.enrolment_key:
            limits = _key_limits(user, client_ip)
            if any(ratelimit.exceeded(name, limit) for name, limit in limits):
                raise EnrolmentError(
                    _(
                        "Too many wrong enrolment keys. Try again in 15 minutes, or ask the "
                        "course's organisers for the key."
                    ),
                    code="key",
                )
            if not constant_time_compare((key or "").strip(), course.enrolment_key.strip()):
                for name, limit in limits:
                    ratelimit.hit(name, limit, KEY_ATTEMPTS_WINDOW)
                raise EnrolmentError(_("The enrolment key is not correct."), code="key")
    now = timezone.now()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"enrolled_at": now, "source": source}
        )
        if not created:
            changed = Enrolment.objects.filter(
                pk=enrolment.pk, status=Enrolment.Status.WITHDRAWN
            ).update(status=Enrolment.Status.ACTIVE, enrolled_at=now, source=source)
            if not changed:
                return enrolment
            enrolment.refresh_from_db()
        announce(
            signals.enrolled,
            sender=CoursePage,
            user_id=user.pk,
            course_id=course.pk,
            enrolled_at=enrolment.enrolled_at,
        )
    return enrolment


def unenrol(user, course):
    """Withdraw from a course. Progress is kept, so enrolling again resumes it."""
    return bool(
        Enrolment.objects.filter(user=user, course=course, status=Enrolment.Status.ACTIVE).update(
            status=Enrolment.Status.WITHDRAWN
        )
    )


def accept_invitations(user, email):
    """Enrol a person in every course they were invited to with this (confirmed) e-mail."""
    invitations = CourseInvitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True
    ).select_related("course")
    for invitation in invitations:
        enrol(user, invitation.course, source=Enrolment.Source.INVITATION)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
