"""What every CSV/XLSX export of the platform shares: one place that turns tables into a file.

A cell a person typed (a name, an organisation, an answer) must never reach a spreadsheet as a
formula ("CSV injection"): text that starts with = + - @, a tab or a carriage return is prefixed
with an apostrophe, which spreadsheets show as plain text. Every cell passes through `cell()`.

A file is a list of sheets, each `(title, rows)` where the first row is the header. XLSX gets
one worksheet per sheet; CSV (one table per file by nature) gets the sheets one after another,
separated by an empty row, with a byte-order mark so that Excel reads the UTF-8 correctly, and
semicolons between cells: Excel in Polish uses the comma as its decimal mark and opens only
semicolon-separated files as columns (the practices import reads either).
"""

import csv
import datetime
import decimal
import io
import re

from django.http import HttpResponse

from cms.safe_text import clean_text

# The control characters XML 1.0 (and so XLSX) cannot hold: all but tab and line breaks.
XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def defuse_formula(value):
    """`value` as a spreadsheet will show it as text; non-text values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell(value):
    """A value as a spreadsheet cell: numbers and dates stay typed (sortable in Excel), lists
    are joined, everything else becomes defused text."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    # A NUL or a lone surrogate (typed before input was checked) would stop the whole file.
    return defuse_formula(clean_text(str(value)))


def _xlsx_cell(value):
    """XLSX (XML 1.0) cannot hold control characters other than tab and line breaks."""
    return XLSX_ILLEGAL.sub("", value) if isinstance(value, str) else value


def sheet_title(title):
    """Excel refuses titles over 31 characters or with any of []:*?/\\ (a course may be named
    "Regranting: krok po kroku")."""
    cleaned = "".join(
        " " if char in "[]:*?/\\" else char for char in _xlsx_cell(clean_text(str(title)))
    ).strip()
    return cleaned[:31].strip() or "Dane"


def file_bytes(sheets, file_format):
    """The file's bytes; `file_format` is "csv" or "xlsx"."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(f"unknown spreadsheet format: {file_format!r}")
    if file_format == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = workbook.create_sheet(title=sheet_title(title))
            for row in rows:
                sheet.append([_xlsx_cell(cell(value)) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for number, (_title, rows) in enumerate(sheets):
        if number:
            writer.writerow([])
        writer.writerows([cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def download(sheets, file_format, filename):
    """An attachment response; `filename` without the extension."""
    response = HttpResponse(
        file_bytes(sheets, file_format), content_type=CONTENT_TYPES[file_format]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response
