"""The person's data held by training events (the "Moje dane" interface described in dashboard/data_rights.py).

Rows are matched by the account and by the account's verified e-mail (guests' registrations
made before the account existed)."""

from cms.teryt import VOIVODESHIPS
from events.models import Status
from events.retention import anonymise_registration
from events.selectors import registrations_of


def export_for(user):
    return {
        "registrations": [
            {
                "training": r.session.page.title,
                "session_starts_at": r.session.starts_at.isoformat(),
                "session_ends_at": r.session.ends_at.isoformat(),
                "status": r.status,
                "email": r.email,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "organisation": r.organisation,
                "organisation_type": r.organisation_type,
                "voivodeship": r.voivodeship,
                "language": r.language,
                "answers": r.answers,
                "consents": r.consents,
                "registered_at": r.created_at.isoformat(),
                "cancelled_at": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "attendance_marked_at": r.attendance_marked_at.isoformat()
                if r.attendance_marked_at
                else None,
                "certificate_code": r.certificate_code,
            }
            for r in registrations_of(user)
        ]
    }


def erase_for(user):
    """Anonymise the person's registrations; the rows (status, organisation type) stay for
    the counts toward the programme's targets."""
    for registration in registrations_of(user):
        anonymise_registration(registration)


# How "Moje dane" shows the stored codes (dashboard/presenting.py reads VALUES of every app).
VALUES = {"status": dict(Status.choices), "voivodeship": VOIVODESHIPS}
