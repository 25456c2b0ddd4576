"""Staff bulk enrolment from a CSV of e-mail addresses: known accounts are enrolled, unknown
addresses invited (the invitation is accepted once the address is confirmed)."""

import csv
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.tasks import enqueue
from courses.access import is_enrolled
from courses.enrolment import enrol
from courses.models import CourseInvitation, Enrolment

BULK_STATUS_LABELS = {
    "matched": gettext_lazy("enrolled"),
    "already": gettext_lazy("already enrolled"),
    "invited": gettext_lazy("invited"),
    "invalid": gettext_lazy("invalid"),
    "duplicate": gettext_lazy("repeated"),
}


@dataclass
class BulkRow:
    line: int
    email: str
    status: str  # "matched", "already", "invited", "invalid", "duplicate"
    message: str

    @property
    def label(self):
        return BULK_STATUS_LABELS[self.status]


def bulk_enrol(course, csv_text, *, by=None):
    """Staff bulk enrolment from a CSV whose first column is an e-mail (a header row is
    allowed). Each row is reported; good rows are applied even when others are bad."""
    user_model = get_user_model()
    report = []
    seen = set()
    reader = csv.reader(io.StringIO(csv_text))
    for line, row in enumerate(reader, start=1):
        raw = (row[0] if row else "").strip()
        if not raw:
            continue
        if line == 1 and "@" not in raw:
            continue  # a header row
        email = raw.lower()
        try:
            validate_email(email)
        except ValidationError:
            report.append(BulkRow(line, raw, "invalid", _("This is not an e-mail address.")))
            continue
        if email in seen:
            report.append(BulkRow(line, raw, "duplicate", _("Repeated in this file; skipped.")))
            continue
        seen.add(email)
        user = user_model.objects.filter(email__iexact=email, is_active=True).first()
        if user is not None:
            already = is_enrolled(user, course)
            enrol(user, course, source=Enrolment.Source.STAFF)
            report.append(
                BulkRow(
                    line,
                    raw,
                    "already" if already else "matched",
                    _("Already enrolled.") if already else _("Account found and enrolled."),
                )
            )
            continue
        invitation, created = CourseInvitation.objects.get_or_create(
            email=email, course=course, defaults={"invited_by": by}
        )
        if created:
            enqueue("courses.tasks.send_invitation", invitation.pk)
        report.append(
            BulkRow(
                line,
                raw,
                "invited",
                _("No account yet: invited; enrolled after sign-up.")
                if created
                else _("Invited earlier; waiting for sign-up."),
            )
        )
    return report
