"""What participants do in courses: enrolments, per-lesson progress, and invitations left by a
staff bulk enrolment for e-mails that have no account yet. Rules live in courses/enrolment.py, progress.py and completion.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("enrolled")
        WITHDRAWN = "withdrawn", _("unenrolled")

    class Source(models.TextChoices):
        SELF = "self", _("self-enrolment")
        STAFF = "staff", _("enrolled by staff")
        INVITATION = "invitation", _("invitation")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.SELF)
    enrolled_at = models.DateTimeField(_("enrolled at"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        "courses.LessonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_activity_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        permissions = [
            ("view_participant_report", _("Can see course participant reports")),
            ("export_participants", _("Can export course participant lists")),
            ("bulk_enrol", _("Can enrol people in bulk")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_enrolment_per_course")
        ]
        indexes = [models.Index(fields=["course", "status"])]

    def __str__(self):
        return f"{self.user_id} → {self.course_id}"


class LessonProgress(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", pgettext_lazy("lesson status", "completed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="progress"
    )
    # Denormalised from the page tree so course-wide counts need no tree walk.
    course = models.ForeignKey("courses.CoursePage", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices)
    source = models.CharField(max_length=10, blank=True)
    started_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="one_progress_per_lesson")
        ]
        indexes = [models.Index(fields=["course", "user"])]

    def __str__(self):
        return f"{self.user_id} · {self.lesson_id}: {self.status}"


class CourseInvitation(models.Model):
    """Left by a staff bulk enrolment for an e-mail without an account: the person is enrolled
    as soon as they sign up and confirm that address."""

    email = models.EmailField(_("e-mail"))
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("course invitation")
        verbose_name_plural = _("course invitations")
        constraints = [
            models.UniqueConstraint(fields=["email", "course"], name="one_invitation_per_course")
        ]

    def __str__(self):
        return f"{self.email} → {self.course_id}"
