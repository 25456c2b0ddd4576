"""Builders for the events tests: an index under the home page, trainings with sessions."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventConsent, EventIndexPage, EventPage, EventQuestion, Session


@pytest.fixture
def event_index(home_page):
    index = EventIndexPage(title="Szkolenia", slug="wydarzenia")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(index, *, title="Regranting w praktyce", slug=None, sessions=None, **fields):
    """A published training with the given sessions (dicts of Session fields)."""
    now = timezone.now()
    sessions = sessions or [{}]
    page = EventPage(title=title, slug=slug or f"e-{EventPage.objects.count() + 1}", **fields)
    for i, spec in enumerate(sessions):
        start = spec.pop("starts_at", now + datetime.timedelta(days=10 + i))
        data = {
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=6),
            "venue_name": "Sala konferencyjna",
            "street": "ul. Rakowicka 27",
            "postal_code": "31-510",
            "city": "Kraków",
            "voivodeship": "12",
            "capacity": 10,
            "sort_order": i,
        }
        data.update(spec)
        page.sessions.add(Session(**data))
    index.add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


@pytest.fixture
def event(event_index):
    page = make_event(event_index)
    return page


@pytest.fixture
def session(event):
    return event.sessions.first()


def add_question(page, label="Potrzeby dietetyczne", required=True, kind="text"):
    q = EventQuestion(page=page, label=label, required=required, kind=kind)
    q.save()
    return q


def add_consent(page, text="Zgadzam się na przetwarzanie danych w celu organizacji szkolenia."):
    c = EventConsent(page=page, text=text)
    c.save()
    return c


def person(n=1, **extra):
    data = {
        "email": f"osoba{n}@example.pl",
        "first_name": "Jan",
        "last_name": f"Kowalski{n}",
        "organisation": "Gmina Wadowice",
        "organisation_type": "jst",
        "voivodeship": "12",
    }
    data.update(extra)
    return data


_capture = None


@pytest.fixture(autouse=True)
def _on_commit_capture(django_capture_on_commit_callbacks):
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield
    _capture = None


def do(func, *args, **kwargs):
    """Call a service and run what it queued for after the commit (mail tasks, domain events),
    as a real commit would."""
    if _capture is None:  # transactional tests: commits are real
        return func(*args, **kwargs)
    with _capture(execute=True):
        return func(*args, **kwargs)
