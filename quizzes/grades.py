"""The grade across attempts (by the quiz's grading method), when answers may be shown, and
the per-question review of a finished attempt."""

from fractions import Fraction

from . import grading
from .limits import attempts_remaining, open_attempt
from .models import AnswerVisibility, Attempt, AttemptState, GradingMethod


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
