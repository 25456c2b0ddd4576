"""Paperwork of a session: the attendance list per day (PDF with a signature column, for the
programme's records) and the registrations as CSV or XLSX."""

import datetime

from django.template.loader import render_to_string
from django.utils import timezone, translation

from events.models import SEAT_STATUSES

EXPORT_COLUMNS = [
    ("last_name", "Nazwisko"),
    ("first_name", "Imię"),
    ("email", "E-mail"),
    ("organisation", "Organizacja"),
    ("organisation_type", "Typ organizacji"),
    ("voivodeship", "Województwo"),
    ("status", "Status"),
    ("created_at", "Data zgłoszenia"),
]


def session_days(session):
    """Every calendar day (Europe/Warsaw) the session covers."""
    first = timezone.localdate(session.starts_at)
    last = timezone.localdate(session.ends_at)
    return [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]


def attendance_rows(session):
    return list(
        session.registrations.filter(status__in=SEAT_STATUSES).order_by("last_name", "first_name")
    )


def attendance_pdf(session, day):
    from weasyprint import HTML  # heavy (Pango, fonts): loaded only when a PDF is asked for

    with translation.override("pl"):
        html = render_to_string(
            "events/admin/attendance_pdf.html",
            {
                "session": session,
                "day": day,
                "rows": attendance_rows(session),
                "days": session_days(session),
                "day_number": session_days(session).index(day) + 1,
            },
        )
    return HTML(string=html).write_pdf()


def _rows(session):
    for r in session.registrations.order_by("last_name", "first_name", "id"):
        values = []
        for name, _label in EXPORT_COLUMNS:
            value = getattr(r, name)
            if name == "status":
                value = r.get_status_display()
            elif name == "created_at":
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
            values.append(value)
        answers = [f"{a.get('label')}: {a.get('value')}" for a in (r.answers or {}).values()]
        values.append("; ".join(answers))
        yield values


def registrations_table(session):
    """The export's header row, then one row per registration."""
    yield [label for _name, label in EXPORT_COLUMNS] + ["Odpowiedzi"]
    yield from _rows(session)
