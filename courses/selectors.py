"""Read-only figures about courses for other apps (the dashboard); aggregates only, a constant
number of queries whatever the number of participants."""

from django.db.models import Count, Q

from courses.models import CoursePage, Enrolment, LessonProgress
from courses.progress import counted_lessons, course_lessons


def completion_funnel(course_ids=None):
    """[{course_id, title, enrolled, started, completed}] per course, in tree order.

    enrolled: everyone who ever enrolled (withdrawn included, so the funnel never narrows
    upwards); started: of them, those with at least one lesson opened; completed: those who
    met the completion rule."""
    courses = CoursePage.objects.all()
    if course_ids is not None:
        courses = courses.filter(pk__in=list(course_ids))
    rows = (
        courses.order_by("path")
        .annotate(
            enrolled=Count("enrolments", distinct=True),
            completed=Count(
                "enrolments", filter=Q(enrolments__completed_at__isnull=False), distinct=True
            ),
        )
        .values("pk", "title", "enrolled", "completed")
    )
    started = dict(
        LessonProgress.objects.filter(course__in=[row["pk"] for row in rows])
        .values("course_id")
        .annotate(people=Count("user_id", distinct=True))
        .values_list("course_id", "people")
    )
    return [
        {
            "course_id": row["pk"],
            "title": row["title"],
            "enrolled": row["enrolled"],
            "started": started.get(row["pk"], 0),
            "completed": row["completed"],
        }
        for row in rows
    ]


def participants_report(course, *, organisation_type="", voivodeship=""):
    """Enrolments of a course with each participant's completed counted lessons (`done`),
    filterable by organisation type and województwo; one query however many participants."""
    counted = [lesson.pk for lesson in counted_lessons(course, course_lessons(course))]
    rows = (
        Enrolment.objects.filter(course=course)
        .select_related("user", "user__profile")
        .annotate(
            done=Count(
                "user__lesson_progress",
                filter=Q(
                    user__lesson_progress__lesson_id__in=counted,
                    user__lesson_progress__status=LessonProgress.Status.COMPLETED,
                ),
            )
        )
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    if organisation_type:
        rows = rows.filter(user__profile__organisation_type=organisation_type)
    if voivodeship:
        rows = rows.filter(user__profile__voivodeship=voivodeship)
    return rows, len(counted)


def completions(course_ids, user_ids=None):
    """{(user_id, course_id): completed_at} of the completed enrolments in these courses (of
    these people, when given): one query. For apps that build on course completion (paths)."""
    rows = Enrolment.objects.filter(course_id__in=list(course_ids), completed_at__isnull=False)
    if user_ids is not None:
        rows = rows.filter(user_id__in=list(user_ids))
    return {
        (user_id, course_id): completed_at
        for user_id, course_id, completed_at in rows.values_list(
            "user_id", "course_id", "completed_at"
        )
    }


def enrolled_course_ids(user_id):
    """The courses `user_id` is an active participant of (one query)."""
    return set(
        Enrolment.objects.filter(user_id=user_id, status=Enrolment.Status.ACTIVE).values_list(
            "course_id", flat=True
        )
    )
