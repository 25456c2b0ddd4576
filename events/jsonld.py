"""schema.org Event JSON-LD for a training page: one Event per session (for search engines)."""

import json

from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

MODES = {
    "stacjonarne": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrydowe": "https://schema.org/MixedEventAttendanceMode",
}


def _mode(page, session):
    if page.format == "hybrydowe":
        return MODES["hybrydowe"]
    return MODES["online"] if session.online else MODES["stacjonarne"]


def session_jsonld(page, session, page_url, organiser_name, site_url=""):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.lead or page.search_description or page.title,
        "startDate": session.starts_at.isoformat(),
        "endDate": session.ends_at.isoformat(),
        "eventAttendanceMode": _mode(page, session),
        "eventStatus": "https://schema.org/EventCancelled"
        if session.cancelled
        else "https://schema.org/EventScheduled",
        "organizer": {"@type": "Organization", "name": organiser_name, "url": site_url},
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "PLN",
            "availability": "https://schema.org/InStock",
            "url": page_url,
        },
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


def event_jsonld(page, sessions, request):
    from cms.models import SiteSettings

    page_url = page.get_full_url(request) or ""
    site_settings = SiteSettings.for_request(request) if request else None
    organiser_name = (site_settings.organisation if site_settings else "") or "MWF"
    site_url = request.build_absolute_uri("/") if request else ""
    items = [session_jsonld(page, s, page_url, organiser_name, site_url) for s in sessions]
    text = json.dumps(items, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(text)  # noqa: S308 - escaped for a script element above
