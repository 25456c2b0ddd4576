"""The rules of online courses, each in one place: who may see a lesson, enrolment (key, window,
idempotence), progress, completion, bulk enrolment. Quizzes and H5P complete lessons only
through `complete_lesson`. Domain events are announced after commit (cms.domain_events)."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.domain_events import announce
from cms.tasks import enqueue
from courses import signals
from courses.models import (
    CourseInvitation,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
)
from courses.models.pages import CompletionMode, CompletionRule, completion_rule_text

SOURCES = ("viewed", "quiz", "h5p")
NOT_STARTED = "not_started"
IN_PROGRESS = LessonProgress.Status.IN_PROGRESS
COMPLETED = LessonProgress.Status.COMPLETED


class EnrolmentError(ValidationError):
    """Enrolment refused (wrong key, window closed); the message is for the participant."""


# --- who may do what ----------------------------------------------------------------------------


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


# --- enrolment ----------------------------------------------------------------------------------


def enrolment_refusal(course, now=None):
    """Why self-enrolment is closed now (a sentence), or None when it is open."""
    now = now or timezone.now()
    if course.enrolment_opens_at and now < course.enrolment_opens_at:
        return _("Enrolment opens on %(date)s.") % {
            "date": date_format(timezone.localtime(course.enrolment_opens_at), "DATETIME_FORMAT")
        }
    if course.enrolment_closes_at and now >= course.enrolment_closes_at:
        return _("Enrolment closed on %(date)s.") % {
            "date": date_format(timezone.localtime(course.enrolment_closes_at), "DATETIME_FORMAT")
        }
    return None


def enrol(user, course, key=None, *, source=Enrolment.Source.SELF):
    """Enrol `user` in `course`; idempotent (a second call returns the same enrolment).

    Self-enrolment checks the window and the key; staff and invitation enrolments do not.
    Raises EnrolmentError with a message for the participant."""
    if not user.is_authenticated:
        raise PermissionDenied
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing is not None and existing.status == Enrolment.Status.ACTIVE:
        return existing
    if source == Enrolment.Source.SELF:
        refusal = enrolment_refusal(course)
        if refusal:
            raise EnrolmentError(refusal, code="window")
        if course.enrolment_key and not constant_time_compare(
            (key or "").strip(), course.enrolment_key.strip()
        ):
            raise EnrolmentError(_("The enrolment key is not correct."), code="key")
    now = timezone.now()
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"enrolled_at": now, "source": source}
        )
        if not created:
            changed = Enrolment.objects.filter(
                pk=enrolment.pk, status=Enrolment.Status.WITHDRAWN
            ).update(status=Enrolment.Status.ACTIVE, enrolled_at=now, source=source)
            if not changed:
                return enrolment
            enrolment.refresh_from_db()
        announce(
            signals.enrolled,
            sender=CoursePage,
            user_id=user.pk,
            course_id=course.pk,
            enrolled_at=enrolment.enrolled_at,
        )
    return enrolment


def unenrol(user, course):
    """Withdraw from a course. Progress is kept, so enrolling again resumes it."""
    return bool(
        Enrolment.objects.filter(user=user, course=course, status=Enrolment.Status.ACTIVE).update(
            status=Enrolment.Status.WITHDRAWN
        )
    )


BULK_STATUS_LABELS = {
    "matched": gettext_lazy("enrolled"),
    "already": gettext_lazy("already enrolled"),
    "invited": gettext_lazy("invited"),
    "invalid": gettext_lazy("invalid"),
    "duplicate": gettext_lazy("repeated"),
}


@dataclass
class BulkRow:
    line: int
    email: str
    status: str  # "matched", "already", "invited", "invalid", "duplicate"
    message: str

    @property
    def label(self):
        return BULK_STATUS_LABELS[self.status]


def bulk_enrol(course, csv_text, *, by=None):
    """Staff bulk enrolment from a CSV whose first column is an e-mail (a header row is
    allowed). Each row is reported; good rows are applied even when others are bad."""
    user_model = get_user_model()
    report = []
    seen = set()
    reader = csv.reader(io.StringIO(csv_text))
    for line, row in enumerate(reader, start=1):
        raw = (row[0] if row else "").strip()
        if not raw:
            continue
        if line == 1 and "@" not in raw:
            continue  # a header row
        email = raw.lower()
        try:
            validate_email(email)
        except ValidationError:
            report.append(BulkRow(line, raw, "invalid", _("This is not an e-mail address.")))
            continue
        if email in seen:
            report.append(BulkRow(line, raw, "duplicate", _("Repeated in this file; skipped.")))
            continue
        seen.add(email)
        user = user_model.objects.filter(email__iexact=email, is_active=True).first()
        if user is not None:
            already = is_enrolled(user, course)
            enrol(user, course, source=Enrolment.Source.STAFF)
            report.append(
                BulkRow(
                    line,
                    raw,
                    "already" if already else "matched",
                    _("Already enrolled.") if already else _("Account found and enrolled."),
                )
            )
            continue
        invitation, created = CourseInvitation.objects.get_or_create(
            email=email, course=course, defaults={"invited_by": by}
        )
        if created:
            enqueue("courses.tasks.send_invitation", invitation.pk)
        report.append(
            BulkRow(
                line,
                raw,
                "invited",
                _("No account yet: invited; enrolled after sign-up.")
                if created
                else _("Invited earlier; waiting for sign-up."),
            )
        )
    return report


def accept_invitations(user, email):
    """Enrol a person in every course they were invited to with this (confirmed) e-mail."""
    invitations = CourseInvitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True
    ).select_related("course")
    for invitation in invitations:
        enrol(user, invitation.course, source=Enrolment.Source.INVITATION)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])


# --- the course outline and progress ----------------------------------------------------------


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


def _outline(course, lessons, statuses, request_user_sees_status):
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
        from django.db import connection

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


def _aware(value):
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = value.replace(tzinfo=datetime.UTC)
    return value


def participant_state(user, course):
    """The participant's active enrolment in `course` (or None, else an Enrolment carrying pk,
    completed_at and last_lesson_id) and {lesson_id: status} of their started or completed
    lessons, in one indexed query (the progress rows joined to the enrolment)."""
    from django.db import connection

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
        completed_at=_aware(completed_at),
        last_lesson_id=last_lesson_id,
    )
    enrolment._state.adding = False
    statuses = {row[3]: row[4] for row in rows if row[3] is not None}
    return enrolment, statuses


def _summary(course, outline, statuses):
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


def course_page_context(course, user, request=None):
    """The course page: the outline (cached per content version), the participant's enrolment
    and progress (one query), where to continue."""
    from courses.outline import outline_of

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
        "summary": _summary(course, outline, statuses),
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
        else list(course.instruments.values_list("name", flat=True)),
        "is_staff_or_editor": is_staff_or_editor(user),
    }


def module_page_context(module, user):
    course = course_of(module)
    lessons = list(LessonPage.objects.child_of(module).live().defer("body"))
    enrolment = active_enrolment(user, course)
    statuses = progress_map(user, course) if enrolment else {}
    return {"course": course, "outline": _outline(course, lessons, statuses, enrolment)}


def lesson_page_context(lesson, user, request=None):
    """Everything the lesson page shows; records the visit (in progress, resume point).

    `pre_test` is set (and nothing is recorded) when an enrolled participant who has not
    started the course yet must first take its pre-test."""
    from courses.outline import outline_of

    course = course_of(lesson)
    if course is None:
        return {
            "course": None,
            "enrolment": None,
            "can_view": is_staff_or_editor(user),
            "status": NOT_STARTED,
            "summary": None,
            "can_mark_complete": False,
        }
    outline = outline_of(course, request)
    enrolment, statuses = participant_state(user, course)
    can_view = enrolment is not None or is_staff_or_editor(user)
    if enrolment is not None and not statuses and not is_staff_or_editor(user):
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
        "summary": _summary(course, outline, statuses),
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
    None. Asked of the quizzes app, which owns pre-tests."""
    from quizzes.services import pending_pre_test as quizzes_pending_pre_test

    return quizzes_pending_pre_test(user, course.pk)


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


# --- completion ---------------------------------------------------------------------------------


def _completion_state(user_id, course_id, lesson_id, counted):
    """In one query (plain SQL): the active enrolment's pk and completed_at, this lesson's
    progress status, and how many of the `counted` lessons are already completed. None when
    not enrolled. Where the database has row locks, the enrolment row is locked first (one
    more query); SQLite serialises writers anyway."""
    from django.db import connection

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
        "completed_at": _aware(found[1]),
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
    from courses.outline import outline_of

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
    from courses.outline import build

    counted = build(course).counted_ids
    if not counted:
        return False
    done = LessonProgress.objects.filter(
        user=user, course=course, lesson_id__in=counted, status=COMPLETED
    ).count()
    return done == len(counted)


# --- lists for the participant ------------------------------------------------------------------


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
    from django.db.models import Q

    from certificates.models import Certificate

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
            }
        )
    return rows


def course_source_key(course_id, user_id):
    """The idempotency key of a course certificate (one per participant and course)."""
    return f"course:{course_id}:user:{user_id}"
