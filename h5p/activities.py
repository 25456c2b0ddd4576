"""H5P activities: a package placed in a lesson, its pass mark, and who may take it. Lessons
and enrolment are asked of courses through cms.activities (never imported); both answers are
cached per process for a few seconds, since statements arrive several times a minute."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection

from cms.activities import lessons
from h5p import conf
from h5p.models import H5PPackage
from h5p.raw_sql import cached_sql, lesson_stamp_sql

DEFAULT_PASS_MARK = 60


def activity_iri(lesson_id: int, package_id: int) -> str:
    """The xAPI object id of an activity: a package placed in a lesson."""
    return f"{conf.site_origin()}/h5p/activity/{lesson_id}/{package_id}"


# --- activities -----------------------------------------------------------------------------


@dataclass
class Activity:
    lesson: object  # the lesson page (courses)
    package_id: int
    required: bool
    pass_mark: int

    @property
    def iri(self):
        return activity_iri(self.lesson.pk, self.package_id)


def h5p_blocks(lesson):
    """The raw values of the lesson's H5P blocks (no block instantiation: cheap per request)."""
    found = []
    for item in lesson.body.raw_data:
        value = item.get("value") if isinstance(item, dict) else None
        if item.get("type") == "h5p" and isinstance(value, dict) and value.get("package"):
            found.append(value)
    return found


def _pass_mark(value):
    mark = value.get("pass_mark")
    return DEFAULT_PASS_MARK if mark in (None, "") else int(mark)


# Statements arrive several times a minute per participant; the lesson's blocks and course do
# not change between them. A small per-process cache keeps the lookup to one cheap query (the
# lesson's publication stamp, which any republish changes), bounded in time and size.
_ACTIVITY_CACHE: dict = {}
_ACTIVITY_CACHE_MAX = 2000


def _activity_cache_seconds():
    return getattr(settings, "H5P_ACTIVITY_CACHE_SECONDS", 30)


def find_activity(lesson_id: int, package_id: int):
    """The activity if the package is placed in that live lesson, else None. When the package
    appears twice in a lesson, it is required if any placement is, with the highest mark."""
    with connection.cursor() as cursor:
        cursor.execute(cached_sql("lesson-stamp", lesson_stamp_sql), [lesson_id, True])
        row = cursor.fetchone()
    if row is None:  # no such page, or not live
        return None
    stamp = row[0]
    key = (lesson_id, package_id)
    cached = _ACTIVITY_CACHE.get(key)
    if cached is not None and cached[0] == stamp and cached[1] > time.monotonic():
        return cached[2]

    lesson = lessons().live_lesson(lesson_id)
    activity = None
    if lesson is not None and H5PPackage.objects.filter(pk=package_id).exists():
        values = [v for v in h5p_blocks(lesson) if v.get("package") == package_id]
        if values:
            required = [v for v in values if v.get("required")]
            lessons().course_of(lesson)  # cached on the lesson for later checks
            activity = Activity(
                lesson=lesson,
                package_id=package_id,
                required=bool(required),
                pass_mark=max((_pass_mark(v) for v in required), default=DEFAULT_PASS_MARK),
            )
    if len(_ACTIVITY_CACHE) >= _ACTIVITY_CACHE_MAX:
        _ACTIVITY_CACHE.clear()
    _ACTIVITY_CACHE[key] = (stamp, time.monotonic() + _activity_cache_seconds(), activity)
    return activity


# A participant's statements arrive every few seconds while they work on an exercise. Asking
# courses whether they are enrolled costs a query each time (a tenth of the endpoint's budget),
# so a "yes" is remembered per process for a few seconds (never a "no"). The price: after a
# withdrawal, statements are still stored for at most that long; the lesson's completion is not
# affected, since courses checks the enrolment itself when it completes the lesson.
_ENROLLED: dict = {}
_ENROLLED_MAX = 20000


def _enrolment_cache_seconds():
    return getattr(settings, "H5P_ENROLMENT_CACHE_SECONDS", 15)


def may_take(user, activity: Activity) -> bool:
    """Only an enrolled participant of the lesson's course records results."""
    if not user.is_authenticated:
        return False
    course = lessons().course_of(activity.lesson)
    if course is None:
        return False
    key = (user.pk, course.pk)
    now = time.monotonic()
    until = _ENROLLED.get(key)
    if until is not None and until > now:
        return True
    if not lessons().is_enrolled(user, course):
        _ENROLLED.pop(key, None)
        return False
    if len(_ENROLLED) >= _ENROLLED_MAX:
        _ENROLLED.clear()
    _ENROLLED[key] = now + _enrolment_cache_seconds()
    return True


def forget_cached_lookups():
    """Drop this process's cached activities and enrolments (tests; after bulk changes)."""
    _ACTIVITY_CACHE.clear()
    _ENROLLED.clear()
