"""The courses contract (access, enrolment, progress, completion) used by quizzes and H5P."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from courses import access, completion, enrolment, progress, signals
from courses.models import Enrolment, LessonPage, LessonProgress
from courses.models.pages import CompletionMode, CompletionRule

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant():
    return factories.user()


class Recorder:
    def __init__(self, signal):
        self.calls = []
        signal.connect(self.receive)
        self.signal = signal

    def receive(self, sender, **payload):
        self.calls.append(payload)


@pytest.fixture
def events():
    recorders = {
        "lesson": Recorder(signals.lesson_completed),
        "course": Recorder(signals.course_completed),
        "enrolled": Recorder(signals.enrolled),
    }
    yield recorders
    for recorder in recorders.values():
        recorder.signal.disconnect(recorder.receive)


def test_course_of_finds_the_course_through_a_module(course):
    lesson = factories.lessons_of(course)[0]
    assert access.course_of(lesson).pk == course.pk


def test_enrol_is_idempotent_and_announces_once(
    course, participant, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = enrolment.enrol(participant, course)
        second = enrolment.enrol(participant, course)
    assert first.pk == second.pk
    assert Enrolment.objects.count() == 1
    assert access.is_enrolled(participant, course)
    assert len(events["enrolled"].calls) == 1
    assert events["enrolled"].calls[0]["course_id"] == course.pk


def test_enrolment_key(course, participant):
    course.enrolment_key = "MWF2026"
    course.save()
    with pytest.raises(enrolment.EnrolmentError) as exc:
        enrolment.enrol(participant, course, key="zly")
    assert exc.value.code == "key"
    assert not Enrolment.objects.exists()
    enrolment.enrol(participant, course, key=" MWF2026 ")
    assert access.is_enrolled(participant, course)


def test_enrolment_window(course, participant):
    now = timezone.now()
    course.enrolment_opens_at = now + timedelta(days=1)
    course.save()
    with pytest.raises(enrolment.EnrolmentError, match="opens|rozpoczną"):
        enrolment.enrol(participant, course)
    course.enrolment_opens_at = now - timedelta(days=10)
    course.enrolment_closes_at = now - timedelta(days=1)
    course.save()
    with pytest.raises(enrolment.EnrolmentError, match="closed|zakończyły"):
        enrolment.enrol(participant, course)
    assert not Enrolment.objects.exists()
    # Staff may still enrol people outside the window.
    enrolment.enrol(participant, course, source=Enrolment.Source.STAFF)
    assert access.is_enrolled(participant, course)


def test_unenrol_keeps_progress_and_reenrol_resumes(course, participant):
    enrolment.enrol(participant, course)
    lesson = factories.lessons_of(course)[0]
    completion.complete_lesson(participant, lesson, source="viewed")
    assert enrolment.unenrol(participant, course)
    assert not access.is_enrolled(participant, course)
    with pytest.raises(PermissionDenied):
        completion.complete_lesson(participant, factories.lessons_of(course)[1], source="viewed")
    enrolment.enrol(participant, course)
    assert progress.progress_map(participant, course)[lesson.pk] == "completed"


def test_can_view_lesson(course, participant, django_user_model):
    lesson = factories.lessons_of(course)[0]
    from django.contrib.auth.models import AnonymousUser

    assert not access.can_view_lesson(AnonymousUser(), lesson)
    assert not access.can_view_lesson(participant, lesson)
    enrolment.enrol(participant, course)
    assert access.can_view_lesson(participant, lesson)
    staff = factories.user("redakcja@example.pl", is_staff=True)
    assert access.can_view_lesson(staff, lesson)


def test_complete_lesson_requires_enrolment_and_writes_nothing(course, participant):
    lesson = factories.lessons_of(course)[0]
    with pytest.raises(PermissionDenied):
        completion.complete_lesson(participant, lesson, source="quiz")
    assert not LessonProgress.objects.exists()


def test_complete_lesson_is_idempotent_and_completes_the_course_once(
    course, participant, events, django_capture_on_commit_callbacks
):
    course.certificate_enabled = False
    course.save()
    enrolment.enrol(participant, course)
    lessons = factories.lessons_of(course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            completion.complete_lesson(participant, lesson, source="viewed")
            completion.complete_lesson(participant, lesson, source="quiz")
    assert LessonProgress.objects.filter(status="completed").count() == len(lessons)
    assert len(events["lesson"].calls) == len(lessons)
    assert [c["course_id"] for c in events["course"].calls] == [course.pk]
    payload = events["course"].calls[0]
    assert payload["course_title"] == course.title
    assert payload["hours"] == course.duration_hours
    assert payload["instrument_slugs"] == []
    assert Enrolment.objects.get().completed_at is not None


def test_activity_lesson_is_not_completed_by_viewing(course, participant):
    enrolment.enrol(participant, course)
    lesson = factories.lessons_of(course)[0]
    # (The page form insists on a quiz or H5P block in such a lesson; the rule is tested alone.)
    LessonPage.objects.filter(pk=lesson.pk).update(completion_mode=CompletionMode.ACTIVITY)
    lesson.refresh_from_db()
    with pytest.raises(ValidationError):
        completion.complete_lesson(participant, lesson, source="viewed")
    completion.complete_lesson(participant, lesson, source="h5p")
    assert LessonProgress.objects.get().source == "h5p"


def test_unknown_source_is_refused(course, participant):
    enrolment.enrol(participant, course)
    with pytest.raises(ValueError):
        completion.complete_lesson(participant, factories.lessons_of(course)[0], source="guess")


def test_completion_rule_counts_required_lessons_only(course, participant):
    enrolment.enrol(participant, course)
    lessons = factories.lessons_of(course)
    optional = lessons[-1]
    optional.required = False
    optional.save_revision().publish()
    for lesson in lessons[:-1]:
        completion.complete_lesson(participant, lesson, source="viewed")
    assert Enrolment.objects.get().completed_at is not None
    summary = progress.summarise(
        course, progress.course_lessons(course), progress.progress_map(participant, course)
    )
    assert summary["percent"] == 100
    assert summary["rule_text"] in (
        "Complete 5 required lessons.",
        "Ukończ 5 obowiązkowych lekcji.",
    )


def test_completion_rule_change_applies_to_participants_still_learning(course, participant):
    """Switching the rule to "all lessons" makes the optional lesson count for someone still
    learning, while a participant who already completed keeps the completion."""
    finisher = factories.user("ukonczyl@example.pl")
    lessons = factories.lessons_of(course)
    lessons[-1].required = False
    lessons[-1].save_revision().publish()
    for person in (participant, finisher):
        enrolment.enrol(person, course)
    for lesson in lessons[:-1]:
        completion.complete_lesson(finisher, lesson, source="viewed")
    for lesson in lessons[:-2]:
        completion.complete_lesson(participant, lesson, source="viewed")
    course.completion_rule = CompletionRule.ALL
    course.save_revision().publish()
    lessons = factories.lessons_of(course)  # fresh instances (each caches its course)
    completion.complete_lesson(participant, lessons[-2], source="viewed")
    enrolments = {e.user_id: e for e in Enrolment.objects.all()}
    assert enrolments[finisher.pk].completed_at is not None
    assert enrolments[participant.pk].completed_at is None
    completion.complete_lesson(participant, lessons[-1], source="viewed")
    assert Enrolment.objects.get(user=participant).completed_at is not None


def test_continue_where_left_off(course, participant):
    enrolment.enrol(participant, course)
    lessons = factories.lessons_of(course)
    completion.complete_lesson(participant, lessons[0], source="viewed")
    completion.complete_lesson(participant, lessons[1], source="viewed")
    row = Enrolment.objects.get()
    statuses = progress.progress_map(participant, course)
    assert progress.continue_lesson(lessons, statuses, row.last_lesson_id) == lessons[2]
