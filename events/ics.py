"""iCalendar files (RFC 5545, `icalendar` package).

- A personal invite (`METHOD:REQUEST`) per registration: the UID is stable per registration
  and session, SEQUENCE grows with every change (the registration's own revision plus the
  session's), so calendar programs update the entry instead of adding a second one. A
  cancellation is the same UID with `METHOD:CANCEL` and a higher SEQUENCE.
- The public feed and the per-session download (`METHOD:PUBLISH`) carry no personal data and
  no join links.
Times are written in Europe/Warsaw with a VTIMEZONE, so they stay right across DST changes.
"""

import zoneinfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
PRODID = "-//MWF//Szkolenia//PL"


def _domain():
    return settings.BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0] or "mwf"


def registration_uid(registration, session=None):
    session = session or registration.session
    return f"registration-{registration.public_id}-session-{session.pk}@{_domain()}"


def session_uid(session):
    return f"session-{session.pk}@{_domain()}"


def _calendar(method):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    return cal


def _location(session):
    if session.online:
        return "Online"
    return session.address


def _event(session, uid, sequence, *, page_url="", description="", summary=""):
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(WARSAW))
    event.add("dtend", session.ends_at.astimezone(WARSAW))
    event.add("summary", summary or session.page.title)
    event.add("location", _location(session))
    if page_url:
        event.add("url", page_url)
    if description:
        event.add("description", description)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    return event


def _finish(cal):
    cal.add_missing_timezones()
    return cal.to_ical()


def organiser():
    address = vCalAddress("mailto:" + settings.DEFAULT_FROM_EMAIL.split("<")[-1].strip(">"))
    address.params["cn"] = vText("MWF")
    return address


def invite(registration, *, cancel=False, session=None, page_url="", description="", summary=""):
    """The personal invite (REQUEST) or its cancellation (CANCEL) as bytes; `summary` names
    the training in the registrant's language (the session's own page by default)."""
    session = session or registration.session
    cal = _calendar("CANCEL" if cancel else "REQUEST")
    event = _event(
        session,
        registration_uid(registration, session),
        registration.sequence + session.sequence,
        page_url=page_url,
        description=description,
        summary=summary,
    )
    event.add("organizer", organiser())
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.full_name)
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    if cancel:
        event["status"] = "CANCELLED"
    cal.add_component(event)
    return _finish(cal)


def public_calendar(sessions, url_for_page=None):
    """The subscribable feed / per-session file: no attendees, no join links."""
    cal = _calendar("PUBLISH")
    cal.add("x-wr-calname", "MWF – szkolenia")
    cal.add("x-wr-timezone", "Europe/Warsaw")
    for session in sessions:
        url = url_for_page(session.page) if url_for_page else ""
        cal.add_component(_event(session, session_uid(session), session.sequence, page_url=url))
    return _finish(cal)
