"""The path page (for a participant with progress) and the dashboard's people-per-step figures
run a constant number of queries, whatever the number of people on the path."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms import roles
from paths import selectors
from tests.courses import factories
from tests.query_budget import BUDGET, warm_query_count

from .conftest import attend, complete_course, take_pre_test

pytestmark = pytest.mark.django_db


def _people(n, course, pre_test, workshop, start=0):
    for i in range(start, start + n):
        person = factories.user(f"osoba{i}@example.pl")
        take_pre_test(person, pre_test, course)
        if i % 2 == 0:
            complete_course(person, course)
        if i % 4 == 0:
            attend(person, workshop)


def test_path_page_budget_does_not_grow(client, path, participant, course, pre_test, trainings):
    workshop, _ = trainings
    complete_course(participant, course)
    client.force_login(participant)
    _people(2, course, pre_test, workshop)
    small, response = warm_query_count(client, path.url)
    assert "Wymagane kroki: 1 z 2" in response.content.decode()
    _people(12, course, pre_test, workshop, start=2)
    large, _ = warm_query_count(client, path.url)
    assert small == large <= BUDGET


def test_anonymous_path_page_within_budget(client, path):
    queries, _ = warm_query_count(client, path.url)
    assert queries <= BUDGET


def _count(func):
    with CaptureQueriesContext(connection) as ctx:
        result = func()
    return len(ctx.captured_queries), result


def test_people_per_step_counts_and_cost(path, course, pre_test, trainings):
    workshop, _ = trainings
    _people(4, course, pre_test, workshop)
    small, rows = _count(selectors.people_per_step)
    [row] = rows
    # 4 people took the pre-test; 0 and 2 completed the course; 0 attended the workshop.
    assert row["started"] == 4 and row["finished"] == 1
    assert [s["done"] for s in row["steps"]] == [4, 2, 1, 0]
    assert [s["here"] for s in row["steps"]] == [0, 2, 1, 0]
    _people(8, course, pre_test, workshop, start=4)
    large, rows = _count(selectors.people_per_step)
    assert rows[0]["started"] == 12 and rows[0]["finished"] == 3
    assert small == large


def test_dashboard_shows_people_per_step_at_a_constant_cost(
    client, path, course, pre_test, trainings
):
    workshop, _ = trainings
    staff = factories.user("kadra@example.pl")
    roles.sync_groups()
    roles.add_to_role(staff, roles.PROGRAMME_STAFF)
    client.force_login(staff)
    url = reverse("dashboard_admin:index")
    _people(2, course, pre_test, workshop)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        html = client.get(url).content.decode()
    assert "Ścieżki edukacyjne: liczba osób na krokach" in html and path.title in html
    _people(10, course, pre_test, workshop, start=2)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)
