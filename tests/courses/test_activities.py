"""Lesson activities plug into courses through cms.activities: the lesson body's quiz and H5P
blocks render through the renderers the apps register, the course page's pre-test comes through
the interface quizzes registers, and the certificate of a completed course is issued by a task
queued after commit."""

import json

import pytest
from django.urls import reverse

from certificates.models import Certificate
from cms import activities
from courses import completion, enrolment, tasks
from courses.blocks import H5PBlock, QuizBlock
from courses.models import LessonPage
from h5p.packages import import_package
from quizzes.models import CourseQuizRole
from tests.h5p.conftest import tiny_zip
from tests.quizzes.builders import make_quiz, true_false

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_shape():
    return {"modules": 0, "lessons_per_module": 1}


@pytest.fixture
def package(tmp_path):
    path = tmp_path / "tiny.h5p"
    path.write_bytes(tiny_zip())
    return import_package(path)


@pytest.fixture
def quiz():
    return make_quiz([true_false("q1", "true", "Mały grant to do 10 000 zł.")], title="Sprawdzian")


@pytest.fixture
def lesson_with_both(course, quiz, package, settings):
    """A lesson whose body was stored as the editor saved it before the blocks moved to
    courses: the raw stream names only the block types and their fields."""
    settings.H5P_ORIGIN = "http://h5p.testserver"
    body = [
        {"type": "paragraph", "value": "<p>Wstęp.</p>", "id": "p1"},
        {"type": "quiz", "value": {"quiz": quiz.pk, "required": True}, "id": "q1"},
        {"type": "h5p", "value": {"package": package.pk, "required": True, "pass_mark": 80}, "id": "h1"},
    ]  # fmt: skip
    lesson = LessonPage(
        title="Obie aktywności", slug="obie", completion_mode="activity", body=json.dumps(body)
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def test_a_stored_lesson_with_both_blocks_renders_both(client, course, quiz, lesson_with_both):
    person = factories.user()
    enrolment.enrol(person, course)
    client.force_login(person)
    html = client.get(lesson_with_both.url).content.decode()
    assert 'class="quiz-block"' in html and "Sprawdzian" in html
    assert reverse("quizzes:in_lesson", args=[lesson_with_both.pk, quiz.pk]) in html
    assert 'class="h5p-activity"' in html and 'sandbox="allow-scripts"' in html
    assert "80%" in html  # the stored pass mark reached the H5P renderer


def test_each_block_kind_finds_its_registered_renderer(lesson_with_both):
    kinds = {block.block_type: block for block in lesson_with_both.body}
    assert isinstance(kinds["quiz"].block, QuizBlock) and isinstance(kinds["h5p"].block, H5PBlock)
    assert activities.block_renderer("quiz").template == "quizzes/blocks/quiz_block.html"
    assert activities.block_renderer("h5p").template == "h5p/blocks/h5p_block.html"


def test_a_block_without_a_renderer_renders_nothing(lesson_with_both, monkeypatch):
    monkeypatch.setattr(activities, "_renderers", {})
    for block in lesson_with_both.body:
        if block.block_type in ("quiz", "h5p"):
            assert block.render(context={"page": lesson_with_both}) == ""


def test_the_pre_test_comes_through_the_interface_quizzes_registers(course, quiz):
    person = factories.user()
    assert activities.pending_pre_test(person, course.pk) is None
    CourseQuizRole.objects.create(course=course, quiz=quiz, role=CourseQuizRole.Role.PRE)
    assert activities.pending_pre_test(person, course.pk)["quiz_id"] == quiz.pk


def test_the_course_certificate_is_issued_by_a_task_after_commit(
    course, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr(
        "courses.receivers.enqueue", lambda path, *args: queued.append((path, *args))
    )
    person = factories.user()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment.enrol(person, course)
    with django_capture_on_commit_callbacks() as callbacks:
        for lesson in factories.lessons_of(course):
            completion.complete_lesson(person, lesson, source="viewed")
    # Completing the course records the completion only: nothing is issued in the request.
    assert not queued and not Certificate.objects.exists()
    for callback in callbacks:
        callback()
    assert queued == [("courses.tasks.issue_course_certificate", person.pk, course.pk)]
    assert not Certificate.objects.exists()


def test_the_task_issues_the_certificate_once(course, django_capture_on_commit_callbacks):
    person = factories.user()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment.enrol(person, course)
        for lesson in factories.lessons_of(course):
            completion.complete_lesson(person, lesson, source="viewed")
    certificate = Certificate.objects.get(user=person)  # django-q2 ran the task (sync mode)
    assert certificate.title == course.title
    assert certificate.organiser == "Program MWF"
    assert tasks.issue_course_certificate(person.pk, course.pk) == certificate
    assert Certificate.objects.count() == 1


def test_the_course_page_shows_the_sections_activity_apps_register(client, course, quiz):
    CourseQuizRole.objects.create(course=course, quiz=quiz, role=CourseQuizRole.Role.POST)
    html = client.get(course.url).content.decode()
    assert 'class="course-quizzes"' in html
    assert reverse("quizzes:in_course", args=[course.pk, quiz.pk]) in html
