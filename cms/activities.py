"""Lesson activities (a server-graded quiz, an H5P exercise) plug into courses through this
module, so that neither side imports the other:

- an activity app reports "this person passed the activity in this lesson" with
  `report_passed()`; courses subscribes to `activity_passed` and completes the lesson;
- an activity app asks about lessons and enrolment through `lessons()`, which courses
  registers at start-up (`register_lessons`);
- the course page asks for a pending pre-test through `pending_pre_test()`, which quizzes
  registers (`register_pre_test`), and shows the sections activity apps add to it (the pre-
  and post-test links) with `{% load activity_tags %}{% course_sections page %}`
  (`register_course_section`);
- the lesson body's activity blocks (declared by courses, with their models named as
  "app.Model" strings) find their template and context through `block_renderer()`, which the
  activity apps register (`register_block_renderer`).

Registrations happen in the apps' `AppConfig.ready()`.
"""

from dataclasses import dataclass
from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.dispatch import Signal

# An activity in a lesson was passed. Payload: user, lesson (the lesson page), source ("quiz"
# or "h5p"). Sent synchronously, inside the activity's transaction (unlike the after-commit
# events of cms.domain_events): the lesson's completion is written in the same transaction as
# the result, so both commit or neither does. A receiver that refuses (the person is not an
# enrolled participant) raises PermissionDenied, which reaches the sender; a receiver returns
# True when the lesson is complete.
activity_passed = Signal()


def report_passed(user, lesson, *, source) -> bool:
    """Tell the subscribers that `user` passed an activity of `lesson`; True when a subscriber
    says the lesson is (now) complete. Call it inside the transaction that stores the result."""
    responses = activity_passed.send(sender=source, user=user, lesson=lesson, source=source)
    return any(response for _receiver, response in responses)


class Lessons(Protocol):
    """What an activity app may ask about lessons and their courses (courses answers)."""

    def live_lesson(self, lesson_id):
        """The live lesson page with this id, or None."""

    def course_of(self, lesson):
        """The course page a lesson belongs to, or None for an orphan."""

    def is_enrolled(self, user, course) -> bool:
        """Whether `user` is an active participant of `course`."""

    def can_view_lesson(self, user, lesson) -> bool:
        """Whether `user` may see the lesson's body and take its activities."""


_lessons: Lessons | None = None


def register_lessons(provider: Lessons):
    global _lessons
    _lessons = provider


def lessons() -> Lessons:
    if _lessons is None:
        raise ImproperlyConfigured("No app registered the lessons (add courses to INSTALLED_APPS).")
    return _lessons


_pre_test = None


def register_pre_test(finder):
    """`finder(user, course_id)` returns the pre-test the person must take before the course's
    first lesson ({"quiz_id", "title", "url"}) or None."""
    global _pre_test
    _pre_test = finder


def pending_pre_test(user, course_id):
    """The pre-test `user` must take first in course `course_id`, or None (also when no app
    offers pre-tests)."""
    return _pre_test(user, course_id) if _pre_test is not None else None


_course_sections = []


def register_course_section(render):
    """`render(context, course)` returns the HTML of a section an activity app adds to the
    course page."""
    if render not in _course_sections:
        _course_sections.append(render)


def course_sections(context, course):
    return [render(context, course) for render in _course_sections]


@dataclass(frozen=True)
class BlockRenderer:
    template: str
    # context(value, parent_context) -> dict added to the block's template context
    context: object = None


_renderers: dict[str, BlockRenderer] = {}


def register_block_renderer(kind, *, template, context=None):
    _renderers[kind] = BlockRenderer(template, context)


def block_renderer(kind) -> BlockRenderer | None:
    return _renderers.get(kind)
