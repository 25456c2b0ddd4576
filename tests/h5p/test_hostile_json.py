"""JSON that Python parses but nothing behind it can keep: refused at the door with a message
(xAPI statements, saved state, package files), and rows stored before the check existed no
longer break "Moje dane", its download or the staff export."""

import io
import json
import tempfile

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse

from h5p.models import H5PStatement, H5PUserData
from h5p.validator import InvalidPackage, validate_package
from tests.h5p.conftest import SITE_HOST, make_user, statement, tiny_zip
from tests.h5p.test_xapi import assert_nothing_stored, csrf_client, state_url, xapi_url

pytestmark = pytest.mark.django_db

DEEP = "[" * 5000 + "]" * 5000


def hostile_statements(lesson, package):
    good = json.dumps(statement(lesson, package))
    return {
        "lone surrogate": good.replace('"answered"}', '"\\ud800"}', 1),
        "NUL in a string": good.replace('"answered"}', '"a\\u0000b"}', 1),
        "NUL in a key": good.replace('"en-US"', '"en\\u0000US"', 1),
        "deep nesting": good[:-1] + ', "extra": ' + DEEP + "}",
        "infinite number": good.replace('"raw": 1', '"raw": 1e400', 1),
        "NaN": good.replace('"raw": 1', '"raw": NaN', 1),
        "huge integer": good.replace('"raw": 1', '"raw": ' + "9" * 30, 1),
    }


def raw_post(client, url, body):
    return client.post(
        url,
        body,
        content_type="application/json",
        headers={"host": SITE_HOST, "X-CSRFToken": client.token},
    )


@pytest.mark.parametrize(
    "case",
    [
        "lone surrogate",
        "NUL in a string",
        "NUL in a key",
        "deep nesting",
        "infinite number",
        "NaN",
        "huge integer",
    ],
)
def test_hostile_statements_are_refused(course_and_lesson, participant, tiny_package, case):
    _course, lesson = course_and_lesson
    body = hostile_statements(lesson, tiny_package)[case]
    response = raw_post(csrf_client(participant), xapi_url(lesson, tiny_package), body)
    assert response.status_code == 400, response.content
    assert response.json()["message"]
    assert_nothing_stored()


def test_invalid_utf8_is_refused(course_and_lesson, participant, tiny_package):
    _course, lesson = course_and_lesson
    body = (
        json.dumps(statement(lesson, tiny_package)).encode().replace(b"answered", b"\xed\xa0\x80")
    )
    response = raw_post(csrf_client(participant), xapi_url(lesson, tiny_package), body)
    assert response.status_code == 400
    assert_nothing_stored()


@pytest.mark.parametrize(
    "body",
    [
        '{"state": "\\ud800"}',
        '{"state": "{\\"a\\": \\"\\\\ud800\\"}"}',
        '{"state": "{\\"a\\": \\"\\\\u0000\\"}"}',
        json.dumps({"state": DEEP}),
        json.dumps({"state": "[1e400]"}),
        '{"state": ' + DEEP + "}",
    ],
)
def test_hostile_states_are_refused(course_and_lesson, participant, tiny_package, body):
    _course, lesson = course_and_lesson
    response = raw_post(csrf_client(participant), state_url(lesson, tiny_package), body)
    assert response.status_code == 400, response.content
    assert response.json()["message"]
    assert not H5PUserData.objects.exists()


def test_a_stored_lone_surrogate_breaks_no_page(course_and_lesson, participant, tiny_package):
    """Rows written before the strict parser: the JSON field stores the escape, which reads
    back as a lone surrogate that no UTF-8 page or file can carry."""
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    response = raw_post(
        client, xapi_url(lesson, tiny_package), json.dumps(statement(lesson, tiny_package))
    )
    assert response.status_code == 201
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's jsonb refuses lone surrogates and NUL: none can be stored")
    # Past the append-only guard of the statements' queryset, as an old row would be.
    QuerySet.update(
        H5PStatement.objects.all(), statement={"verb": {"display": {"pl": "zły\ud800znak\x00"}}}
    )
    H5PUserData.objects.create(
        user=participant, package=tiny_package, state='{"a": "\\ud800"}', content_hash="x"
    )
    assert "\ud800" in json.dumps(H5PStatement.objects.get().statement, ensure_ascii=False)

    page = client.get(reverse("dashboard:my_data"))
    assert page.status_code == 200
    assert "złyznak" in page.content.decode()

    download = client.get(reverse("dashboard:my_data_download"))
    assert download.status_code == 200
    exported = json.loads(download.content.decode("utf-8"))
    assert "złyznak" in json.dumps(exported, ensure_ascii=False)

    staff = Client()
    staff.force_login(make_user("admin@example.pl", is_staff=True, is_superuser=True))
    export = staff.get(reverse("h5p_export", args=[tiny_package.pk]))
    lines = b"".join(export.streaming_content).decode("utf-8").splitlines()
    assert json.loads(lines[0])["verb"]["display"]["pl"] == "złyznak"


def test_package_json_nested_too_deep_is_refused_and_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    upload = io.BytesIO(tiny_zip(**{"content/content.json": DEEP.encode()}))
    with pytest.raises(InvalidPackage) as caught:
        validate_package(upload)
    assert caught.value.codes == ["invalid-json"]
    assert "content/content.json" in caught.value.messages[0]
    assert not list(tmp_path.glob("h5p-upload-*"))
