"""Polish writes day names in lower case mid-sentence ("Data: wtorek, 10 marca 2026"); a date
that starts a line or a heading begins with a capital."""

import datetime
import zoneinfo

import pytest
from django.core import mail

from events.registration import register

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db

TUESDAY = datetime.datetime(2030, 3, 12, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Warsaw"))


def test_day_names_in_polish_dates(client, event_index):
    titled = make_event(
        event_index, sessions=[{"starts_at": TUESDAY, "title": "Dzień pierwszy"}], slug="a"
    )
    untitled = make_event(event_index, sessions=[{"starts_at": TUESDAY}], slug="b")
    html = client.get(titled.url).content.decode()
    assert "Dzień pierwszy: <time" in html and ">wtorek, 12 marca 2030, 10:00<" in html
    assert ">Wtorek, 12 marca 2030, 10:00<" in client.get(untitled.url).content.decode()
    session = untitled.sessions.get()
    form = client.get(f"{untitled.url}zapisy/{session.pk}/").content.decode()
    assert ">Wtorek, 12 marca 2030, 10:00<" in form

    do(register, session.pk, email_verified=True, **person(1))
    body = mail.outbox[-1].body
    assert ": wtorek, 12 marca 2030, 10:00" in body and "Wtorek" not in body
