"""The rules of taking a quiz, each in one place: who may take it and where, the attempt limit,
starting (drawing the questions), saving answers as they come, the time limit with its grace,
finishing and grading, the grade across attempts, when answers may be shown, completing the
lesson, and granting an extra attempt.

Lessons are completed only through `courses.services.complete_lesson(..., source="quiz")`.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import grading
from .models import (
    AnswerVisibility,
    Attempt,
    AttemptAnswer,
    AttemptState,
    CourseQuizRole,
    ExtraAttempt,
    GradingMethod,
    Quiz,
)

logger = logging.getLogger(__name__)

# Answers that arrive this long after the time limit still count (network, slow submit);
# anything later is not counted.
GRACE_SECONDS = getattr(settings, "QUIZ_TIME_GRACE_SECONDS", 30)


class QuizError(Exception):
    """A rule stopped the action; `message` says why, for the participant."""

    status = 400

    def __init__(self, message, attempt=None):
        super().__init__(message)
        self.message = message
        self.attempt = attempt


class AttemptLimitReached(QuizError):
    status = 403


class AttemptFinished(QuizError):
    status = 409


class TimeUp(QuizError):
    status = 409


# --- where a quiz is taken ---------------------------------------------------------------------


@dataclass
class QuizPlace:
    """Where a quiz is taken: in a lesson (block) or as a course's pre-/post-test."""

    course: object
    lesson: object = None
    required: bool = False
    role: str = ""

    @property
    def course_id(self):
        return self.course.pk if self.course is not None else None

    @property
    def lesson_id(self):
        return self.lesson.pk if self.lesson is not None else None


def quiz_blocks_in(page):
    """(quiz_id, required) for each quiz block in a page's body, read from the raw stream so
    no quiz is fetched."""
    body = getattr(page, "body", None)
    if body is None:
        return []
    found = []
    for item in body.raw_data:
        if item.get("type") == "quiz":
            value = item.get("value") or {}
            if value.get("quiz"):
                found.append((int(value["quiz"]), bool(value.get("required"))))
    return found


def place_in_lesson(user, quiz, lesson):
    """The place of `quiz` in `lesson`, if the user may take it there (else PermissionDenied;
    a quiz that is not in the lesson is a 404 for the view: LookupError)."""
    from courses import services as courses_services

    blocks = [required for quiz_id, required in quiz_blocks_in(lesson) if quiz_id == quiz.pk]
    if not blocks:
        raise LookupError("quiz not in lesson")
    if not courses_services.can_view_lesson(user, lesson):
        raise PermissionDenied(_("Enrol in the course to take this quiz."))
    role = (
        CourseQuizRole.objects.filter(quiz=quiz, course_id=courses_services.course_of(lesson).pk)
        .values_list("role", flat=True)
        .first()
    )
    return QuizPlace(
        course=courses_services.course_of(lesson),
        lesson=lesson,
        required=any(blocks) and role != CourseQuizRole.Role.PRE,
        role=role or "",
    )


def place_in_course(user, quiz, course):
    """The place of a course's pre-test or post-test taken from the course itself."""
    from courses import services as courses_services

    role = CourseQuizRole.objects.filter(quiz=quiz, course_id=course.pk).first()
    if role is None:
        raise LookupError("quiz has no role in this course")
    if not (is_staff(user) or courses_services.is_enrolled(user, course)):
        raise PermissionDenied(_("Enrol in the course to take this quiz."))
    return QuizPlace(course=course, role=role.role)


def place_of_attempt(user, attempt):
    """Re-check, for every request on an attempt, that the person may still take the quiz."""
    from wagtail.models import Page

    if attempt.lesson_id:
        lesson = Page.objects.filter(pk=attempt.lesson_id).first()
        if lesson is None:
            raise PermissionDenied(_("This lesson no longer exists."))
        return place_in_lesson(user, attempt.quiz, lesson.specific)
    course = Page.objects.filter(pk=attempt.course_id).first()
    if course is None:
        raise PermissionDenied(_("This course no longer exists."))
    return place_in_course(user, attempt.quiz, course.specific)


def pending_pre_test(user, course_id):
    """The pre-test of course `course_id` that `user` has not yet finished, or None (no
    pre-test, or at least one finished attempt). One query. For the courses app, which asks
    before the first lesson: {"quiz_id", "title", "url"}."""
    from django.db.models import Exists, OuterRef
    from django.urls import reverse

    if not (user and user.is_authenticated):
        return None
    finished = Attempt.objects.filter(
        quiz_id=OuterRef("quiz_id"), user=user, state=AttemptState.FINISHED
    )
    row = (
        CourseQuizRole.objects.filter(course_id=course_id, role=CourseQuizRole.Role.PRE)
        .annotate(taken=Exists(finished))
        .values("quiz_id", "quiz__title", "taken")
        .first()
    )
    if row is None or row["taken"]:
        return None
    return {
        "quiz_id": row["quiz_id"],
        "title": row["quiz__title"],
        "url": reverse("quizzes:in_course", args=[course_id, row["quiz_id"]]),
    }


def is_staff(user):
    return user.is_authenticated and (user.is_staff or user.has_perm("quizzes.change_quiz"))


# --- attempts and limits -------------------------------------------------------------------------


def attempts_allowed(quiz, user):
    """How many attempts the person may start in all (None: unlimited)."""
    if not quiz.max_attempts:
        return None
    return quiz.max_attempts + ExtraAttempt.objects.filter(quiz=quiz, user=user).count()


def attempts_remaining(quiz, user):
    allowed = attempts_allowed(quiz, user)
    if allowed is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, user=user).count()
    return max(0, allowed - used)


def open_attempt(quiz, user):
    return Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.IN_PROGRESS).first()


def start_attempt(user, quiz, place, *, now=None):
    """The person's attempt in progress (resumed), or a new one with its questions drawn.
    Raises AttemptLimitReached when no attempt is left."""
    now = now or timezone.now()
    with transaction.atomic():
        # Serialise starts of one person on one quiz (PostgreSQL; SQLite has one writer).
        list(Quiz.objects.select_for_update().filter(pk=quiz.pk).values_list("pk"))
        current = open_attempt(quiz, user)
        if current is not None:
            if not close_if_overdue(current, now=now):
                return current
        remaining = attempts_remaining(quiz, user)
        if remaining == 0:
            raise AttemptLimitReached(
                _("You have used all the attempts allowed for this quiz."),
            )
        last = Attempt.objects.filter(quiz=quiz, user=user).order_by("-number").first()
        deadline = (
            now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
        )
        attempt = Attempt(
            quiz=quiz,
            user=user,
            number=(last.number + 1) if last else 1,
            course_id=place.course_id,
            lesson_id=place.lesson_id,
            organisation_type=_organisation_type(user),
            deadline=deadline,
            questions=grading.draw_questions(
                quiz.questions,
                shuffle_questions=quiz.shuffle_questions,
                shuffle_options=quiz.shuffle_options,
            ),
        )
        try:
            with transaction.atomic():
                attempt.save()
        except IntegrityError:
            # A parallel request started it a moment ago: resume that one.
            existing = open_attempt(quiz, user)
            if existing is None:
                raise
            return existing
        if deadline:
            # started_at comes from the database clock; keep the deadline exact to the limit.
            Attempt.objects.filter(pk=attempt.pk).update(started_at=now)
            attempt.started_at = now
    return attempt


def _organisation_type(user):
    # A missing profile raises RelatedObjectDoesNotExist, an AttributeError.
    profile = getattr(user, "profile", None)
    return profile.organisation_type if profile is not None else ""


def is_overdue(attempt, now=None):
    """Past the time limit plus the grace: nothing sent now is counted."""
    if attempt.deadline is None:
        return False
    now = now or timezone.now()
    return now > attempt.deadline + timedelta(seconds=GRACE_SECONDS)


def seconds_left(attempt, now=None):
    if attempt.deadline is None:
        return None
    now = now or timezone.now()
    return max(0, int((attempt.deadline - now).total_seconds()))


def close_if_overdue(attempt, now=None):
    """Finish an attempt whose time ran out, with the answers saved in time. True if closed."""
    if attempt.is_finished or not is_overdue(attempt, now):
        return False
    _finish(attempt, now=now or timezone.now(), timed_out=True)
    return True


def saved_responses(attempt):
    return {a.question_key: a.response for a in attempt.answers.all()}


def _locked(attempt):
    return Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)


def save_answers(attempt, data, *, now=None):
    """Save the answers present in `data` (a QueryDict). Returns (saved keys, errors by question
    key). Raises AttemptFinished or TimeUp (then the attempt is closed with what was saved in
    time). Answers with errors are not saved; the others are."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt)
        if attempt.is_finished:
            raise AttemptFinished(
                _("This attempt is already finished; its result was not changed."), attempt
            )
        late = is_overdue(attempt, now)
        if late:
            _finish(attempt, now=now, timed_out=True)
        else:
            saved, errors, _rows = _store(attempt, data)
            return attempt, saved, errors
    # Raised after the commit, so the closed attempt stays closed.
    raise TimeUp(_("The time limit has passed: answers sent after it were not counted."), attempt)


def _store(attempt, data):
    """Save the answers in `data` (bulk writes). Returns (saved keys, errors, rows by key)."""
    errors = {}
    saved = []
    unknown = grading.unknown_question_fields(attempt.questions, data)
    if unknown:
        errors["__all__"] = _("The form contained answers to questions not in this attempt.")
    rows = {a.question_key: a for a in attempt.answers.all()}
    new, changed = [], []
    now = timezone.now()
    for q in attempt.questions:
        try:
            response = grading.parse_response(q, data)
        except grading.AnswerError as error:
            errors[q["key"]] = error.message
            continue
        if response is None:
            continue
        row = rows.get(q["key"])
        if row is None:
            row = AttemptAnswer(
                attempt=attempt, question_key=q["key"], response=response, saved_at=now
            )
            rows[q["key"]] = row
            new.append(row)
        elif row.response != response:
            row.response = response
            row.saved_at = now
            changed.append(row)
        saved.append(q["key"])
    AttemptAnswer.objects.bulk_create(new)
    if changed:
        AttemptAnswer.objects.bulk_update(changed, ["response", "saved_at"])
    return saved, errors, rows


def finish_attempt(attempt, data=None, *, now=None):
    """Save the last answers (if sent in time), grade and close the attempt, and complete the
    lesson when the quiz is passed. Returns (attempt, errors). With errors in the answers
    nothing is finished: the participant corrects them first.
    Raises AttemptFinished for a second submission; TimeUp when the answers came too late
    (the attempt is then finished with the answers saved in time)."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt)
        if attempt.is_finished:
            raise AttemptFinished(
                _("This attempt is already finished; its result was not changed."), attempt
            )
        late = is_overdue(attempt, now)
        if late:
            _finish(attempt, now=now, timed_out=True)
        else:
            rows = None
            if data is not None:
                _saved, errors, rows = _store(attempt, data)
                if errors:
                    return attempt, errors
            _finish(attempt, now=now, timed_out=False, rows=rows)
    if late:
        raise TimeUp(
            _("The time limit has passed: answers sent after it were not counted."), attempt
        )
    return attempt, {}


def _finish(attempt, *, now, timed_out, rows=None):
    """Grade every drawn question from the saved answers and close the attempt (the caller
    holds the row lock or the attempt is already known to be overdue)."""
    answers = rows if rows is not None else {a.question_key: a for a in attempt.answers.all()}
    total = Fraction(0)
    maximum = Fraction(0)
    new, graded = [], []
    for q in attempt.questions:
        row = answers.get(q["key"])
        fraction = grading.grade(q, row.response if row else {})
        points = fraction * q["points"]
        total += points
        maximum += q["points"]
        if row is None:
            row = AttemptAnswer(attempt=attempt, question_key=q["key"], response={}, saved_at=now)
            new.append(row)
        elif row.pk is not None:
            graded.append(row)
        row.score = _decimal(points, "0.001")
        row.fraction = _decimal(fraction, "0.0001")
    AttemptAnswer.objects.bulk_create(new)
    if graded:
        AttemptAnswer.objects.bulk_update(graded, ["score", "fraction"])
    quiz = attempt.quiz
    attempt.state = AttemptState.FINISHED
    attempt.finished_at = now
    attempt.timed_out = timed_out
    attempt.score = _decimal(total, "0.001")
    attempt.max_score = _decimal(maximum, "0.001")
    attempt.percent = _decimal(total * 100 / maximum if maximum else Fraction(0), "0.01")
    attempt.passed = grading.passes(total, maximum, quiz.pass_mark)
    attempt.save()
    _complete_lesson_if_passed(attempt)
    return attempt


def _decimal(fraction, places):
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal(places))


def _complete_lesson_if_passed(attempt):
    if not attempt.lesson_id or attempt.user is None or not attempt.passed:
        return
    from wagtail.models import Page

    from courses import services as courses_services

    lesson = Page.objects.filter(pk=attempt.lesson_id).first()
    if lesson is None:
        return
    lesson = lesson.specific
    required = [r for quiz_id, r in quiz_blocks_in(lesson) if quiz_id == attempt.quiz_id]
    if not any(required):
        return
    if CourseQuizRole.objects.filter(
        quiz_id=attempt.quiz_id, role=CourseQuizRole.Role.PRE
    ).exists():
        return  # a pre-test never completes a lesson (it only has to be taken first)
    graded = graded_attempt(attempt.quiz, attempt.user)
    if graded is None or not graded.passed:
        return
    try:
        courses_services.complete_lesson(attempt.user, lesson, source="quiz")
    except PermissionDenied:
        logger.warning("quiz attempt %s passed but the lesson could not be completed", attempt.pk)


# --- grades and visibility ---------------------------------------------------------------------


def graded_attempt(quiz, user, attempts=None):
    """The finished attempt that stands as the person's grade, by the quiz's grading method."""
    if attempts is None:
        finished = Attempt.objects.filter(quiz=quiz, user=user, state=AttemptState.FINISHED)
        order = {
            GradingMethod.FIRST: ["number"],
            GradingMethod.LAST: ["-number"],
        }.get(quiz.grading_method, ["-percent", "number"])
        return finished.order_by(*order).first()
    attempts = sorted((a for a in attempts if a.is_finished), key=lambda a: a.number)
    if not attempts:
        return None
    if quiz.grading_method == GradingMethod.FIRST:
        return attempts[0]
    if quiz.grading_method == GradingMethod.LAST:
        return attempts[-1]
    return max(attempts, key=lambda a: (a.percent, -a.number))


def may_show_answers(attempt):
    """Whether the result page of a finished attempt may show the right answers and feedback."""
    if not attempt.is_finished:
        return False
    policy = attempt.quiz.show_answers
    if policy == AnswerVisibility.AFTER_ATTEMPT:
        return True
    if policy == AnswerVisibility.AFTER_PASS:
        return bool(attempt.passed)
    if policy == AnswerVisibility.AFTER_LAST:
        if attempt.user is None:
            return False
        return attempts_remaining(attempt.quiz, attempt.user) == 0 and not open_attempt(
            attempt.quiz, attempt.user
        )
    return False


def review(attempt):
    """The per-question review of a finished attempt (call only when may_show_answers)."""
    answers = {a.question_key: a for a in attempt.answers.all()}
    items = []
    for q in attempt.questions:
        row = answers.get(q["key"])
        fraction = Fraction(row.fraction) if row and row.fraction is not None else Fraction(0)
        items.append(grading.review_question(q, row.response if row else {}, fraction))
    return items


# --- staff ---------------------------------------------------------------------------------------


def grant_extra_attempt(quiz, user, *, granted_by, reason=""):
    return ExtraAttempt.objects.create(quiz=quiz, user=user, granted_by=granted_by, reason=reason)


def anonymise_attempts(user):
    """RODO erasure: the person's attempts stay (they count in the figures) under one random
    key; typed answers are blanked."""
    key = uuid.uuid4()
    attempts = Attempt.objects.filter(user=user)
    for answer in AttemptAnswer.objects.filter(attempt__in=attempts):
        if "text" in answer.response:
            answer.response = {**answer.response, "text": ""}
            answer.save(update_fields=["response"])
    attempts.update(user=None, anonymous_key=key)
    ExtraAttempt.objects.filter(user=user).delete()
