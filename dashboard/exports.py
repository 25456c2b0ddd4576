"""CSV and XLSX files of the dashboard's lists; every export is recorded in Wagtail's log."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from wagtail.log_actions import log

from cms.spreadsheets import defuse_formula

from .models import DataExport

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(v) for v in value)
    if isinstance(value, str):
        return defuse_formula(value)
    if hasattr(value, "__html__") or not isinstance(value, int | float | str):
        return str(value)
    return value


def render(columns, rows, file_format):
    """Bytes of the file: `columns` a list of (key, header), `rows` an iterable of dicts."""
    if file_format == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        sheet.append([str(header) for _key, header in columns])
        for row in rows:
            sheet.append([_cell(row.get(key)) for key, _header in columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(header) for _key, header in columns])
    for row in rows:
        writer.writerow([_cell(row.get(key)) for key, _header in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def response(*, kind, columns, rows, file_format, user, params=None):
    rows = list(rows)
    content = render(columns, rows, file_format)
    export = DataExport.objects.create(
        kind=kind, params=params or {}, file_format=file_format, rows=len(rows)
    )
    log(
        export,
        "dashboard.export",
        user=user,
        data={"kind": kind, "format": file_format, "rows": len(rows), "params": params or {}},
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    result = HttpResponse(content, content_type=FORMATS[file_format])
    result["Content-Disposition"] = f'attachment; filename="{kind}-{stamp}.{file_format}"'
    return result
