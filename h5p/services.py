"""The H5P rules, one place each: importing packages, signed player URLs, accepting xAPI
statements (and what they mean for results and lesson completion), saved player state, and the
figures of the staff view."""

import functools
import json
import math
import time
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from h5p import conf, storage
from h5p.models import H5PLibrary, H5PPackage, H5PResult, H5PStatement, H5PUserData
from h5p.validator import ValidatedPackage, validate_package

XAPI_VERBS = "http://adlnet.gov/expapi/verbs/"
# Root statements with these verbs and a score become the activity's result.
RESULT_VERBS = frozenset(XAPI_VERBS + v for v in ("completed", "answered", "passed", "failed"))
DEFAULT_PASS_MARK = 60


# --- packages ---------------------------------------------------------------------------------


def import_package(upload, *, title="", user=None, package=None) -> H5PPackage:
    """Validate `upload` (path or file object) in full, then store it: a new package, or a
    replacement of `package`. Raises `h5p.validator.InvalidPackage`; stores nothing then."""
    validated = validate_package(upload)
    try:
        return store_validated(validated, title=title, user=user, package=package)
    finally:
        validated.cleanup()


@transaction.atomic
def store_validated(
    validated: ValidatedPackage, *, title="", user=None, package=None
) -> H5PPackage:
    libraries = []
    for folder, info in sorted(validated.libraries.items()):
        tree_hash = info.tree_hash()
        library = H5PLibrary.objects.filter(tree_hash=tree_hash).first()
        if library is None:
            prefix = storage.library_prefix(folder, tree_hash)
            storage.store_files(prefix, info.files)
            try:
                with transaction.atomic():
                    library = H5PLibrary.objects.create(
                        machine_name=info.machine_name,
                        major_version=info.major,
                        minor_version=info.minor,
                        patch_version=info.patch,
                        title=info.title,
                        runnable=info.runnable,
                        tree_hash=tree_hash,
                        storage_prefix=prefix,
                        files=sorted(info.files),
                        size=sum(f.size for f in info.files.values()),
                    )
            except IntegrityError:  # stored by a concurrent upload of the same library
                library = H5PLibrary.objects.get(tree_hash=tree_hash)
        libraries.append(library)

    content_hash = validated.content_hash()
    prefix = storage.package_prefix(content_hash)
    storage.store_files(prefix, validated.content_files)

    meta = validated.h5p_json
    if package is None:
        package = H5PPackage()
    if package.pk is None:
        package.uploaded_by = user
    elif package.content_hash and package.content_hash != content_hash:
        # Saved states describe the old content: they would not fit the new one.
        H5PUserData.objects.filter(package=package).delete()
        package.replaced_at = timezone.now()
    package.title = (title or str(meta["title"]))[:255]
    package.main_library = validated.main_library
    package.licence = str(meta.get("license", ""))[:100]
    authors = meta.get("authors", [])
    package.authors = (
        [a for a in authors if isinstance(a, dict)] if isinstance(authors, list) else []
    )
    package.h5p_json = meta
    package.embed_type = "div" if "div" in meta.get("embedTypes", []) else "iframe"
    package.content_hash = content_hash
    package.content_prefix = prefix
    package.content_files = sorted(validated.content_files)
    package.size = validated.upload_size
    package.unpacked_size = validated.unpacked_size
    package.save()
    package.libraries.set(libraries)
    return package


def resolve_file(package: H5PPackage, path: str):
    """The storage name of `path` inside the unpacked package, or None."""
    if path in package.content_files:
        return f"{package.content_prefix}/{path}"
    folder, _sep, rest = path.partition("/")
    if not rest:
        return None
    for library in package.libraries.all():
        if library.folder == folder:
            return f"{library.storage_prefix}/{rest}" if rest in library.files else None
    return None


# --- signed player URLs -------------------------------------------------------------------------
# The H5P origin has no session: a participant's page hands out URLs signed for one package
# and lesson, valid for a day or two, so package files are not public by guessable ids.

_signer = signing.Signer(salt="h5p.player")


def _today() -> int:
    return date.today().toordinal()


def make_token(package_id: int, lesson_id: int) -> str:
    return _signer.sign(f"{package_id}.{lesson_id}.{_today()}")


def read_token(token: str):
    """(package_id, lesson_id) from a valid token, or None."""
    try:
        value = _signer.unsign(token)
        package_id, lesson_id, day = (int(x) for x in value.split("."))
    except (signing.BadSignature, ValueError):
        return None
    if not 0 <= _today() - day <= conf.url_max_age_days():
        return None
    return package_id, lesson_id


def player_url(package_id: int, lesson_id: int) -> str:
    path = reverse(
        "h5p-player", urlconf="h5p.origin_urls", kwargs={"token": make_token(package_id, lesson_id)}
    )
    return conf.h5p_origin() + path


def activity_iri(lesson_id: int, package_id: int) -> str:
    """The xAPI object id of an activity: a package placed in a lesson."""
    return f"{conf.site_origin()}/h5p/activity/{lesson_id}/{package_id}"


# --- activities -----------------------------------------------------------------------------


@dataclass
class Activity:
    lesson: object  # courses.models.LessonPage
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
    from courses import services as courses
    from courses.models import LessonPage

    with connection.cursor() as cursor:
        cursor.execute(_sql("lesson-stamp", _lesson_stamp_sql), [lesson_id, True])
        row = cursor.fetchone()
    if row is None:  # no such page, or not live
        return None
    stamp = row[0]
    key = (lesson_id, package_id)
    cached = _ACTIVITY_CACHE.get(key)
    if cached is not None and cached[0] == stamp and cached[1] > time.monotonic():
        return cached[2]

    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    activity = None
    if lesson is not None and H5PPackage.objects.filter(pk=package_id).exists():
        values = [v for v in h5p_blocks(lesson) if v.get("package") == package_id]
        if values:
            required = [v for v in values if v.get("required")]
            courses.course_of(lesson)  # cached on the lesson for later checks
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
# affected, since courses.complete_lesson checks the enrolment itself.
_ENROLLED: dict = {}
_ENROLLED_MAX = 20000


def _enrolment_cache_seconds():
    return getattr(settings, "H5P_ENROLMENT_CACHE_SECONDS", 15)


def may_take(user, activity: Activity) -> bool:
    """Only an enrolled participant of the lesson's course records results."""
    from courses import services as courses

    if not user.is_authenticated:
        return False
    course = courses.course_of(activity.lesson)
    if course is None:
        return False
    key = (user.pk, course.pk)
    now = time.monotonic()
    until = _ENROLLED.get(key)
    if until is not None and until > now:
        return True
    if not courses.is_enrolled(user, course):
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


def activity_for(user, lesson_id: int, package_id: int) -> Activity:
    """The activity a logged-in participant may record results in, or StatementRejected."""
    if not user.is_authenticated:
        raise StatementRejected("login", _("Log in to save your results."), status=401)
    activity = find_activity(lesson_id, package_id)
    if activity is None:
        raise StatementRejected(
            "activity", _("There is no such exercise in this lesson."), status=404
        )
    if not may_take(user, activity):
        raise StatementRejected(
            "not-enrolled", _("Only participants of this course record results."), status=403
        )
    return activity


# --- the statement endpoint's fixed queries ------------------------------------------------------
# Every statement runs the same few queries. Building a query with the ORM costs about 0.3 ms of
# CPU, ten times what SQLite needs to run it, and the endpoint's budget is a few milliseconds.
# So these few are written once per database vendor from the models' own metadata (tables,
# columns, quoting) and values are adapted by the model fields, exactly as the ORM would. Only
# quoted identifiers go into the SQL text (hence the S608 exemptions); values are parameters.
_SQL: dict = {}


def _sql(name, build):
    key = (connection.vendor, name)
    sql = _SQL.get(key)
    if sql is None:
        sql = _SQL[key] = build(connection)
    return sql


def _columns(model, *names):
    quote = connection.ops.quote_name
    return [quote(model._meta.get_field(name).column) for name in names]


def _lesson_stamp_sql(conn):
    """The publication stamp of a live page: any republish changes it."""
    stamp, pk, live = _columns(Page, "last_published_at", "id", "live")
    table = conn.ops.quote_name(Page._meta.db_table)
    return f"SELECT {stamp} FROM {table} WHERE {pk} = %s AND {live} = %s"  # noqa: S608


STATEMENT_FIELDS = (
    "uuid", "user", "package", "lesson", "verb", "object_id", "is_root", "score_raw",
    "score_max", "score_scaled", "success", "completion", "statement", "stored_at",
)  # fmt: skip


@functools.cache
def _statement_fields():
    fields = [H5PStatement._meta.get_field(name) for name in STATEMENT_FIELDS]
    every = {f.name for f in H5PStatement._meta.concrete_fields if not f.primary_key}
    if every != set(STATEMENT_FIELDS):  # a new column must be added here too
        raise RuntimeError(f"h5p: STATEMENT_FIELDS misses {sorted(every - set(STATEMENT_FIELDS))}")
    return tuple(fields)


def _insert_statement_sql(conn):
    quote = conn.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _statement_fields())
    marks = ", ".join(["%s"] * len(STATEMENT_FIELDS))
    table = quote(H5PStatement._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608


def _insert_statement(values):
    """One INSERT of a statement row; `values` in the order of STATEMENT_FIELDS."""
    params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(_statement_fields(), values, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(_sql("insert-statement", _insert_statement_sql), params)


def _result_select_sql(conn):
    pk, attempts, best, completed, passed, user, lesson, package = _columns(
        H5PResult, "id", "attempts", "best_score", "completed", "passed", "user", "lesson",
        "package",
    )  # fmt: skip
    lock = " FOR UPDATE" if conn.features.has_select_for_update else ""
    return (
        f"SELECT {pk}, {attempts}, {best}, {completed}, {passed} "  # noqa: S608
        f"FROM {conn.ops.quote_name(H5PResult._meta.db_table)} "
        f"WHERE {user} = %s AND {lesson} = %s AND {package} = %s{lock}"
    )


def _result_update_sql(conn):
    pk, attempts, last, best, completed, first, passed, updated = _columns(
        H5PResult, "id", "attempts", "last_score", "best_score", "completed",
        "first_completed_at", "passed", "updated_at",
    )  # fmt: skip
    return (
        f"UPDATE {conn.ops.quote_name(H5PResult._meta.db_table)} SET {attempts} = %s, "  # noqa: S608
        f"{last} = %s, {best} = %s, {completed} = %s, {first} = COALESCE({first}, %s), "
        f"{passed} = %s, {updated} = %s WHERE {pk} = %s"
    )


# --- xAPI statements ----------------------------------------------------------------------------


class StatementRejected(Exception):
    def __init__(self, code, message, status=400):
        self.code = code
        self.message = message
        self.status = status
        super().__init__(f"{code}: {message}")


def server_actor(user) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": conf.site_origin(), "name": str(user.pk)},
    }


def _number(value):
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _iri(value, limit=1000):
    return isinstance(value, str) and 0 < len(value) <= limit and "://" in value


def check_statement(data, activity: Activity, user) -> dict:
    """Validate the shape of a statement from the player; return what is stored. The learner is
    the logged-in user: a statement naming anyone else is refused."""
    if not isinstance(data, dict):
        raise StatementRejected("shape", _("The statement must be a JSON object."))
    for key in ("authority", "stored"):
        if key in data:
            raise StatementRejected("forged", _("'%(key)s' is set by the server.") % {"key": key})
    if "actor" in data and data["actor"] != server_actor(user):
        raise StatementRejected("actor", _("The actor is set by the server."), status=403)
    verb = data.get("verb")
    if not isinstance(verb, dict) or not _iri(verb.get("id"), 255):
        raise StatementRejected("verb", _("The statement needs a verb with an IRI id."))
    obj = data.get("object")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise StatementRejected("object", _("The statement needs an object with an id."))
    if obj.get("objectType", "Activity") != "Activity":
        raise StatementRejected("object", _("The object must be an activity."))
    object_id = obj["id"]
    own = activity.iri
    if object_id != own and not object_id.startswith(own + "?subContentId="):
        raise StatementRejected(
            "activity", _("The statement is about another activity."), status=403
        )
    if len(object_id) > 1000:
        raise StatementRejected("object", _("The object id is too long."))

    context = data.get("context", {})
    if not isinstance(context, dict):
        raise StatementRejected("context", _("'context' must be an object."))
    activities = context.get("contextActivities", {})
    if not isinstance(activities, dict):
        raise StatementRejected("context", _("'contextActivities' must be an object."))
    parent = activities.get("parent")
    if parent is not None and not (isinstance(parent, list | dict)):
        raise StatementRejected("context", _("'parent' must be a list of activities."))

    result = data.get("result", {})
    if not isinstance(result, dict):
        raise StatementRejected("result", _("'result' must be an object."))
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            raise StatementRejected("result", _("'%(key)s' must be true or false.") % {"key": key})
    if "response" in result and not (
        isinstance(result["response"], str) and len(result["response"]) <= 10000
    ):
        raise StatementRejected("result", _("'response' must be text."))
    score = result.get("score")
    if score is not None:
        if not isinstance(score, dict) or not all(_number(v) for v in score.values()):
            raise StatementRejected("score", _("Score values must be numbers."))
        raw, low, high = score.get("raw"), score.get("min", 0), score.get("max")
        scaled = score.get("scaled")
        if scaled is not None and not -1 <= scaled <= 1:
            raise StatementRejected("score", _("'scaled' must be between -1 and 1."))
        if high is not None and (high < low or (raw is not None and not low <= raw <= high)):
            raise StatementRejected("score", _("The score is outside its range."))
    if "id" in data and _statement_uuid(data["id"]) is None:
        raise StatementRejected("id", _("The statement id must be a UUID."))
    cleaned = {k: v for k, v in data.items() if k not in ("actor", "id")}
    return cleaned


def _statement_uuid(value):
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _percent(score):
    if not score:
        return None
    if score.get("max") and score.get("raw") is not None:
        return max(0.0, min(100.0, 100.0 * score["raw"] / score["max"]))
    if score.get("scaled") is not None:
        return max(0.0, min(100.0, 100.0 * score["scaled"]))
    return None


@dataclass
class Result:
    """The participant's result in the activity after a statement."""

    attempts: int
    best_score: float | None
    passed: bool


@dataclass
class Outcome:
    statement_id: uuid.UUID
    result: Result | None = None
    lesson_completed: bool = False
    duplicate: bool = False  # the same statement (same id) was stored before: nothing changed


def record_statement(user, activity: Activity, data, *, checked=False) -> Outcome:
    """Store one statement (append-only) and, for a root result statement, update the
    participant's result and complete the lesson when its required exercises are passed.
    `checked`: the activity came from `activity_for(user, ...)`, which checked enrolment.

    Most statements (a question's answer inside a set, progress, interactions) are only stored:
    one INSERT, its own transaction. A root statement with a result verb and a score also
    updates the result row, in the same transaction. A statement sent again with the same `id`
    changes nothing (idempotent); another statement under an existing id is a conflict."""
    if not checked and not may_take(user, activity):
        raise StatementRejected(
            "not-enrolled", _("Only participants of this course record results."), status=403
        )
    cleaned = check_statement(data, activity, user)
    given_id = _statement_uuid(data.get("id"))
    statement_id = given_id or uuid.uuid4()
    obj_id = cleaned["object"]["id"]
    parent = cleaned.get("context", {}).get("contextActivities", {}).get("parent")
    is_root = obj_id == activity.iri and not parent
    result_data = cleaned.get("result", {})
    score = result_data.get("score") or {}
    verb = cleaned["verb"]["id"]
    percent = _percent(score)
    counts = is_root and verb in RESULT_VERBS and percent is not None
    row = (
        statement_id, user.pk, activity.package_id, activity.lesson.pk, verb, obj_id, is_root,
        score.get("raw"), score.get("max"), score.get("scaled"), result_data.get("success"),
        result_data.get("completion"), cleaned, timezone.now(),
    )  # fmt: skip

    try:
        if not counts:
            if connection.in_atomic_block:
                with transaction.atomic():  # a savepoint: a duplicate leaves the caller's intact
                    _insert_statement(row)
            else:
                _insert_statement(row)  # autocommit: the INSERT is its own transaction
            return Outcome(statement_id)
        with transaction.atomic():
            _insert_statement(row)
            was_passed, result = _update_result(user, activity, verb, percent)
            completed = False
            # The completion check runs once, when the result first reaches the pass mark:
            # later attempts do not re-run it (courses.complete_lesson is idempotent anyway).
            if (
                result.passed
                and not was_passed
                and activity.required
                and _required_passed(user, activity)
            ):
                from courses import services as courses

                try:
                    courses.complete_lesson(user, activity.lesson, source="h5p")
                    completed = True
                except PermissionDenied as exc:
                    raise StatementRejected(
                        "not-enrolled", str(exc) or "denied", status=403
                    ) from exc
        return Outcome(statement_id, result, completed)
    except IntegrityError:
        if given_id is None:
            raise
        return _repeated(given_id, user, activity, cleaned, counts)


def _repeated(statement_id, user, activity, cleaned, counts) -> Outcome:
    """The answer to a statement whose id is already stored: the same statement again (a
    retry) changes nothing; anything else under that id is refused."""
    stored = (
        H5PStatement.objects.filter(uuid=statement_id)
        .values("user_id", "package_id", "lesson_id", "statement")
        .first()
    )
    if stored is None:  # not a duplicate id: the package or lesson went away meanwhile
        raise IntegrityError("statement not stored")
    same = (stored["user_id"], stored["package_id"], stored["lesson_id"]) == (
        user.pk,
        activity.package_id,
        activity.lesson.pk,
    )
    if not same or stored["statement"] != cleaned:
        raise StatementRejected(
            "conflict", _("Another statement with this id is already stored."), status=409
        )
    result = None
    if counts:
        row = (
            H5PResult.objects.filter(
                user=user, lesson=activity.lesson, package_id=activity.package_id
            )
            .values_list("attempts", "best_score", "passed")
            .first()
        )
        result = Result(*row) if row else None
    return Outcome(statement_id, result, duplicate=True)


def _update_result(user, activity, verb, percent):
    """Count one scored attempt in the participant's result row (locked until the commit)."""
    key = [user.pk, activity.lesson.pk, activity.package_id]
    with connection.cursor() as cursor:
        cursor.execute(_sql("select-result", _result_select_sql), key)
        row = cursor.fetchone()
        if row is None:
            lookup = {"user": user, "lesson": activity.lesson, "package_id": activity.package_id}
            try:
                with transaction.atomic():
                    H5PResult.objects.create(**lookup)
            except IntegrityError:
                pass  # created by a parallel statement of the same participant
            cursor.execute(_sql("select-result", _result_select_sql), key)
            row = cursor.fetchone()
        pk, attempts, best, _completed, was_passed = row
        was_passed = bool(was_passed)
        best = percent if best is None else max(best, percent)
        passed = was_passed or (best >= activity.pass_mark and verb != XAPI_VERBS + "failed")
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(
            _sql("update-result", _result_update_sql),
            [attempts + 1, percent, best, True, now, passed, now, pk],
        )
    return was_passed, Result(attempts + 1, best, passed)


def _required_passed(user, activity) -> bool:
    required = {v["package"] for v in h5p_blocks(activity.lesson) if v.get("required")} - {
        activity.package_id
    }
    if not required:
        return True
    passed = set(
        H5PResult.objects.filter(
            user=user, lesson=activity.lesson, package_id__in=required, passed=True
        ).values_list("package_id", flat=True)
    )
    return required <= passed


# --- saved state ("content user data") ----------------------------------------------------------


def load_state(user, package: H5PPackage):
    row = H5PUserData.objects.filter(user=user, package=package).first()
    if row is None or row.content_hash != package.content_hash:
        return None
    return row.state


def save_state(user, package: H5PPackage, state):
    """Save the player's state (a JSON text) or clear it (None)."""
    if state is None:
        H5PUserData.objects.filter(user=user, package=package).delete()
        return
    if not isinstance(state, str) or len(state.encode()) > conf.max_state_bytes():
        raise StatementRejected("state", _("The saved state is too large or not text."))
    try:
        json.loads(state)
    except ValueError:
        raise StatementRejected("state", _("The saved state is not JSON.")) from None
    H5PUserData.objects.update_or_create(
        user=user,
        package=package,
        defaults={"state": state, "content_hash": package.content_hash},
    )


# --- staff figures --------------------------------------------------------------------------------


def package_stats(package: H5PPackage) -> dict:
    statements = H5PStatement.objects.filter(package=package)
    figures = statements.aggregate(
        participants=Count("user", distinct=True),
        attempts=Count(
            "pk",
            filter=Q(is_root=True, verb__in=RESULT_VERBS)
            & (Q(score_max__isnull=False) | Q(score_scaled__isnull=False)),
        ),
    )
    results = H5PResult.objects.filter(package=package).aggregate(
        average=Avg("best_score"),
        completed=Count("pk", filter=Q(completed=True)),
        passed=Count("pk", filter=Q(passed=True)),
    )
    participants = figures["participants"]
    return {
        "participants": participants,
        "attempts": figures["attempts"],
        "average_score": results["average"],
        "completed": results["completed"],
        "passed": results["passed"],
        "completion_rate": (100.0 * results["completed"] / participants) if participants else None,
    }


def export_lines(package: H5PPackage):
    """The package's statements as JSON lines (the learner as the server's actor)."""
    rows = (
        H5PStatement.objects.filter(package=package)
        .order_by("pk")
        .values_list("uuid", "user_id", "lesson_id", "statement", "stored_at")
    )
    for statement_id, user_id, lesson_id, data, stored_at in rows.iterator(chunk_size=500):
        line = dict(data)
        line["id"] = str(statement_id)
        line["actor"] = (
            {
                "objectType": "Agent",
                "account": {"homePage": conf.site_origin(), "name": str(user_id)},
            }
            if user_id
            else {
                "objectType": "Agent",
                "account": {"homePage": conf.site_origin(), "name": "anonymous"},
            }
        )
        line["stored"] = stored_at.isoformat()
        line.setdefault("context", {})
        line["context"] = {
            **line["context"],
            "extensions": {
                **line["context"].get("extensions", {}),
                conf.site_origin() + "/h5p/lesson": lesson_id,
            },
        }
        yield json.dumps(line, ensure_ascii=False) + "\n"


# --- rendering the lesson block -----------------------------------------------------------------


def block_context(value, parent_context):
    package = value.get("package")
    page = parent_context.get("page")
    request = parent_context.get("request")
    if package is None or not package.content_prefix or page is None or not page.pk:
        return None
    user = getattr(request, "user", None)
    can_record = False
    if user is not None and user.is_authenticated:
        from courses import services as courses

        can_record = courses.is_enrolled(user, courses.course_of(page))
    mark = value.get("pass_mark")
    return {
        "uid": f"{page.pk}-{package.pk}",
        "title": package.title,
        "origin": conf.h5p_origin(),
        "player_url": player_url(package.pk, page.pk),
        "xapi_url": reverse("h5p_xapi", kwargs={"lesson_id": page.pk, "package_id": package.pk}),
        "state_url": reverse("h5p_state", kwargs={"lesson_id": page.pk, "package_id": package.pk}),
        "can_record": can_record,
        "pass_mark": DEFAULT_PASS_MARK if mark in (None, "") else mark,
    }
