"""Property test of the two JSON endpoints (xAPI statements, saved state): any body, any JSON
document built from hostile values, is answered below 500 and nothing invalid is stored."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from h5p.models import H5PStatement, H5PUserData
from tests.h5p.conftest import SITE_HOST, statement
from tests.h5p.test_xapi import csrf_client, state_url, xapi_url
from tests.input_strategies import INPUT, is_clean, json_bytes, json_documents, raw_bodies

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(
        url,
        body,
        content_type="application/json",
        headers={"host": SITE_HOST, "X-CSRFToken": client.token},
    )


def assert_nothing_invalid_stored():
    for data in H5PStatement.objects.values_list("statement", flat=True):
        assert is_clean(data)
    for state in H5PUserData.objects.values_list("state", flat=True):
        assert is_clean(json.loads(state))


@INPUT
@given(data=st.data())
def test_xapi_statements(course_and_lesson, participant, tiny_package, data):
    _course, lesson = course_and_lesson
    # Hostile values inside an otherwise valid statement reach the deeper checks too.
    base = statement(lesson, tiny_package)
    body = data.draw(
        st.one_of(
            raw_bodies,
            json_documents.map(lambda extra: json_bytes({**base, "result": extra})),
            json_documents.map(
                lambda extra: json_bytes({**base, "context": {"extensions": extra}})
            ),
        )
    )
    client = csrf_client(participant)
    response = post(client, xapi_url(lesson, tiny_package), body)
    assert response.status_code < 500, response.content[:300]
    assert_nothing_invalid_stored()


@INPUT
@given(
    body=st.one_of(
        raw_bodies,
        json_documents.map(lambda state: json_bytes({"state": state})),
        json_documents.map(lambda state: json_bytes({"state": json.dumps(state)})),
    )
)
def test_saved_state(course_and_lesson, participant, tiny_package, body):
    _course, lesson = course_and_lesson
    client = csrf_client(participant)
    response = post(client, state_url(lesson, tiny_package), body)
    assert response.status_code < 500, response.content[:300]
    assert_nothing_invalid_stored()
    assert (
        client.get(state_url(lesson, tiny_package), headers={"host": SITE_HOST}).status_code == 200
    )
