import io

import pytest

from demo.content import events as demo
from events.models import EventPage, Registration

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates(home_page, event_index):
    sections = {"wydarzenia": event_index}
    demo.load(home_page, sections, io.StringIO())
    pages = EventPage.objects.count()
    registrations = Registration.objects.count()
    demo.load(home_page, sections, io.StringIO())
    assert pages == EventPage.objects.count() >= 6
    assert registrations == Registration.objects.count()
    formats = set(EventPage.objects.values_list("format", flat=True))
    assert {"stacjonarne", "online"} <= formats
