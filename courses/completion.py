"""Completing lessons and courses: the one place progress becomes "completed". The busiest
write of the site ("mark as completed"), so the state it needs is read with plain SQL under the
enrolment's row lock. Activities (quizzes, H5P) complete lessons through the
cms.activities.activity_passed event (courses.receivers), inside their own transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.domain_events import announce
from courses import signals
from courses.access import course_of
from courses.models import CoursePage, Enrolment, LessonPage, LessonProgress
from courses.models.pages import CompletionMode
from courses.outline import build, outline_of
from courses.progress import COMPLETED, aware_datetime

SOURCES = ("viewed", "quiz", "h5p")


def _completion_state(user_id, course_id, lesson_id, counted):
    """In one query (plain SQL): the active enrolment's pk and completed_at, this lesson's
    progress status, and how many of the `counted` lessons are already completed. None when
    not enrolled. Where the database has row locks, the enrolment row is locked first (one
    more query); SQLite serialises writers anyway."""
    q = connection.ops.quote_name
    enrolment, progress = Enrolment._meta.db_table, LessonProgress._meta.db_table
    counted = sorted(counted)
    if counted:
        done_sql = (
            f"(SELECT COUNT(*) FROM {q(progress)} d WHERE d.{q('user_id')} = e.{q('user_id')} "  # noqa: S608 (quoted model names; values are parameters)
            f"AND d.{q('course_id')} = e.{q('course_id')} AND d.{q('status')} = %s "
            f"AND d.{q('lesson_id')} IN ({', '.join(['%s'] * len(counted))}))"
        )
        done_params = [COMPLETED.value, *counted]
    else:
        done_sql, done_params = "0", []
    sql = (
        f"SELECT e.{q('id')}, e.{q('completed_at')}, "  # noqa: S608 (quoted model names; values are parameters)
        f"(SELECT s.{q('status')} FROM {q(progress)} s WHERE s.{q('user_id')} = e.{q('user_id')} "
        f"AND s.{q('lesson_id')} = %s), {done_sql} "
        f"FROM {q(enrolment)} e "
        f"WHERE e.{q('user_id')} = %s AND e.{q('course_id')} = %s AND e.{q('status')} = %s"
    )
    with connection.cursor() as cursor:
        if connection.features.has_select_for_update:
            # Lock first, then read: a statement that waited for the lock still reads with
            # the snapshot it started with (PostgreSQL), so the counts must come after it.
            cursor.execute(
                f"SELECT e.{q('id')} FROM {q(enrolment)} e WHERE e.{q('user_id')} = %s "  # noqa: S608 (quoted model names; values are parameters)
                f"AND e.{q('course_id')} = %s AND e.{q('status')} = %s FOR UPDATE",
                [user_id, course_id, Enrolment.Status.ACTIVE.value],
            )
            if cursor.fetchone() is None:
                return None
        cursor.execute(
            sql, [lesson_id, *done_params, user_id, course_id, Enrolment.Status.ACTIVE.value]
        )
        found = cursor.fetchone()
    if found is None:
        return None
    return {
        "pk": found[0],
        "completed_at": aware_datetime(found[1]),
        "lesson_status": found[2],
        "done": found[3] or 0,
    }


def complete_lesson(user, lesson, *, source, request=None):
    """Record that `user` completed `lesson` (source: "viewed", "quiz" or "h5p").

    Idempotent: completing twice changes nothing and announces nothing the second time.
    Raises PermissionDenied when the user is not an enrolled participant of the lesson's course,
    and ValidationError when the lesson needs a passed activity but source is "viewed".

    Cheap by design (the "mark complete" button is the busiest write): one query reads the
    enrolment (locked), this lesson's status and how many counted lessons are already
    completed; one upsert writes the progress; one update moves the enrolment. Which lessons
    count comes from the course outline (cached per content version when there is a request).
    The returned progress has `course_completed_at` set when the course is (now) complete."""
    if source not in SOURCES:
        raise ValueError(f"unknown completion source {source!r}")
    if not (user and user.is_authenticated):
        raise PermissionDenied
    course = course_of(lesson)
    if course is None:
        raise PermissionDenied
    if source == "viewed" and lesson.completion_mode == CompletionMode.ACTIVITY:
        raise ValidationError(
            _("This lesson is completed by passing its quiz or exercise."), code="activity"
        )
    counted = outline_of(course, request).counted_ids
    now = timezone.now()
    with transaction.atomic():
        # The row lock serialises one participant's completions in a course, so the course
        # is announced complete exactly once.
        row = _completion_state(user.pk, course.pk, lesson.pk, counted)
        if row is None:
            raise PermissionDenied
        progress = LessonProgress(
            user=user,
            lesson_id=lesson.pk,
            course=course,
            status=COMPLETED,
            source=source,
            started_at=now,
            completed_at=now,
        )
        if row["lesson_status"] == COMPLETED:
            progress.course_completed_at = row["completed_at"]
            return progress
        LessonProgress.objects.bulk_create(
            [progress],
            update_conflicts=True,
            unique_fields=["user", "lesson"],
            update_fields=["status", "source", "completed_at"],
        )
        announce(
            signals.lesson_completed,
            sender=LessonPage,
            user_id=user.pk,
            lesson_id=lesson.pk,
            course_id=course.pk,
            completed_at=now,
        )
        fields = {"last_lesson_id": lesson.pk, "last_activity_at": now}
        done = row["done"] + (1 if lesson.pk in counted else 0)
        progress.course_completed_at = row["completed_at"]
        if row["completed_at"] is None and counted and done >= len(counted):
            fields["completed_at"] = now
            progress.course_completed_at = now
            announce(
                signals.course_completed,
                sender=CoursePage,
                user_id=user.pk,
                course_id=course.pk,
                course_title=course.title,
                hours=course.duration_hours,
                instrument_slugs=list(course.instruments.values_list("slug", flat=True)),
                completed_at=now,
            )
        Enrolment.objects.filter(pk=row["pk"]).update(**fields)
    return progress


def course_is_complete(user, course):
    """Whether `user` has completed every lesson the course's completion rule counts: the
    counted lessons from the outline, the completed ones with one indexed count."""
    counted = build(course).counted_ids
    if not counted:
        return False
    done = LessonProgress.objects.filter(
        user=user, course=course, lesson_id__in=counted, status=COMPLETED
    ).count()
    return done == len(counted)
