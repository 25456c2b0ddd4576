"""Who may see what in a course: staff and editors, enrolled participants. Also the answers
courses gives activity apps through cms.activities (registered in CoursesConfig.ready)."""

from django.db.models import Q

from cms.roles import can_preview_course_content
from courses.models import CoursePage, Enrolment, LessonPage


def course_of(lesson):
    """The CoursePage a lesson (or module) belongs to, or None for an orphan."""
    cached = getattr(lesson, "_course_cache", None)
    if cached is None:
        cached = CoursePage.objects.ancestor_of(lesson).order_by("-depth").first()
        lesson._course_cache = cached
    return cached


def active_enrolment(user, course):
    if not (user and user.is_authenticated) or course is None:
        return None
    return Enrolment.objects.filter(
        user=user, course=course, status=Enrolment.Status.ACTIVE
    ).first()


def is_enrolled(user, course):
    if not (user and user.is_authenticated) or course is None:
        return False
    return Enrolment.objects.filter(
        user=user, course=course, status=Enrolment.Status.ACTIVE
    ).exists()


def without_closed_lessons(queryset, user):
    """`queryset` (pages) without the lessons `user` may not open: every search of the site
    shows a lesson only to its course's enrolled participants, staff and editors."""
    if can_preview_course_content(user):
        return queryset
    open_courses = Q(pk__in=[])
    if user is not None and user.is_authenticated:
        for path in Enrolment.objects.filter(user=user, status=Enrolment.Status.ACTIVE).values_list(
            "course__path", flat=True
        ):
            open_courses |= Q(path__startswith=path)
    return queryset.exclude(pk__in=LessonPage.objects.exclude(open_courses).values("pk"))


def can_view_lesson(user, lesson):
    """Lesson bodies are for enrolled participants; staff and editors always see them."""
    if can_preview_course_content(user):
        return True
    return is_enrolled(user, course_of(lesson))


def live_lesson(lesson_id):
    """The live lesson with this id, or None."""
    return LessonPage.objects.live().filter(pk=lesson_id).first()
