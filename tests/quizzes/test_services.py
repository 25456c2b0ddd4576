"""Attempts: start and resume, pools stable within an attempt, grading methods, time limit with
grace, attempt limit and extra attempts, completion of the lesson."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from courses.models.progress import LessonProgress
from quizzes import attempts, grades, grading, limits, places
from quizzes.models import Attempt

from .builders import make_quiz, pool, true_false
from .conftest import add_lesson, quiz_body

pytestmark = pytest.mark.django_db


def place(user, quiz, lesson):
    return places.place_in_lesson(user, quiz, lesson)


def answers(**values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        name = "q-" + key
        data[name + "-shown"] = "1"
        if isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = value
    return data


ALL_RIGHT = {"q1": "q1-a", "q2": "true", "q3": "Wojt", "q4": "q4-a", "q5": "false"}


def take(user, quiz, lesson, given, now=None):
    attempt = attempts.start_attempt(user, quiz, place(user, quiz, lesson), now=now)
    attempt, errors = attempts.finish_attempt(attempt, answers(**given), now=now)
    assert not errors
    return attempt


def test_start_resumes_the_open_attempt(participant, quiz, lesson):
    first = attempts.start_attempt(participant, quiz, place(participant, quiz, lesson))
    again = attempts.start_attempt(participant, quiz, place(participant, quiz, lesson))
    assert first.pk == again.pk
    assert Attempt.objects.count() == 1


def test_pool_questions_stay_the_same_within_an_attempt(participant, lesson, course):
    members = [true_false(f"p{i}", text=f"Pytanie {i}") for i in range(10)]
    quiz = make_quiz([pool("pula", 3, members)], shuffle_questions=True)
    lesson2 = add_lesson(course, "Lekcja 2", "lekcja-2", quiz_body(quiz))
    attempt = attempts.start_attempt(participant, quiz, place(participant, quiz, lesson2))
    keys = [q["key"] for q in attempt.questions]
    assert len(keys) == 3
    for _ in range(5):
        resumed = attempts.start_attempt(participant, quiz, place(participant, quiz, lesson2))
        assert [q["key"] for q in resumed.questions] == keys
    # editing the quiz later does not change the running attempt
    quiz.questions = []
    quiz.save()
    attempt.refresh_from_db()
    assert [q["key"] for q in attempt.questions] == keys
    # a draw is random across attempts: over several fresh draws more than 3 questions appear
    seen = set()
    quiz_for_draws = make_quiz([pool("pula", 3, members)])
    for _ in range(8):
        seen |= {q["key"] for q in grading.draw_questions(quiz_for_draws.questions)}
    assert len(seen) > 3


def test_all_right_passes_and_completes_the_lesson(participant, quiz, lesson):
    attempt = take(participant, quiz, lesson, ALL_RIGHT)
    assert attempt.passed is True
    assert attempt.percent == 100
    progress = LessonProgress.objects.get(user=participant, lesson=lesson)
    assert progress.status == "completed"
    assert progress.source == "quiz"


def test_exactly_at_the_pass_mark_passes(participant, quiz, lesson):
    three_of_five = {**ALL_RIGHT, "q4": "q4-b", "q5": "true"}
    attempt = take(participant, quiz, lesson, three_of_five)
    assert attempt.percent == 60
    assert attempt.passed is True


def test_below_the_mark_fails_and_leaves_the_lesson_open(participant, quiz, lesson):
    two_of_five = {"q1": "q1-a", "q2": "true", "q3": "skarbnik"}
    attempt = take(participant, quiz, lesson, two_of_five)
    assert attempt.percent == 40
    assert attempt.passed is False
    assert not LessonProgress.objects.filter(
        user=participant, lesson=lesson, status="completed"
    ).exists()
    assert limits.attempts_remaining(quiz, participant) == 2


@pytest.mark.parametrize(("method", "expected_number"), [("highest", 2), ("last", 3), ("first", 1)])
def test_grading_methods(participant, quiz, lesson, method, expected_number):
    quiz.grading_method = method
    quiz.save()
    take(participant, quiz, lesson, {"q1": "q1-a"})  # 20%
    take(participant, quiz, lesson, {"q1": "q1-a", "q2": "true", "q3": "wójt"})  # 60%
    take(participant, quiz, lesson, {"q1": "q1-a", "q2": "true"})  # 40%
    graded = grades.graded_attempt(quiz, participant)
    assert graded.number == expected_number


def test_first_method_does_not_complete_after_a_failed_first_attempt(participant, quiz, lesson):
    quiz.grading_method = "first"
    quiz.save()
    take(participant, quiz, lesson, {"q1": "q1-a"})
    take(participant, quiz, lesson, ALL_RIGHT)
    assert not LessonProgress.objects.filter(user=participant, status="completed").exists()


def test_time_limit_with_grace(participant, quiz, lesson):
    quiz.time_limit_minutes = 10
    quiz.save()
    t0 = timezone.now()
    attempt = attempts.start_attempt(participant, quiz, place(participant, quiz, lesson), now=t0)
    assert attempt.deadline == t0 + timedelta(minutes=10)
    # within the grace: counted
    in_grace = t0 + timedelta(minutes=10, seconds=attempts.GRACE_SECONDS - 1)
    attempts.save_answers(attempt, answers(q1="q1-a"), now=in_grace)
    # after limit + grace: not counted, the attempt is closed with what was saved in time
    late = t0 + timedelta(minutes=10, seconds=attempts.GRACE_SECONDS + 1)
    with pytest.raises(attempts.TimeUp):
        attempts.finish_attempt(attempt, answers(**ALL_RIGHT), now=late)
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.timed_out
    assert attempt.score == 1
    with pytest.raises(attempts.AttemptFinished):
        attempts.save_answers(attempt, answers(q2="true"), now=late)


def test_attempt_limit_and_extra_attempt(participant, staff, quiz, lesson):
    quiz.max_attempts = 1
    quiz.save()
    take(participant, quiz, lesson, {"q1": "q1-a"})
    with pytest.raises(attempts.AttemptLimitReached):
        attempts.start_attempt(participant, quiz, place(participant, quiz, lesson))
    limits.grant_extra_attempt(quiz, participant, granted_by=staff, reason="awaria łącza")
    assert limits.attempts_remaining(quiz, participant) == 1
    second = attempts.start_attempt(participant, quiz, place(participant, quiz, lesson))
    assert second.number == 2


def test_second_finish_counts_nothing_twice(participant, quiz, lesson):
    attempt = take(participant, quiz, lesson, ALL_RIGHT)
    with pytest.raises(attempts.AttemptFinished):
        attempts.finish_attempt(attempt, answers(q1="q1-b"))
    attempt.refresh_from_db()
    assert attempt.percent == 100
    assert LessonProgress.objects.filter(user=participant, status="completed").count() == 1


def test_erasure_blanks_typed_answers(participant, quiz, lesson):
    from quizzes import personal_data

    attempt = take(participant, quiz, lesson, ALL_RIGHT)
    personal_data.erase_for(participant)
    attempt.refresh_from_db()
    assert attempt.user is None and attempt.anonymous_key is not None
    assert attempt.answers.get(question_key="q3").response == {"text": ""}
    assert attempt.percent == 100
