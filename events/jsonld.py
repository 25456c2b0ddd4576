"""schema.org Event JSON-LD for a training page: one Event per session (for search engines)."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from cms.chrome import site_chrome

MODES = {
    "stacjonarne": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrydowe": "https://schema.org/MixedEventAttendanceMode",
}


def _mode(page, session):
    if page.format == "hybrydowe":
        return MODES["hybrydowe"]
    return MODES["online"] if session.online else MODES["stacjonarne"]


SCHEMA = "https://schema.org/"
# "Few seats left" (LimitedAvailability): at most this share of the capacity is still free.
LIMITED_SHARE = 0.2


def availability(session, now=None):
    """schema.org ItemAvailability of a session's (free) offer, from its registration state and
    its kept seat count: InStock while seats are free, LimitedAvailability when few are left,
    SoldOut when every seat is taken (joining the waiting list is not a seat), PreOrder before
    registration opens, Discontinued once it is closed, the session past or cancelled."""
    state = session.registration_state(now)
    if state == "not_yet":
        return SCHEMA + "PreOrder"
    if state != "open":
        return SCHEMA + "Discontinued"
    free = session.capacity - session.seats_taken
    if free <= 0 or session.waitlisted_count:
        # Full, or people are waiting (a freed seat goes to them, not to newcomers).
        return SCHEMA + "SoldOut"
    if free <= max(1, int(session.capacity * LIMITED_SHARE)):
        return SCHEMA + "LimitedAvailability"
    return SCHEMA + "InStock"


def _offer(session, page_url, now):
    offer = {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "PLN",
        "availability": availability(session, now),
        "url": page_url,
    }
    if session.registration_opens_at:
        offer["validFrom"] = session.registration_opens_at.isoformat()
    offer["validThrough"] = (session.registration_closes_at or session.starts_at).isoformat()
    return offer


def session_jsonld(page, session, page_url, organiser_name, site_url="", now=None):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.lead or page.search_description or page.title,
        "startDate": session.starts_at.isoformat(),
        "endDate": session.ends_at.isoformat(),
        "eventAttendanceMode": _mode(page, session),
        "eventStatus": SCHEMA + ("EventCancelled" if session.cancelled else "EventScheduled"),
        "organizer": {"@type": "Organization", "name": organiser_name, "url": site_url},
        "maximumAttendeeCapacity": session.capacity,
        "remainingAttendeeCapacity": max(0, session.capacity - session.seats_taken),
        "offers": _offer(session, page_url, now),
    }
    if session.online:
        # The page, never the join link: that one is for confirmed participants only.
        data["location"] = {"@type": "VirtualLocation", "url": page_url}
    else:
        data["location"] = {
            "@type": "Place",
            "name": session.venue_name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": session.street,
                "postalCode": session.postal_code,
                "addressLocality": session.city,
                "addressRegion": session.voivodeship_name,
                "addressCountry": "PL",
            },
        }
    return data


def event_jsonld(page, sessions, request, now=None):
    page_url = page.get_full_url(request) or ""
    # The organisation's name from the cached site chrome (no query).
    chrome = (site_chrome(request) if request else None) or {}
    organiser_name = chrome.get("organisation") or "MWF"
    site_url = request.build_absolute_uri("/") if request else ""
    items = [session_jsonld(page, s, page_url, organiser_name, site_url, now) for s in sessions]
    text = json.dumps(items, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(text)  # noqa: S308 - escaped for a script element above
