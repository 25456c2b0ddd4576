"""CSV and XLSX files of the dashboard's lists; every export is recorded in Wagtail's log."""

from django.utils import timezone
from wagtail.log_actions import log

from cms import spreadsheets

from .models import DataExport

FORMATS = spreadsheets.CONTENT_TYPES


def response(*, kind, columns, rows, file_format, user, params=None):
    """The file of `rows` (dicts) with `columns` (key, header), recorded as a DataExport."""
    table = [[header for _key, header in columns]]
    table += [[row.get(key) for key, _header in columns] for row in rows]
    export = DataExport.objects.create(
        kind=kind, params=params or {}, file_format=file_format, rows=len(table) - 1
    )
    log(
        export,
        "dashboard.export",
        user=user,
        data={"kind": kind, "format": file_format, "rows": len(table) - 1, "params": params or {}},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return spreadsheets.download([("Dane", table)], file_format, f"{kind}-{stamp}")
