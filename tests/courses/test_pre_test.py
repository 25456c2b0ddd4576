"""A course with a pre-test: the course page offers it, and an enrolled participant takes it
before opening the first lesson (staff and editors are exempt; so is anyone who had already
started the course before the pre-test was added)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from courses import completion, enrolment, progress
from courses.models import LessonProgress
from quizzes import attempts, places
from quizzes.models import CourseQuizRole
from tests.quizzes.builders import make_quiz, true_false

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_shape():
    return {"modules": 1, "lessons_per_module": 3}


@pytest.fixture
def pre_test(course):
    quiz = make_quiz([true_false("q1", "true", "Mały grant to do 10 000 zł.")], title="Na start")
    CourseQuizRole.objects.create(course=course, quiz=quiz, role=CourseQuizRole.Role.PRE)
    return quiz


@pytest.fixture
def participant(client, course):
    person = factories.user()
    enrolment.enrol(person, course)
    client.force_login(person)
    return person


def take(person, quiz, course):
    place = places.place_in_course(person, quiz, course)
    attempt = attempts.start_attempt(person, quiz, place)
    attempts.finish_attempt(attempt, {"q1": "false"})  # a wrong answer still counts


def test_course_page_offers_the_pre_test(client, course, pre_test, participant):
    html = client.get(course.url).content.decode()
    assert reverse("quizzes:in_course", args=[course.pk, pre_test.pk]) in html
    assert "Na start" in html


def test_first_lesson_redirects_to_the_pre_test_with_a_message(
    client, course, pre_test, participant
):
    lesson = factories.lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:in_course", args=[course.pk, pre_test.pk])
    text = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "Na start" in text
    # Nothing is recorded for a lesson the participant did not see.
    assert not LessonProgress.objects.filter(user=participant).exists()
    # Any lesson of the course, not only the first one.
    assert client.get(factories.lessons_of(course)[2].url).status_code == 302


def test_after_the_pre_test_the_lesson_opens(client, course, pre_test, participant):
    take(participant, pre_test, course)
    lesson = factories.lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "Treść lekcji 1." in response.content.decode()
    assert progress.progress_map(participant, course) == {lesson.pk: "in_progress"}


def test_a_pre_test_in_progress_is_not_enough(client, course, pre_test, participant):
    place = places.place_in_course(participant, pre_test, course)
    attempts.start_attempt(participant, pre_test, place)
    assert client.get(factories.lessons_of(course)[0].url).status_code == 302


def test_staff_and_editors_are_exempt(client, course, pre_test, django_user_model):
    staff = factories.user("redakcja@example.pl", is_staff=True)
    enrolment.enrol(staff, course)
    client.force_login(staff)
    assert client.get(factories.lessons_of(course)[0].url).status_code == 200


def test_participants_who_had_started_are_not_sent_back(client, course, participant):
    lessons = factories.lessons_of(course)
    completion.complete_lesson(participant, lessons[0], source="viewed")
    quiz = make_quiz([true_false("q1")], title="Dodany później")
    CourseQuizRole.objects.create(course=course, quiz=quiz, role=CourseQuizRole.Role.PRE)
    assert client.get(lessons[1].url).status_code == 200


def test_without_a_pre_test_nothing_changes(client, course, participant):
    assert client.get(factories.lessons_of(course)[0].url).status_code == 200


def test_a_post_test_does_not_gate(client, course, participant):
    quiz = make_quiz([true_false("q1")], title="Na koniec")
    CourseQuizRole.objects.create(course=course, quiz=quiz, role=CourseQuizRole.Role.POST)
    assert client.get(factories.lessons_of(course)[0].url).status_code == 200


def test_pending_pre_test_service(course, pre_test, participant):
    assert places.pending_pre_test(participant, course.pk)["quiz_id"] == pre_test.pk
    take(participant, pre_test, course)
    assert places.pending_pre_test(participant, course.pk) is None
