"""The site's xAPI endpoint and saved state: only the logged-in, enrolled participant, for an
activity of their course, with CSRF; the learner is set on the server; append-only."""

import io
import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.models import LessonProgress
from h5p import activities, packages, xapi
from h5p.models import H5PResult, H5PStatement, H5PUserData
from tests.h5p.conftest import SITE_HOST, make_user, statement, tiny_zip

pytestmark = pytest.mark.django_db


def xapi_url(lesson, package):
    return reverse("h5p_xapi", kwargs={"lesson_id": lesson.pk, "package_id": package.pk})


def state_url(lesson, package):
    return reverse("h5p_state", kwargs={"lesson_id": lesson.pk, "package_id": package.pk})


def csrf_client(user):
    """A browser-like client: CSRF enforced, token taken from the cookie as the page script
    takes it from the form."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret

    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    client.token = _mask_cipher_secret(secret)
    return client


def post(client, url, data, token=True):
    headers = {"host": SITE_HOST}
    if token:
        headers["X-CSRFToken"] = client.token
    return client.post(url, json.dumps(data), content_type="application/json", headers=headers)


def test_root_answer_with_passing_score_completes_the_lesson(
    course_and_lesson, participant, tiny_package, django_capture_on_commit_callbacks
):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, xapi_url(lesson, tiny_package), statement(lesson, tiny_package))
    assert response.status_code == 201, response.content
    assert response.json()["lesson_completed"] is True
    stored = H5PStatement.objects.get()
    assert stored.user == participant and stored.is_root and stored.score_raw == 1
    result = H5PResult.objects.get()
    assert (result.best_score, result.passed, result.attempts) == (100.0, True, 1)
    progress = LessonProgress.objects.get(user=participant, lesson=lesson)
    assert progress.status == "completed" and progress.source == "h5p"


def test_low_score_is_stored_but_does_not_complete(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    response = post(
        client, xapi_url(lesson, tiny_package), statement(lesson, tiny_package, raw=1, max_=2)
    )
    assert response.status_code == 201
    assert response.json() == {
        "id": str(H5PStatement.objects.get().uuid),
        "score": 50.0,
        "passed": False,
        "lesson_completed": False,
    }
    assert not LessonProgress.objects.filter(status="completed").exists()


def test_sub_statements_are_stored_but_ignored_for_completion(
    course_and_lesson, participant, tiny_package
):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    data = statement(lesson, tiny_package, sub="q1")
    response = post(client, xapi_url(lesson, tiny_package), data)
    assert response.status_code == 201
    assert response.json()["lesson_completed"] is False
    assert H5PStatement.objects.get().is_root is False
    assert not H5PResult.objects.exists()
    # A parent alone (object id of the root) also marks a sub-statement.
    data = statement(lesson, tiny_package)
    data["context"]["contextActivities"]["parent"] = [{"id": "http://x/parent"}]
    assert post(client, xapi_url(lesson, tiny_package), data).status_code == 201
    assert not H5PResult.objects.exists()


def test_optional_block_records_result_without_completing(course_factory, tiny_package):
    from courses.enrolment import enrol

    course, lesson = course_factory(tiny_package, required=False)
    user = make_user("opcjonalna@example.pl")
    enrol(user, course)
    response = post(
        csrf_client(user), xapi_url(lesson, tiny_package), statement(lesson, tiny_package)
    )
    assert response.status_code == 201
    assert response.json()["passed"] is True and response.json()["lesson_completed"] is False


# --- security: rejected, nothing stored -----------------------------------------------------------


def assert_nothing_stored():
    assert not H5PStatement.objects.exists()
    assert not H5PResult.objects.exists()
    assert not LessonProgress.objects.filter(status="completed").exists()


def test_withdrawn_participant_is_refused(course_and_lesson, participant, tiny_package):
    """A "yes, enrolled" is remembered for a few seconds; a withdrawal within them still never
    completes the lesson (courses checks the enrolment itself), and once they pass the
    statements are refused."""
    from courses.enrolment import unenrol

    course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = xapi_url(lesson, tiny_package)
    assert post(client, url, statement(lesson, tiny_package, sub="q1")).status_code == 201
    unenrol(participant, course)
    response = post(client, url, statement(lesson, tiny_package))
    assert response.status_code == 403
    assert not H5PResult.objects.exists()
    assert not LessonProgress.objects.filter(status="completed").exists()
    activities.forget_cached_lookups()  # as when the few seconds have passed
    response = post(client, url, statement(lesson, tiny_package, sub="q2"))
    assert response.status_code == 403 and response.json()["error"] == "not-enrolled"
    assert H5PStatement.objects.count() == 1


def test_activity_of_another_course_is_rejected(course_factory, tiny_package, participant):
    """The participant is enrolled in course 1; the activity is in course 2 (another user's)."""
    other_course, other_lesson = course_factory(tiny_package)
    from courses.enrolment import enrol

    enrol(make_user("inna@example.pl"), other_course)
    client = csrf_client(participant)
    response = post(
        client, xapi_url(other_lesson, tiny_package), statement(other_lesson, tiny_package)
    )
    assert response.status_code == 403
    assert_nothing_stored()


def test_statement_about_another_activity_is_rejected(
    course_and_lesson, course_factory, tiny_package, participant
):
    """Posted to the participant's own activity, but the statement names another lesson's."""
    _other_course, other_lesson = course_factory(tiny_package)
    _course, lesson = course_and_lesson
    response = post(
        csrf_client(participant),
        xapi_url(lesson, tiny_package),
        statement(other_lesson, tiny_package),
    )
    assert response.status_code == 403
    assert response.json()["error"] == "activity"
    assert_nothing_stored()


def test_not_enrolled_is_rejected(course_and_lesson, tiny_package):
    _course, lesson = course_and_lesson
    user = make_user("niezapisany@example.pl")
    response = post(
        csrf_client(user), xapi_url(lesson, tiny_package), statement(lesson, tiny_package)
    )
    assert response.status_code == 403
    assert_nothing_stored()


def test_anonymous_is_rejected(course_and_lesson, tiny_package):
    _course, lesson = course_and_lesson
    client = Client()
    response = client.post(
        xapi_url(lesson, tiny_package),
        json.dumps(statement(lesson, tiny_package)),
        content_type="application/json",
    )
    assert response.status_code == 401
    assert_nothing_stored()


def test_without_csrf_is_rejected(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    response = post(
        client, xapi_url(lesson, tiny_package), statement(lesson, tiny_package), token=False
    )
    assert response.status_code == 403
    assert_nothing_stored()


def test_from_another_origin_is_rejected(course_and_lesson, participant, tiny_package):
    """A page on another origin (e.g. the H5P origin) cannot post even with a token."""
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    response = client.post(
        xapi_url(lesson, tiny_package),
        json.dumps(statement(lesson, tiny_package)),
        content_type="application/json",
        headers={"host": SITE_HOST, "X-CSRFToken": client.token, "Origin": "http://h5p.testserver"},
    )
    assert response.status_code == 403
    assert_nothing_stored()


@pytest.mark.parametrize(
    "actor",
    [
        {"objectType": "Agent", "mbox": "mailto:ktos@example.pl"},
        {"objectType": "Agent", "account": {"homePage": "http://testserver", "name": "999"}},
        {"objectType": "Agent", "account": {"name": "abc-uuid", "homePage": "http://h5p"}},
    ],
)
def test_forged_actor_is_rejected(course_and_lesson, participant, tiny_package, actor):
    _course, lesson = course_and_lesson
    response = post(
        csrf_client(participant),
        xapi_url(lesson, tiny_package),
        statement(lesson, tiny_package, actor=actor),
    )
    assert response.status_code == 403
    assert response.json()["error"] == "actor"
    assert_nothing_stored()


def test_the_servers_own_actor_is_accepted(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    data = statement(lesson, tiny_package, actor=xapi.server_actor(participant))
    assert post(csrf_client(participant), xapi_url(lesson, tiny_package), data).status_code == 201


@pytest.mark.parametrize(
    "change",
    [
        {"verb": "answered"},
        {"verb": {"id": "not an iri"}},
        {"object": "x"},
        {"object": {"id": "x", "objectType": "Agent"}},
        {"result": {"score": {"raw": 5, "max": 1}}},
        {"result": {"score": {"raw": "1", "max": 1}}},
        {"result": {"score": {"scaled": 3}}},
        {"result": {"success": "yes"}},
        {"context": []},
        {"authority": {"mbox": "mailto:a@b.pl"}},
        {"id": "not-a-uuid"},
        {"id": 12},
    ],
)
def test_bad_shapes_are_rejected(course_and_lesson, participant, tiny_package, change):
    _course, lesson = course_and_lesson
    data = statement(lesson, tiny_package)
    data.update(change)
    response = post(csrf_client(participant), xapi_url(lesson, tiny_package), data)
    assert response.status_code == 400
    assert response.json()["message"]
    assert_nothing_stored()


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b"{" + b" " * 70_000 + b"}"])
def test_broken_bodies_are_rejected(course_and_lesson, participant, tiny_package, body):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    response = client.post(
        xapi_url(lesson, tiny_package),
        body,
        content_type="application/json",
        headers={"host": SITE_HOST, "X-CSRFToken": client.token},
    )
    assert response.status_code in (400, 413)
    assert_nothing_stored()


def test_unknown_activity_is_404(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    url = reverse("h5p_xapi", kwargs={"lesson_id": lesson.pk, "package_id": tiny_package.pk + 99})
    assert post(csrf_client(participant), url, statement(lesson, tiny_package)).status_code == 404


def test_statements_are_append_only(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    post(csrf_client(participant), xapi_url(lesson, tiny_package), statement(lesson, tiny_package))
    stored = H5PStatement.objects.get()
    with pytest.raises(TypeError):
        stored.save()
    with pytest.raises(TypeError):
        stored.delete()
    with pytest.raises(TypeError):
        H5PStatement.objects.update(verb="x")
    with pytest.raises(TypeError):
        H5PStatement.objects.all().delete()


def test_query_count_does_not_grow_with_stored_statements(
    course_and_lesson, participant, tiny_package
):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = xapi_url(lesson, tiny_package)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert post(client, url, statement(lesson, tiny_package, sub="q")).status_code == 201
        return len(queries)

    count()  # warm: the activity lookup is cached per process
    first = count()
    for _ in range(20):
        post(client, url, statement(lesson, tiny_package, raw=0))
    assert count() == first


def test_stored_row_reads_back_as_the_orm_wrote_it(course_and_lesson, participant, tiny_package):
    """The statement row is written by one prepared INSERT: every column reads back typed."""
    _course, lesson = course_and_lesson
    data = statement(lesson, tiny_package, raw=1, max_=2)
    response = post(csrf_client(participant), xapi_url(lesson, tiny_package), data)
    assert response.status_code == 201
    stored = H5PStatement.objects.get()
    assert str(stored.uuid) == response.json()["id"]
    assert (stored.user, stored.package, stored.lesson_id) == (participant, tiny_package, lesson.pk)
    assert stored.verb == "http://adlnet.gov/expapi/verbs/answered"
    assert stored.object_id == activities.activity_iri(lesson.pk, tiny_package.pk)
    assert (stored.is_root, stored.success, stored.completion) == (True, False, True)
    assert (stored.score_raw, stored.score_max, stored.score_scaled) == (1, 2, 0.5)
    assert stored.statement == data
    assert stored.stored_at.tzinfo is not None
    assert H5PStatement.objects.filter(stored_at__lte=stored.stored_at, is_root=True).count() == 1
    result = H5PResult.objects.get()
    assert (result.attempts, result.best_score, result.last_score) == (1, 50.0, 50.0)
    assert result.completed and not result.passed and result.first_completed_at is not None


def test_result_keeps_the_best_score_and_counts_attempts(
    course_and_lesson, participant, tiny_package
):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = xapi_url(lesson, tiny_package)
    for raw in (1, 2, 0):
        assert (
            post(client, url, statement(lesson, tiny_package, raw=raw, max_=2)).status_code == 201
        )
    result = H5PResult.objects.get()
    assert (result.attempts, result.best_score, result.last_score, result.passed) == (
        3,
        100.0,
        0.0,
        True,
    )
    # "failed" never passes, whatever the score; progress statements do not touch the result.
    post(client, url, statement(lesson, tiny_package, verb="progressed", raw=None))
    assert H5PResult.objects.get().attempts == 3


def test_a_failed_attempts_score_never_turns_a_later_low_one_into_a_pass(
    course_and_lesson, participant, tiny_package
):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = xapi_url(lesson, tiny_package)
    failed_high = statement(lesson, tiny_package, verb="failed", raw=2, max_=2)
    assert post(client, url, failed_high).status_code == 201
    low = statement(lesson, tiny_package, raw=0, max_=2)
    assert post(client, url, low).status_code == 201
    result = H5PResult.objects.get()
    assert result.best_score == 100.0 and not result.passed
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    # The attempt that itself passes does pass.
    assert post(client, url, statement(lesson, tiny_package, raw=2, max_=2)).status_code == 201
    assert H5PResult.objects.get().passed


def test_a_repeated_statement_id_is_idempotent(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = xapi_url(lesson, tiny_package)
    data = statement(lesson, tiny_package, id="8f3a6a9e-2f4b-4c1e-9d7a-0b1c2d3e4f50")
    first = post(client, url, data)
    assert first.status_code == 201 and first.json()["lesson_completed"] is True
    again = post(client, url, data)
    assert again.status_code == 200
    assert again.json() == {**first.json(), "lesson_completed": False}
    assert again.json()["id"] == "8f3a6a9e-2f4b-4c1e-9d7a-0b1c2d3e4f50"
    assert H5PStatement.objects.count() == 1
    assert H5PResult.objects.get().attempts == 1
    sub = statement(lesson, tiny_package, sub="q1", id="0d7c3b52-61a4-4a53-b2a8-7e7e0f4f9c11")
    assert post(client, url, sub).status_code == 201
    assert post(client, url, sub).status_code == 200
    assert H5PStatement.objects.count() == 2


def test_another_statement_under_a_stored_id_is_a_conflict(
    course_and_lesson, participant, tiny_package
):
    from courses.enrolment import enrol

    course, lesson = course_and_lesson
    url = xapi_url(lesson, tiny_package)
    statement_id = "5b0e1c1e-9c7d-4f0a-a3c5-2d4e6f708192"
    mine = statement(lesson, tiny_package, raw=0, id=statement_id)
    assert post(csrf_client(participant), url, mine).status_code == 201
    # The same participant, other content under that id.
    changed = statement(lesson, tiny_package, raw=1, id=statement_id)
    response = post(csrf_client(participant), url, changed)
    assert response.status_code == 409 and response.json()["error"] == "conflict"
    # Another participant reusing the id, even with identical content.
    other = make_user("druga@example.pl")
    enrol(other, course)
    assert post(csrf_client(other), url, mine).status_code == 409
    assert H5PStatement.objects.count() == 1
    result = H5PResult.objects.get()
    assert (result.user, result.attempts, result.passed) == (participant, 1, False)
    assert not LessonProgress.objects.filter(status="completed").exists()


def test_queries_per_statement(course_and_lesson, participant, tiny_package):
    """The budget of the endpoint (bench/h5p.py): a statement that is only stored costs the
    session, the user, the lesson's stamp and one INSERT (the enrolment is remembered for a few
    seconds); a scored root statement adds the result row (select for update, update) inside
    its transaction."""
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = xapi_url(lesson, tiny_package)

    def count(data):
        with CaptureQueriesContext(connection) as queries:
            assert post(client, url, data).status_code == 201
        # Not counted: the savepoints that stand for transactions inside the test's own.
        return [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]

    count(statement(lesson, tiny_package))  # passes: completes the lesson once
    count(statement(lesson, tiny_package, sub="q1"))  # warm
    stored_only = count(statement(lesson, tiny_package, sub="q1"))
    assert len(stored_only) <= 4, stored_only
    assert sum(sql.startswith("INSERT") for sql in stored_only) == 1
    scored = count(statement(lesson, tiny_package))
    assert len(scored) <= 6, scored
    assert sum(sql.startswith("UPDATE") for sql in scored) == 1


# --- saved state ----------------------------------------------------------------------------------


def test_state_is_saved_restored_and_cleared_on_replacement(
    course_and_lesson, participant, tiny_package
):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    url = state_url(lesson, tiny_package)
    assert client.get(url, headers={"host": SITE_HOST}).json() == {"state": None}
    assert post(client, url, {"state": '{"chosen": 2}'}).status_code == 200
    assert client.get(url, headers={"host": SITE_HOST}).json() == {"state": '{"chosen": 2}'}
    assert post(client, url, {"state": "not json"}).status_code == 400
    assert post(client, url, {"nothing": 1}).status_code == 400

    # The same content uploaded again keeps the state; different content clears it.
    packages.import_package(io.BytesIO(tiny_zip()), package=tiny_package)
    assert H5PUserData.objects.count() == 1
    changed = tiny_zip(
        **{"content/content.json": b'{"question": "?", "answers": ["a"], "correct": 0}'}
    )
    packages.import_package(io.BytesIO(changed), package=tiny_package)
    assert H5PUserData.objects.count() == 0
    assert client.get(url, headers={"host": SITE_HOST}).json() == {"state": None}


def test_state_needs_enrolment_and_csrf(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    url = state_url(lesson, tiny_package)
    stranger = csrf_client(make_user("obca@example.pl"))
    assert post(stranger, url, {"state": "{}"}).status_code == 403
    assert post(csrf_client(participant), url, {"state": "{}"}, token=False).status_code == 403
    assert not H5PUserData.objects.exists()


def test_unpublished_lesson_is_404(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    lesson.unpublish()
    response = post(
        csrf_client(participant), xapi_url(lesson, tiny_package), statement(lesson, tiny_package)
    )
    assert response.status_code == 404
    assert_nothing_stored()


def test_a_rolled_back_statement_leaves_the_lesson_incomplete(
    course_and_lesson, participant, tiny_package
):
    """The lesson is completed inside the statement's transaction (cms.activities): when that
    transaction fails after courses completed the lesson, neither result nor completion stay."""
    from cms.activities import activity_passed

    _course, lesson = course_and_lesson

    def fail(sender, **payload):
        raise RuntimeError("the result could not be stored")

    activity_passed.connect(fail, dispatch_uid="test-fail", weak=False)
    try:
        activity = xapi.activity_for(participant, lesson.pk, tiny_package.pk)
        with pytest.raises(RuntimeError):
            xapi.record_statement(participant, activity, statement(lesson, tiny_package))
    finally:
        activity_passed.disconnect(dispatch_uid="test-fail")
    assert not LessonProgress.objects.filter(user=participant, lesson=lesson).exists()
    assert not H5PResult.objects.filter(user=participant, passed=True).exists()
    assert not H5PStatement.objects.exists()
    # Without the failure the same statement completes the lesson.
    outcome = xapi.record_statement(participant, activity, statement(lesson, tiny_package))
    assert outcome.lesson_completed
    assert LessonProgress.objects.get(user=participant, lesson=lesson).source == "h5p"
