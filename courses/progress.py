"""A participant's progress in a course: lesson statuses, the completion rule's summary,
where to continue, and recording a visit. The participant's state is read in one query."""

import datetime

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.models import Enrolment, LessonPage, LessonProgress
from courses.models.pages import CompletionRule, completion_rule_text

NOT_STARTED = "not_started"
IN_PROGRESS = LessonProgress.Status.IN_PROGRESS
COMPLETED = LessonProgress.Status.COMPLETED


def course_lessons(course):
    """Live lessons of a course in reading order (modules included), without their bodies."""
    return list(LessonPage.objects.descendant_of(course).live().defer("body").order_by("path"))


def counted_lessons(course, lessons):
    """The lessons the completion rule counts: all, or the required ones (every lesson when
    none is marked required)."""
    if course.completion_rule == CompletionRule.ALL:
        return lessons
    required = [lesson for lesson in lessons if lesson.required]
    return required or lessons


def rule_text(course, lessons):
    counted = counted_lessons(course, lessons)
    rule = (
        CompletionRule.ALL
        if course.completion_rule == CompletionRule.ALL
        or len(counted) == len(lessons)
        and not any(lesson.required for lesson in lessons)
        else CompletionRule.REQUIRED
    )
    return completion_rule_text(len(counted), rule)


def progress_map(user, course):
    """{lesson_id: status} of a participant's started or completed lessons in a course."""
    if not (user and user.is_authenticated):
        return {}
    return dict(
        LessonProgress.objects.filter(user=user, course=course).values_list("lesson_id", "status")
    )


def summarise(course, lessons, statuses):
    counted = counted_lessons(course, lessons)
    done = sum(1 for lesson in counted if statuses.get(lesson.pk) == COMPLETED)
    total = len(counted)
    return {
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "rule_text": rule_text(course, lessons),
    }


def continue_lesson(lessons, statuses, last_lesson_id=None):
    """Where to continue: the first lesson not yet completed from the last one visited on,
    then from the start; None when everything is completed."""
    start = 0
    for index, lesson in enumerate(lessons):
        if lesson.pk == last_lesson_id:
            start = index
            break
    for lesson in lessons[start:] + lessons[:start]:
        if statuses.get(lesson.pk) != COMPLETED:
            return lesson
    return None


def outline_items(course, lessons, statuses, request_user_sees_status):
    items = []
    for lesson in lessons:
        items.append(
            {
                "lesson": lesson,
                "status": statuses.get(lesson.pk, NOT_STARTED)
                if request_user_sees_status
                else None,
            }
        )
    return items


_STATE_SQL = None


def _state_sql():
    """The participant-state query in plain SQL (built once from the models' table and column
    names): the ORM spent ten times longer compiling it than the database running it."""
    global _STATE_SQL
    if _STATE_SQL is None:
        q = connection.ops.quote_name
        enrolment, progress = Enrolment._meta.db_table, LessonProgress._meta.db_table
        _STATE_SQL = (
            f"SELECT e.{q('id')}, e.{q('completed_at')}, e.{q('last_lesson_id')}, "  # noqa: S608 (quoted model names; values are parameters)
            f"p.{q('lesson_id')}, p.{q('status')} "
            f"FROM {q(enrolment)} e LEFT OUTER JOIN {q(progress)} p "
            f"ON p.{q('user_id')} = e.{q('user_id')} AND p.{q('course_id')} = e.{q('course_id')} "
            f"WHERE e.{q('user_id')} = %s AND e.{q('course_id')} = %s AND e.{q('status')} = %s"
        )
    return _STATE_SQL


def aware_datetime(value):
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def participant_state(user, course):
    """The participant's active enrolment in `course` (or None, else an Enrolment carrying pk,
    completed_at and last_lesson_id) and {lesson_id: status} of their started or completed
    lessons, in one indexed query (the progress rows joined to the enrolment)."""
    if not (user and user.is_authenticated) or course is None:
        return None, {}
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(), [user.pk, course.pk, Enrolment.Status.ACTIVE.value])
        rows = cursor.fetchall()
    if not rows:
        return None, {}
    pk, completed_at, last_lesson_id = rows[0][:3]
    enrolment = Enrolment(
        pk=pk,
        user_id=user.pk,
        course_id=course.pk,
        status=Enrolment.Status.ACTIVE,
        completed_at=aware_datetime(completed_at),
        last_lesson_id=last_lesson_id,
    )
    enrolment._state.adding = False
    statuses = {row[3]: row[4] for row in rows if row[3] is not None}
    return enrolment, statuses


def outline_summary(course, outline, statuses):
    counted = outline.counted_ids
    done = sum(1 for lesson_id in counted if statuses.get(lesson_id) == COMPLETED)
    total = len(counted)
    any_required = any(lesson.required for lesson in outline.lessons)
    rule = (
        CompletionRule.ALL
        if course.completion_rule == CompletionRule.ALL or not any_required
        else CompletionRule.REQUIRED
    )
    return {
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else 0,
        "rule_text": completion_rule_text(total, rule),
    }


def record_visit(user, lesson, course, enrolment, statuses):
    """A first visit marks the lesson as in progress; every visit moves the resume point.
    Writes only when something changes, so rereading a lesson costs no write."""
    now = timezone.now()
    if lesson.pk not in statuses:
        LessonProgress.objects.get_or_create(
            user=user,
            lesson=lesson,
            defaults={"course": course, "status": IN_PROGRESS, "started_at": now},
        )
        statuses[lesson.pk] = IN_PROGRESS
    if enrolment.last_lesson_id != lesson.pk:
        Enrolment.objects.filter(pk=enrolment.pk).update(last_lesson=lesson, last_activity_at=now)
        enrolment.last_lesson_id = lesson.pk
