"""Taking a quiz: starting an attempt (drawing the questions), saving answers as they come,
the time limit with its grace, finishing and grading. A passed quiz in a lesson is reported
through cms.activities inside the finishing transaction, so the lesson's completion (courses)
commits or rolls back with the grade."""

import logging
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms import activities
from cms.domain_events import announce

from . import grading, signals
from .grades import graded_attempt
from .limits import attempts_remaining, open_attempt
from .models import Attempt, AttemptAnswer, AttemptState, CourseQuizRole, Quiz
from .places import quiz_blocks_in

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
    if attempt.user_id is not None:
        announce(
            signals.attempt_finished,
            sender=Attempt,
            user_id=attempt.user_id,
            quiz_id=attempt.quiz_id,
            course_id=attempt.course_id,
            lesson_id=attempt.lesson_id,
            passed=attempt.passed,
        )
    return attempt


def _decimal(fraction, places):
    return (Decimal(fraction.numerator) / Decimal(fraction.denominator)).quantize(Decimal(places))


def _complete_lesson_if_passed(attempt):
    if not attempt.lesson_id or attempt.user is None or not attempt.passed:
        return
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
        activities.report_passed(attempt.user, lesson, source="quiz")
    except PermissionDenied:
        logger.warning("quiz attempt %s passed but the lesson could not be completed", attempt.pk)
