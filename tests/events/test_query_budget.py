"""Query budgets of the public pages: at most 15 queries, the same whatever the number of
trainings, sessions and registrations. Each page is visited twice before counting: the site
chrome's caches settle on the second visit."""

import datetime

import pytest
from django.utils import timezone

from events.registration import register
from practices.models import Instrument
from tests.query_budget import BUDGET, warm_query_count

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db


def _count(client, url):
    return warm_query_count(client, url)[0]


def _instruments(n):
    return [
        Instrument.objects.get_or_create(slug=f"instr-{i}", defaults={"name": f"Instrument {i}"})[0]
        for i in range(n)
    ]


def _training(index, title, n_sessions, days, instruments=()):
    now = timezone.now()
    page = make_event(
        index,
        title=title,
        sessions=[
            {"starts_at": now + datetime.timedelta(days=days + i), "capacity": 30}
            for i in range(n_sessions)
        ],
    )
    page.instruments.set(instruments)
    page.save_revision().publish()
    return page


def _fill(session, count, start=1):
    for n in range(start, start + count):
        do(register, session.pk, email_verified=True, **person(n))


@pytest.mark.parametrize("query", ["", "?format=stacjonarne", "?voivodeship=12&audience=jst"])
def test_event_index_budget_does_not_grow(client, event_index, query):
    _training(event_index, "Jedno szkolenie", 1, 5)
    _training(event_index, "Jedno dawne", 1, -40)
    small = _count(client, event_index.url + query)

    instruments = _instruments(3)
    for i in range(5):
        page = _training(event_index, f"Szkolenie {i}", 3, 7 + i, instruments)
        _fill(page.sessions.first(), 3)
        _training(event_index, f"Dawne {i}", 2, -60 - i, instruments[:2])
    large = _count(client, event_index.url + query)
    assert large == small
    assert large <= BUDGET


def test_event_page_budget_does_not_grow(client, event_index):
    small_page = _training(event_index, "Mało", 1, 5)
    small = _count(client, small_page.url)

    big_page = _training(event_index, "Dużo", 6, 5, _instruments(4))
    for i, session in enumerate(big_page.sessions.all()):
        _fill(session, 5, start=10 * i + 1)
    large = _count(client, big_page.url)
    assert large == small
    assert large <= BUDGET
