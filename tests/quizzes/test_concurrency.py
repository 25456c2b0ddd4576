"""Parallel requests on PostgreSQL: two submissions of one attempt grade it once; two starts
open one attempt."""

import threading

import pytest
from django.db import connection, connections
from django.http import QueryDict

from quizzes import attempts, places
from quizzes.models import Attempt, AttemptAnswer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (set DATABASE_URL)")


def parallel(func, n=2):
    barrier = threading.Barrier(n)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(func())
        except Exception as error:  # noqa: BLE001
            results.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=run) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_submissions_grade_once(participant, quiz, lesson):
    place = places.place_in_lesson(participant, quiz, lesson)
    attempt = attempts.start_attempt(participant, quiz, place)
    data = QueryDict(mutable=True)
    for key, value in {"q1": "q1-a", "q2": "true", "q3": "wójt", "q4": "q4-a"}.items():
        data[f"q-{key}-shown"] = "1"
        data[f"q-{key}"] = value
    results = parallel(lambda: attempts.finish_attempt(Attempt.objects.get(pk=attempt.pk), data))
    finished = [r for r in results if isinstance(r, tuple)]
    refused = [r for r in results if isinstance(r, attempts.AttemptFinished)]
    assert len(finished) == 1 and len(refused) == 1, results
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 5
    attempt.refresh_from_db()
    assert attempt.percent == 80


def test_two_starts_open_one_attempt(participant, quiz, lesson):
    place = places.place_in_lesson(participant, quiz, lesson)
    results = parallel(lambda: attempts.start_attempt(participant, quiz, place).pk, n=3)
    assert len(set(results)) == 1, results
    assert Attempt.objects.filter(user=participant).count() == 1
