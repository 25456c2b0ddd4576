"""Staff reports on course participants: rows for the admin table and the CSV/XLSX export."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.teryt import VOIVODESHIPS


def _profile(enrolment):
    try:
        return enrolment.user.profile
    except Exception:  # noqa: BLE001 - no profile yet (RelatedObjectDoesNotExist)
        return None


def row_values(enrolment, total):
    profile = _profile(enrolment)
    user = enrolment.user
    percent = round(100 * enrolment.done / total) if total else 0
    return {
        "name": user.get_full_name(),
        "email": user.email,
        "organisation_type": profile.get_organisation_type_display() if profile else "",
        "organisation_name": profile.organisation_name if profile else "",
        "voivodeship": VOIVODESHIPS.get(profile.voivodeship, "") if profile else "",
        "status": enrolment.get_status_display(),
        "enrolled_at": timezone.localtime(enrolment.enrolled_at).strftime("%Y-%m-%d"),
        "done": enrolment.done,
        "total": total,
        "percent": percent,
        "completed_at": timezone.localtime(enrolment.completed_at).strftime("%Y-%m-%d")
        if enrolment.completed_at
        else "",
    }


COLUMNS = [
    ("name", _("Full name")),
    ("email", _("E-mail")),
    ("organisation_type", _("Organisation type")),
    ("organisation_name", _("Organisation")),
    ("voivodeship", _("Województwo")),
    ("status", _("Status")),
    ("enrolled_at", _("Enrolled")),
    ("done", _("Lessons completed")),
    ("total", _("Lessons to complete")),
    ("percent", _("Progress (%)")),
    ("completed_at", _("Course completed")),
]


def table(rows, total):
    """The header row, then one row per enrolment (streamed: a course may have thousands)."""
    yield [label for _key, label in COLUMNS]
    for enrolment in rows.iterator(chunk_size=2000):
        values = row_values(enrolment, total)
        yield [values[key] for key, _label in COLUMNS]
