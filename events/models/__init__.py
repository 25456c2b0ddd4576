"""Trainings: the event index, event pages with their sessions, and the registrations.

An `EventPage` is one training; it has one or more `Session`s (inline, orderable): the dated
occurrences people register for, each with its own capacity and registration window. A
`Registration` is a person's place in one session; its status moves only through the services,
and the capacity rule (no overbooking) lives in one function (events.seats).

Modules: `pages` (the page types, the extra questions and consents), `sessions`, `registrations`.
"""

from events.models.pages import (
    Audience,
    EventConsent,
    EventFormat,
    EventIndexPage,
    EventPage,
    EventQuestion,
)
from events.models.registrations import ACTIVE_STATUSES, SEAT_STATUSES, Registration, Status
from events.models.sessions import Session

__all__ = [
    "ACTIVE_STATUSES",
    "SEAT_STATUSES",
    "Audience",
    "EventConsent",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "EventQuestion",
    "Registration",
    "Session",
    "Status",
]
