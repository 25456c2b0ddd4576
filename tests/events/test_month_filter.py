"""The month filter of the event index names each month once, in calendar order, even when
several sessions (of one training or of several) fall in the same month."""

import datetime
import re
import zoneinfo

import pytest

from events.forms import EventFilterForm
from events.selectors import month_choices

from .conftest import make_event

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=WARSAW)


def test_each_month_once_in_order(client, event_index):
    make_event(
        event_index,
        title="Cykl warsztatów",
        sessions=[
            {"starts_at": at(2031, 3, 3)},
            {"starts_at": at(2031, 3, 17)},
            {"starts_at": at(2031, 5, 5)},
        ],
    )
    make_event(event_index, title="Drugie szkolenie", sessions=[{"starts_at": at(2031, 3, 24)}])
    # Late evening of the last day in local time is still that month, not the next one in UTC.
    make_event(event_index, title="Wieczorne", sessions=[{"starts_at": at(2031, 1, 31, 23)}])

    assert month_choices(event_index) == ["2031-01", "2031-03", "2031-05"]

    values = [v for v, _label in EventFilterForm(index=event_index).fields["month"].choices]
    assert values == ["", "2031-01", "2031-03", "2031-05"]
    html = client.get(event_index.url).content.decode()
    select = re.search(r'<select name="month"[^>]*>(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'value="([^"]*)"', select) == ["", "2031-01", "2031-03", "2031-05"]
