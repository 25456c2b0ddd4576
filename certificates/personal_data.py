"""Personal data held by certificates (the export_for / erase_for interface described in dashboard/data_rights.py).

Erasure removes the name and e-mail but keeps the row: its code still verifies ("a genuine
certificate; the holder's data was removed at their request")."""

from django.utils import timezone

from certificates import files
from certificates.models import Certificate


def export_for(user):
    return {
        "certificates": [
            {
                "register_number": c.register_number,
                "code": c.code,
                "full_name": c.full_name,
                "email": c.email,
                "title": c.title,
                "hours": str(c.hours) if c.hours is not None else None,
                "issued_at": c.issued_at.isoformat(),
            }
            for c in Certificate.objects.filter(user=user)
        ]
    }


def erase_for(user):
    certificates = Certificate.objects.filter(user=user)
    codes = list(certificates.values_list("code", flat=True))
    certificates.update(full_name="—", email="", user=None, anonymised_at=timezone.now())
    # The stored PDFs still show the name: they go too (made again, anonymised, on request).
    files.delete_stored(codes)
