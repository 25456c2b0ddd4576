"""Where a quiz is taken (a lesson's quiz block, or a course's pre-/post-test) and whether the
person may take it there; the pending pre-test the course page asks for. Lessons and enrolment
are asked of courses through cms.activities, never imported."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.activities import lessons

from .models import Attempt, AttemptState, CourseQuizRole


@dataclass
class QuizPlace:
    """Where a quiz is taken: in a lesson (block) or as a course's pre-/post-test."""

    course: object
    lesson: object = None
    required: bool = False
    role: str = ""

    @property
    def course_id(self):
        return self.course.pk if self.course is not None else None

    @property
    def lesson_id(self):
        return self.lesson.pk if self.lesson is not None else None


def quiz_blocks_in(page):
    """(quiz_id, required) for each quiz block in a page's body, read from the raw stream so
    no quiz is fetched."""
    body = getattr(page, "body", None)
    if body is None:
        return []
    found = []
    for item in body.raw_data:
        if item.get("type") == "quiz":
            value = item.get("value") or {}
            if value.get("quiz"):
                found.append((int(value["quiz"]), bool(value.get("required"))))
    return found


def place_in_lesson(user, quiz, lesson):
    """The place of `quiz` in `lesson`, if the user may take it there (else PermissionDenied;
    a quiz that is not in the lesson is a 404 for the view: LookupError)."""
    blocks = [required for quiz_id, required in quiz_blocks_in(lesson) if quiz_id == quiz.pk]
    if not blocks:
        raise LookupError("quiz not in lesson")
    if not lessons().can_view_lesson(user, lesson):
        raise PermissionDenied(_("Enrol in the course to take this quiz."))
    course = lessons().course_of(lesson)
    role = (
        CourseQuizRole.objects.filter(quiz=quiz, course_id=course.pk)
        .values_list("role", flat=True)
        .first()
    )
    return QuizPlace(
        course=course,
        lesson=lesson,
        required=any(blocks) and role != CourseQuizRole.Role.PRE,
        role=role or "",
    )


def place_in_course(user, quiz, course):
    """The place of a course's pre-test or post-test taken from the course itself."""
    role = CourseQuizRole.objects.filter(quiz=quiz, course_id=course.pk).first()
    if role is None:
        raise LookupError("quiz has no role in this course")
    if not (is_staff(user) or lessons().is_enrolled(user, course)):
        raise PermissionDenied(_("Enrol in the course to take this quiz."))
    return QuizPlace(course=course, role=role.role)


def place_of_attempt(user, attempt):
    """Re-check, for every request on an attempt, that the person may still take the quiz."""
    if attempt.lesson_id:
        lesson = Page.objects.filter(pk=attempt.lesson_id).first()
        if lesson is None:
            raise PermissionDenied(_("This lesson no longer exists."))
        return place_in_lesson(user, attempt.quiz, lesson.specific)
    course = Page.objects.filter(pk=attempt.course_id).first()
    if course is None:
        raise PermissionDenied(_("This course no longer exists."))
    return place_in_course(user, attempt.quiz, course.specific)


def pending_pre_test(user, course_id):
    """The pre-test of course `course_id` that `user` has not yet finished, or None (no
    pre-test, or at least one finished attempt). One query. For the courses app, which asks
    before the first lesson (registered in cms.activities): {"quiz_id", "title", "url"}."""
    if not (user and user.is_authenticated):
        return None
    finished = Attempt.objects.filter(
        quiz_id=OuterRef("quiz_id"), user=user, state=AttemptState.FINISHED
    )
    row = (
        CourseQuizRole.objects.filter(course_id=course_id, role=CourseQuizRole.Role.PRE)
        .annotate(taken=Exists(finished))
        .values("quiz_id", "quiz__title", "taken")
        .first()
    )
    if row is None or row["taken"]:
        return None
    return {
        "quiz_id": row["quiz_id"],
        "title": row["quiz__title"],
        "url": reverse("quizzes:in_course", args=[course_id, row["quiz_id"]]),
    }


def is_staff(user):
    return user.is_authenticated and (user.is_staff or user.has_perm("quizzes.change_quiz"))
