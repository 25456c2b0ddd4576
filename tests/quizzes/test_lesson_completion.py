"""A passed quiz completes its lesson through cms.activities.activity_passed, sent inside the
quiz's own transaction: the grade and the lesson's completion commit together or not at all."""

import pytest
from django.http import QueryDict

from cms.activities import activity_passed
from courses.models import LessonProgress
from quizzes import attempts, places
from quizzes.models import Attempt, AttemptState

pytestmark = pytest.mark.django_db

ALL_RIGHT = {"q1": "q1-a", "q2": "true", "q3": "Wojt", "q4": "q4-a", "q5": "false"}


def answers(values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data[f"q-{key}-shown"] = "1"
        data[f"q-{key}"] = value
    return data


def finish_all_right(user, quiz, lesson):
    attempt = attempts.start_attempt(user, quiz, places.place_in_lesson(user, quiz, lesson))
    return attempts.finish_attempt(attempt, answers(ALL_RIGHT))


@pytest.fixture
def listener():
    """Connects a receiver after courses' own one (so it runs after the lesson is completed)."""
    connected = []

    def connect(func):
        activity_passed.connect(func, dispatch_uid=f"test-{len(connected)}", weak=False)
        connected.append(f"test-{len(connected)}")

    yield connect
    for uid in connected:
        activity_passed.disconnect(dispatch_uid=uid)


def test_a_passed_quiz_reports_the_lesson_and_courses_completes_it(
    participant, quiz, lesson, listener
):
    seen = []
    listener(lambda sender, user, lesson, source, **kw: seen.append((user.pk, lesson.pk, source)))
    finish_all_right(participant, quiz, lesson)
    assert seen == [(participant.pk, lesson.pk, "quiz")]
    progress = LessonProgress.objects.get(user=participant, lesson=lesson)
    assert progress.status == LessonProgress.Status.COMPLETED and progress.source == "quiz"


def test_a_rolled_back_quiz_result_leaves_the_lesson_incomplete(
    participant, quiz, lesson, listener
):
    def fail(sender, **payload):
        raise RuntimeError("the grade could not be stored")

    listener(fail)
    with pytest.raises(RuntimeError):
        finish_all_right(participant, quiz, lesson)
    assert not LessonProgress.objects.filter(
        user=participant, lesson=lesson, status=LessonProgress.Status.COMPLETED
    ).exists()
    assert Attempt.objects.get(user=participant).state == AttemptState.IN_PROGRESS
