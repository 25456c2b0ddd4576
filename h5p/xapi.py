"""Accepting xAPI statements from the player: their shape, the learner (always the logged-in
user), storing them (append-only, idempotent by id), the participant's result, and the lesson's
completion once the required exercises are passed (reported through cms.activities in the same
transaction as the result)."""

import math
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.activities import report_passed
from h5p import conf
from h5p.activities import Activity, find_activity, h5p_blocks, may_take
from h5p.models import H5PResult, H5PStatement
from h5p.raw_sql import cached_sql, insert_statement, result_select_sql, result_update_sql

XAPI_VERBS = "http://adlnet.gov/expapi/verbs/"
# Root statements with these verbs and a score become the activity's result.
RESULT_VERBS = frozenset(XAPI_VERBS + v for v in ("completed", "answered", "passed", "failed"))


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
                    insert_statement(row)
            else:
                insert_statement(row)  # autocommit: the INSERT is its own transaction
            return Outcome(statement_id)
        with transaction.atomic():
            insert_statement(row)
            was_passed, result = _update_result(user, activity, verb, percent)
            completed = False
            # The completion check runs once, when the result first reaches the pass mark:
            # later attempts do not re-run it (completing a lesson is idempotent anyway).
            if (
                result.passed
                and not was_passed
                and activity.required
                and _required_passed(user, activity)
            ):
                try:
                    completed = report_passed(user, activity.lesson, source="h5p")
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
        cursor.execute(cached_sql("select-result", result_select_sql), key)
        row = cursor.fetchone()
        if row is None:
            lookup = {"user": user, "lesson": activity.lesson, "package_id": activity.package_id}
            try:
                with transaction.atomic():
                    H5PResult.objects.create(**lookup)
            except IntegrityError:
                pass  # created by a parallel statement of the same participant
            cursor.execute(cached_sql("select-result", result_select_sql), key)
            row = cursor.fetchone()
        pk, attempts, best, _completed, was_passed = row
        was_passed = bool(was_passed)
        best = percent if best is None else max(best, percent)
        # A pass is judged on the attempt that reports it: a failed attempt's high score (the
        # player may send "failed" with any score) never turns a later low one into a pass.
        this_passes = percent >= activity.pass_mark and verb != XAPI_VERBS + "failed"
        passed = was_passed or this_passes
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        cursor.execute(
            cached_sql("update-result", result_update_sql),
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
