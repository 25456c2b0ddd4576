"""What the course, module and lesson pages and the participant's lists show (the pages only
ask): the outline, the participant's progress, where to continue, the pending pre-test."""

from django.db.models import Q

from accounts.services import has_name
from certificates.models import Certificate
from cms import activities
from cms.roles import can_preview_course_content
from courses.access import active_enrolment, course_of
from courses.certificates import course_source_key
from courses.enrolment import enrolment_refusal
from courses.models import CoursePage, Enrolment, LessonPage, LessonProgress
from courses.models.pages import CompletionMode
from courses.outline import outline_of
from courses.progress import (
    NOT_STARTED,
    continue_lesson,
    outline_items,
    outline_summary,
    participant_state,
    progress_map,
    record_visit,
    summarise,
)


def course_page_context(course, user, request=None):
    """The course page: the outline (cached per content version), the participant's enrolment
    and progress (one query), where to continue."""
    outline = outline_of(course, request)
    enrolment, statuses = participant_state(user, course)
    show_status = enrolment is not None
    groups = [
        (
            module,
            [
                {
                    "lesson": lesson,
                    "status": statuses.get(lesson.pk, NOT_STARTED) if show_status else None,
                }
                for lesson in lessons
            ],
        )
        for module, lessons in outline.groups
    ]
    return {
        "lessons": outline.lessons,
        "outline": groups,
        "enrolment": enrolment,
        "summary": outline_summary(course, outline, statuses),
        "continue_lesson": continue_lesson(
            outline.lessons, statuses, enrolment.last_lesson_id if enrolment else None
        )
        if enrolment
        else None,
        "enrolment_refusal": enrolment_refusal(course),
        # Names only, kept with the outline (a renamed instrument shows after the next
        # page is published).
        "instruments": outline.instruments
        if request is not None
        else [i.display_name for i in course.instruments.all()],
        "can_preview_content": can_preview_course_content(user),
    }


def module_page_context(module, user):
    course = course_of(module)
    lessons = list(LessonPage.objects.child_of(module).live().defer("body"))
    enrolment = active_enrolment(user, course)
    statuses = progress_map(user, course) if enrolment else {}
    return {"course": course, "outline": outline_items(course, lessons, statuses, enrolment)}


def lesson_page_context(lesson, user, request=None):
    """Everything the lesson page shows; records the visit (in progress, resume point).

    `pre_test` is set (and nothing is recorded) when an enrolled participant who has not
    started the course yet must first take its pre-test."""
    course = course_of(lesson)
    if course is None:
        return {
            "course": None,
            "enrolment": None,
            "can_view": can_preview_course_content(user),
            "status": NOT_STARTED,
            "summary": None,
            "can_mark_complete": False,
        }
    outline = outline_of(course, request)
    enrolment, statuses = participant_state(user, course)
    can_view = enrolment is not None or can_preview_course_content(user)
    if enrolment is not None and not statuses and not can_preview_course_content(user):
        pre_test = pending_pre_test(user, course)
        if pre_test is not None:
            return {"course": course, "enrolment": enrolment, "pre_test": pre_test}
    if enrolment is not None:
        record_visit(user, lesson, course, enrolment, statuses)
    index = outline.position(lesson.pk)
    lessons = outline.lessons
    return {
        "course": course,
        "course_url": outline.course_url,
        "enrolment": enrolment,
        "can_view": can_view,
        "status": statuses.get(lesson.pk, NOT_STARTED),
        "summary": outline_summary(course, outline, statuses),
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1]
        if index is not None and index + 1 < len(lessons)
        else None,
        "position": (index + 1) if index is not None else None,
        "lesson_count": len(lessons),
        "can_mark_complete": enrolment is not None
        and lesson.completion_mode == CompletionMode.VIEWED,
    }


def pending_pre_test(user, course):
    """The course's pre-test when `user` has not taken it yet ({"title", "url", ...}), else
    None. Asked through cms.activities of the app that owns pre-tests (quizzes)."""
    return activities.pending_pre_test(user, course.pk)


def course_cards(index, user):
    """The course index: every live course, with the participant's enrolment if any."""
    courses = list(CoursePage.objects.child_of(index).live().prefetch_related("instruments"))
    enrolled = {}
    if user and user.is_authenticated:
        enrolled = dict(
            Enrolment.objects.filter(
                user=user, course__in=courses, status=Enrolment.Status.ACTIVE
            ).values_list("course_id", "completed_at")
        )
    return [
        {"course": c, "enrolled": c.pk in enrolled, "completed_at": enrolled.get(c.pk)}
        for c in courses
    ]


def my_courses(user):
    """The "Moje kursy" dashboard: each active enrolment with its progress, where to continue
    and the certificate when there is one. A constant number of queries."""
    enrolments = list(
        Enrolment.objects.filter(user=user, status=Enrolment.Status.ACTIVE)
        .select_related("course")
        .order_by("-last_activity_at", "-enrolled_at")
    )
    if not enrolments:
        return []
    path_filter = Q()
    for enrolment in enrolments:
        path_filter |= Q(path__startswith=enrolment.course.path)
    lessons = list(LessonPage.objects.live().filter(path_filter).defer("body").order_by("path"))
    statuses = dict(
        LessonProgress.objects.filter(
            user=user, course__in=[e.course for e in enrolments]
        ).values_list("lesson_id", "status")
    )
    certificates = {
        c.source_key: c
        for c in Certificate.objects.filter(
            source_key__in=[course_source_key(e.course_id, user.pk) for e in enrolments]
        )
    }
    rows = []
    for enrolment in enrolments:
        course = enrolment.course
        course_lessons_ = [lesson for lesson in lessons if lesson.path.startswith(course.path)]
        rows.append(
            {
                "enrolment": enrolment,
                "course": course,
                "summary": summarise(course, course_lessons_, statuses),
                "continue_lesson": continue_lesson(
                    course_lessons_, statuses, enrolment.last_lesson_id
                ),
                "certificate": certificates.get(course_source_key(course.pk, user.pk)),
                "certificate_needs_name": (
                    course.certificate_enabled
                    and enrolment.completed_at is not None
                    and not has_name(user)
                ),
            }
        )
    return rows
