"""Parallel statements of one participant on PostgreSQL: one result row, every attempt counted,
the lesson completed once."""

import threading

import pytest
from django.db import connection, connections

from courses.models import LessonProgress
from h5p.models import H5PResult, H5PStatement
from h5p.xapi import activity_for, record_statement
from tests.h5p.conftest import statement

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_root_statements(course_and_lesson, participant, tiny_package):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and true parallel writers need PostgreSQL (DATABASE_URL)")
    _course, lesson = course_and_lesson
    workers = 8
    barrier = threading.Barrier(workers)
    completed, errors = [], []

    def post():
        try:
            activity = activity_for(participant, lesson.pk, tiny_package.pk)
            barrier.wait()
            outcome = record_statement(
                participant, activity, statement(lesson, tiny_package), checked=True
            )
            completed.append(outcome.lesson_completed)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert H5PStatement.objects.count() == workers
    result = H5PResult.objects.get()
    assert result.attempts == workers and result.passed
    assert completed.count(True) == 1
    assert LessonProgress.objects.filter(lesson=lesson, status="completed").count() == 1
