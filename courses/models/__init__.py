"""Online courses: the page tree (course → optional module → lesson) and the participants'
records (enrolments, lesson progress, invitations from bulk enrolment)."""

from .pages import CourseIndexPage, CoursePage, LessonBlocks, LessonPage, ModulePage
from .progress import CourseInvitation, Enrolment, LessonProgress

__all__ = [
    "CourseIndexPage",
    "CourseInvitation",
    "CoursePage",
    "Enrolment",
    "LessonBlocks",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
]
