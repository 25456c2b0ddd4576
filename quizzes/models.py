"""Server-graded quizzes. A quiz is a snippet editors build and place in a lesson with the
quiz block (declared by courses in `courses/blocks.py`, rendered by this app).

- `Quiz`: the settings and the questions (a StreamField of question types and pools).
- `Attempt`: one try by one person. It starts with a snapshot of the questions drawn for it
  (pools drawn, options shuffled), so the drawn questions never change within an attempt and
  later edits of the quiz never change its grade. Answers are saved as they come
  (`AttemptAnswer`, one row per question) and graded on the server when it finishes.
- `ExtraAttempt`: a staff grant of one more attempt to one person.
- `CourseQuizRole`: marks a quiz as the pre-test or post-test of a course (kept here so the
  courses app needs no field for it).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField

from .question_blocks import QuizQuestionsBlock


class GradingMethod(models.TextChoices):
    HIGHEST = "highest", _("highest attempt")
    LAST = "last", _("last attempt")
    FIRST = "first", _("first attempt")


class AnswerVisibility(models.TextChoices):
    NEVER = "never", _("never")
    AFTER_ATTEMPT = "after_attempt", _("after each attempt")
    AFTER_PASS = "after_pass", _("after passing")
    AFTER_LAST = "after_last", _("after the last attempt allowed")


class Quiz(models.Model):
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(
        pgettext_lazy("quizzes", "introduction"),
        blank=True,
        help_text=_("Shown before the participant starts."),
    )
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        help_text=_("A score exactly at the mark passes."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0 means unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit. The server stops counting answers after it."),
    )
    grading_method = models.CharField(
        _("grade across attempts"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    show_answers = models.CharField(
        _("show correct answers and feedback"),
        max_length=16,
        choices=AnswerVisibility.choices,
        default=AnswerVisibility.AFTER_ATTEMPT,
    )
    pass_feedback = models.TextField(_("feedback when passed"), blank=True)
    fail_feedback = models.TextField(_("feedback when failed"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("time_limit_minutes"), FieldPanel("grading_method")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]),
                FieldPanel("show_answers"),
            ],
            heading=_("Settings"),
        ),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("pass_feedback"), FieldPanel("fail_feedback")],
            heading=_("Overall feedback"),
        ),
    ]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.pass_mark > 100:
            raise ValidationError({"pass_mark": _("The pass mark is a percentage (0–100).")})

    @property
    def question_count(self):
        """How many questions each attempt shows (a pool counts as the number it draws)."""
        count = 0
        for child in self.questions:
            count += child.value["draw"] if child.block_type == "pool" else 1
        return count

    @property
    def total_points(self):
        """The maximum score when pools hold questions of equal points (else an estimate)."""
        total = 0
        for child in self.questions:
            if child.block_type == "pool":
                points = [q.value["points"] for q in child.value["questions"]] or [0]
                total += max(points) * child.value["draw"]
            else:
                total += child.value["points"]
        return total


class AttemptState(models.TextChoices):
    IN_PROGRESS = "in_progress", pgettext_lazy("quizzes", "in progress")
    FINISHED = "finished", pgettext_lazy("quizzes", "finished")


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quiz_attempts",
    )
    # After erasure (RODO) the person's attempts keep one shared random key instead of the user,
    # so the anonymous pre/post pair still counts in the knowledge-gain figures.
    anonymous_key = models.UUIDField(null=True, blank=True, editable=False)
    organisation_type = models.CharField(
        _("organisation type at the time"), max_length=8, blank=True
    )
    course_id = models.PositiveIntegerField(_("course page id"), null=True, blank=True)
    lesson_id = models.PositiveIntegerField(_("lesson page id"), null=True, blank=True)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        max_length=12, choices=AttemptState.choices, default=AttemptState.IN_PROGRESS
    )
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    # The questions drawn for this attempt, in the order shown, with their keys (server only).
    questions = models.JSONField(default=list)
    score = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    max_score = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="quizzes_attempt_unique_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(state="in_progress"),
                name="quizzes_attempt_one_open",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "state"])]

    def __str__(self):
        return f"{self.quiz} #{self.number} ({self.user})"

    @property
    def is_finished(self):
        return self.state == AttemptState.FINISHED

    @property
    def participant(self):
        """Who made the attempt, stable across erasure: the user id or the anonymous key."""
        return self.user_id if self.user_id is not None else self.anonymous_key


class AttemptAnswer(models.Model):
    """The latest answer to one question of one attempt (saved as the participant goes)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=64)
    response = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)
    score = models.DecimalField(max_digits=8, decimal_places=3, null=True, blank=True)
    fraction = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key"], name="quizzes_answer_unique_question"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id}: {self.question_key}"


class ExtraAttempt(models.Model):
    """One more attempt for one person, granted by staff."""

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="extra_attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="extra_quiz_attempts"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("extra attempt")
        verbose_name_plural = _("extra attempts")

    def __str__(self):
        return f"{self.quiz} +1 ({self.user})"


class CourseQuizRole(models.Model):
    """Marks a quiz as the pre-test (taken before the first lesson: lessons open once it is
    finished, whatever the score; it never counts towards completion) or the
    post-test of a course. One of each per course; the two must be different quizzes with the
    same (or parallel) questions: questions are paired by their text in the report."""

    class Role(models.TextChoices):
        PRE = "pre", _("pre-test")
        POST = "post", _("post-test")

    course = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=pgettext_lazy("quizzes", "course"),
    )
    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="course_roles", verbose_name=_("quiz")
    )
    role = models.CharField(_("role"), max_length=4, choices=Role.choices)

    panels = [
        PageChooserPanel("course", page_type="courses.CoursePage"),
        FieldPanel("quiz"),
        FieldPanel("role"),
    ]

    class Meta:
        verbose_name = _("course pre-test or post-test")
        verbose_name_plural = _("course pre-tests and post-tests")
        constraints = [
            models.UniqueConstraint(fields=["course", "role"], name="quizzes_role_unique"),
            models.UniqueConstraint(fields=["course", "quiz"], name="quizzes_role_quiz_once"),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.get_role_display()} – {self.quiz}"

    def clean(self):
        if not (self.course_id and self.quiz_id and self.role):
            return
        others = CourseQuizRole.objects.filter(course_id=self.course_id).exclude(pk=self.pk)
        if others.filter(role=self.role).exists():
            raise ValidationError({"role": _("This course already has a quiz in this role.")})
        if others.filter(quiz_id=self.quiz_id).exists():
            raise ValidationError(
                {
                    "quiz": _(
                        "The pre-test and the post-test must be different quizzes: copy the "
                        "quiz to make the post-test."
                    )
                }
            )
