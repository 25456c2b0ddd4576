import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from courses import enrolment
from courses.models import LessonPage
from courses.models.progress import Enrolment
from quizzes.models import CourseQuizRole

from .builders import make_quiz, short_text, single, true_false


@pytest.fixture(autouse=True)
def _default_language():
    """A request on an /en/ page leaves English active in the thread, so `reverse()` in the
    next test would build English URLs: every test starts in Polish."""
    translation.activate("pl")
    yield
    translation.deactivate()


def quiz_body(quiz, required=True):
    return [{"type": "quiz", "value": {"quiz": quiz.pk, "required": required}}]


def add_lesson(course, title, slug, body=(), **fields):
    lesson = LessonPage(title=title, slug=slug, body=json.dumps(list(body)), **fields)
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def course_shape():
    # The quiz tests add their own lessons to the course.
    return {"modules": 0, "lessons_per_module": 0}


@pytest.fixture
def quiz(db):
    return make_quiz(
        [
            single(
                "q1",
                "Limit kwoty małego grantu?",
                (("a", "10 000 zł", True), ("b", "5 000 zł", False)),
            ),
            true_false("q2", "true", "Oferta jest publikowana na 7 dni."),
            short_text("q3", ["wójt", "burmistrz"], "Kto podpisuje umowę w gminie wiejskiej?"),
            single("q4", "Okres realizacji?", (("a", "do 90 dni", True), ("b", "rok", False))),
            true_false("q5", "false", "Mały grant wymaga konkursu."),
        ],
        title="Sprawdź się: małe granty",
        pass_mark=60,
        max_attempts=3,
    )


@pytest.fixture
def lesson(course, quiz):
    return add_lesson(
        course,
        "Tryb małych zleceń",
        "tryb-malych-zlecen",
        quiz_body(quiz),
        completion_mode="activity",
    )


def make_user(email, **fields):
    user = get_user_model().objects.create_user(
        username=email.split("@")[0], email=email, password="haslo-testowe-123", **fields
    )
    return user


@pytest.fixture
def participant(course):
    user = make_user("uczestnik@example.pl", first_name="Ewa", last_name="Nowak")
    enrolment.enrol(user, course, source=Enrolment.Source.STAFF)
    return user


@pytest.fixture
def outsider(db):
    return make_user("obcy@example.pl")


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_superuser(
        username="admin", email="admin@example.pl", password="haslo-testowe-123"
    )


@pytest.fixture
def logged_in(client, participant):
    client.force_login(participant)
    return client


def set_role(course, quiz, role):
    return CourseQuizRole.objects.create(course=course, quiz=quiz, role=role)
