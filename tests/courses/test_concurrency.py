"""Concurrent requests of one participant (double clicks, two tabs) on PostgreSQL: one
enrolment, and the course is announced complete exactly once."""

import threading

import pytest
from django.db import connection, connections

from courses import completion, enrolment, signals
from courses.models import Enrolment

from . import factories

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (SQLite serialises writers anyway)")


def run_together(*calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def worker(call):
        try:
            barrier.wait()
            call()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_parallel_enrolment_and_completion(home_page):
    course = factories.course(home_page, modules=0, lessons_per_module=3, certificate_enabled=False)
    person = factories.user()
    enrolled, completed = [], []

    def on_enrolled(sender, **payload):
        enrolled.append(payload)

    def on_completed(sender, **payload):
        completed.append(payload)

    signals.enrolled.connect(on_enrolled)
    signals.course_completed.connect(on_completed)
    try:
        run_together(*[lambda: enrolment.enrol(person, course)] * 4)
        assert Enrolment.objects.filter(user=person).count() == 1
        assert len(enrolled) == 1
        lessons = factories.lessons_of(course)
        completion.complete_lesson(person, lessons[0], source="viewed")
        run_together(
            lambda: completion.complete_lesson(person, lessons[1], source="viewed"),
            lambda: completion.complete_lesson(person, lessons[2], source="viewed"),
            lambda: completion.complete_lesson(person, lessons[2], source="quiz"),
        )
        assert len(completed) == 1
        assert Enrolment.objects.get(user=person).completed_at is not None
    finally:
        signals.enrolled.disconnect(on_enrolled)
        signals.course_completed.disconnect(on_completed)
