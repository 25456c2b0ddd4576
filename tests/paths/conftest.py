"""A learning path for the tests: "Małe granty" – the course's pre-test (optional), the online
course, a workshop that waits for the earlier required steps, consultations (optional)."""

from decimal import Decimal

import pytest

from courses import completion, enrolment
from events.attendance import mark_attendance
from events.models import EventIndexPage
from events.registration import register
from paths.models import LearningPathIndexPage, LearningPathPage, PathStep
from quizzes import attempts, places
from quizzes.models import CourseQuizRole
from tests.courses import factories
from tests.events.conftest import make_event
from tests.quizzes.builders import make_quiz, true_false


@pytest.fixture
def course_shape():
    return {"modules": 0, "lessons_per_module": 2}


@pytest.fixture
def pre_test(course):
    quiz = make_quiz([true_false("q1", "true", "Mały grant to do 10 000 zł.")], title="Na start")
    CourseQuizRole.objects.create(course=course, quiz=quiz, role=CourseQuizRole.Role.PRE)
    return quiz


@pytest.fixture
def trainings(home_page):
    index = EventIndexPage(title="Szkolenia", slug="wydarzenia")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    workshop = make_event(index, title="Warsztat: małe granty", slug="warsztat")
    consultations = make_event(index, title="Konsultacje: małe granty", slug="konsultacje")
    return workshop, consultations


def make_path(home_page, steps, *, title="Małe granty: kurs online → warsztat → konsultacje"):
    index = LearningPathIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = LearningPathIndexPage(title="Ścieżki edukacyjne", slug="sciezki-edukacyjne")
        home_page.add_child(instance=index)
        index.save_revision().publish()
    page = LearningPathPage(
        title=title,
        slug=f"sciezka-{LearningPathPage.objects.count() + 1}",
        hours=Decimal("12"),
        learning_outcomes="Przygotowuje ofertę w trybie małych zleceń\nOcenia ofertę",
    )
    for kind, target, required, gated in steps:
        page.steps.add(
            PathStep(kind=kind, target=target, required=required, requires_earlier_steps=gated)
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    return LearningPathPage.objects.get(pk=page.pk)


@pytest.fixture
def path(home_page, course, pre_test, trainings):
    workshop, consultations = trainings
    return make_path(
        home_page,
        [
            ("pretest", course, False, False),
            ("course", course, True, False),
            ("training", workshop, True, True),
            ("training", consultations, False, False),
        ],
    )


@pytest.fixture
def participant():
    return factories.user()


def run(django_capture_on_commit_callbacks, func, *args, **kwargs):
    """Call a service and run what it queued after the commit (domain events, tasks)."""
    with django_capture_on_commit_callbacks(execute=True):
        return func(*args, **kwargs)


def take_pre_test(person, quiz, course):
    enrolment.enrol(person, course)
    place = places.place_in_course(person, quiz, course)
    attempt = attempts.start_attempt(person, quiz, place)
    attempts.finish_attempt(attempt, {"q1": "false"})  # any score counts


def complete_course(person, course):
    enrolment.enrol(person, course)
    for lesson in factories.lessons_of(course):
        completion.complete_lesson(person, lesson, source="viewed")


def attend(person, event):
    registration = register(
        event.sessions.first().pk,
        email=person.email,
        first_name=person.first_name,
        last_name=person.last_name,
        user=person,
        email_verified=True,
    )
    return mark_attendance(registration, True)
