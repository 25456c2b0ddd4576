"""Who may see what in a course: staff and editors, enrolled participants. Also the answers
courses gives activity apps through cms.activities (registered in CoursesConfig.ready)."""

from courses.models import CoursePage, Enrolment, LessonPage


def is_staff_or_editor(user):
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


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


def can_view_lesson(user, lesson):
    """Lesson bodies are for enrolled participants; staff and editors always see them."""
    if is_staff_or_editor(user):
        return True
    return is_enrolled(user, course_of(lesson))


def live_lesson(lesson_id):
    """The live lesson with this id, or None."""
    return LessonPage.objects.live().filter(pk=lesson_id).first()
