"""Bulk exchange of catalogue entries: import from CSV/XLSX (dry run, then all-or-nothing) and
export of the filtered catalogue to CSV/XLSX. Import and export share one column list, so an
exported file can be edited and imported again."""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms import spreadsheets
from cms.teryt import JstType, validate_teryt
from practices.choices import BenefitArea, PracticeStatus
from practices.models import Instrument, PracticePage, PracticePartner
from practices.models.catalogue import SECTION_FIELDS

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
EXPORT_FORMATS = ("csv", "xlsx")
REQUIRED = (
    "title",
    "lead",
    "jst_name",
    "jst_type",
    "teryt",
    "instruments",
    "benefit_area",
    "start_year",
)
TEXT_COLUMNS = (
    "lead",
    "jst_name",
    "powiat",
    "funding_sources",
    "contact_unit",
    "keywords",
    "editor_note",
    "proposing_organisation",
)
AMOUNT_COLUMNS = ("budget_total", "budget_jst", "budget_partner")
COLUMNS = [
    "title",
    "lead",
    "jst_name",
    "jst_type",
    "teryt",
    "powiat",
    "population",
    "instruments",
    "benefit_area",
    "start_year",
    "end_year",
    "status",
    "budget_total",
    "budget_jst",
    "budget_partner",
    "funding_sources",
    "partners",
    "contact_unit",
    "keywords",
    *[name for name, _label in SECTION_FIELDS],
    "proposing_organisation",
    "editor_note",
    "voivodeship",
    "url",
]
EXPORT_ONLY = ("voivodeship", "url")


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, encoding, size)."""


@dataclass
class ImportReport:
    rows: int = 0
    errors: list = field(default_factory=list)  # (row number, message)
    pages: list = field(default_factory=list)  # unsaved PracticePage with `_partners`

    @property
    def ok(self):
        return self.rows > 0 and not self.errors


# --- reading ------------------------------------------------------------------------------------


def read_rows(upload):
    """[(row number as the editor sees it, {column: text})] from an uploaded CSV or XLSX."""
    name = (upload.name or "").lower()
    if upload.size > MAX_IMPORT_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    data = upload.read()
    if name.endswith(".xlsx"):
        table = _xlsx_table(data)
    elif name.endswith(".csv"):
        table = _csv_table(data)
    else:
        raise ImportFileError(_("Choose a .csv or .xlsx file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [str(h or "").strip().lower() for h in table[0]]
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        raise ImportFileError(
            _("Unknown columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(unknown[:10])}
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = []
    for number, values in enumerate(table[1:], start=2):
        cells = {
            h: ("" if v is None else str(v).strip())
            for h, v in zip(header, values, strict=False)
            if h
        }
        if any(cells.values()):
            rows.append((number, cells))
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportFileError(
            _("At most %(n)s rows can be imported at once.") % {"n": MAX_IMPORT_ROWS}
        )
    return rows


def _csv_table(data):
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1250 decodes almost anything
        raise ImportFileError(_("The file is not UTF-8 or Windows-1250 text."))
    if "\x00" in text:
        raise ImportFileError(_("This is not a CSV text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _xlsx_table(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise ImportFileError(_("This is not a valid XLSX file.")) from exc
    sheet = workbook.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


# --- validating ---------------------------------------------------------------------------------


def _lookup(choices):
    """Accept a choice's value or its label in Polish or English."""
    table = {}
    from django.utils import translation

    for value, label in choices:
        table[value.lower()] = value
        for language in ("pl", "en"):
            with translation.override(language):
                table[str(label).lower()] = value
    return table


def _amount(text):
    cleaned = text.replace(" ", "").replace("\xa0", "").replace("zł", "").replace(",", ".")
    value = Decimal(cleaned)
    if not value.is_finite() or value < 0:
        raise InvalidOperation
    return value


def _paragraphs(text):
    return (
        [
            {
                "type": "paragraph",
                "value": "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip()),
            }
        ]
        if text.strip()
        else []
    )


def _partners(text):
    partners = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        krs = ""
        if "(KRS" in part.upper() and part.endswith(")"):
            part, _sep, krs = part.rpartition("(")
            krs = "".join(c for c in krs if c.isdigit())
        partners.append(PracticePartner(name=part.strip()[:255], krs=krs[:10]))
    return partners


def validate_rows(rows):
    """Check every row and build the unsaved pages; report every bad row with its number."""
    report = ImportReport(rows=len(rows))
    instruments = {}
    for instrument in Instrument.objects.all():
        for key in (instrument.slug, instrument.name, instrument.short_name):
            if key:
                instruments[key.lower()] = instrument
    jst_types = _lookup(JstType.choices)
    areas = _lookup(BenefitArea.choices)
    statuses = _lookup(PracticeStatus.choices)
    for number, cells in rows:
        errors = []

        def error(message, errors=errors):
            errors.append(message)

        page = PracticePage(title=cells.get("title", "")[:255])
        for name in REQUIRED:
            if not cells.get(name):
                error(_("missing %(column)s") % {"column": name})
        for name in TEXT_COLUMNS:
            setattr(page, name, cells.get(name, ""))
        jst_type = jst_types.get(cells.get("jst_type", "").lower())
        if cells.get("jst_type") and not jst_type:
            error(_("unknown JST type “%(value)s”") % {"value": cells["jst_type"]})
        page.jst_type = jst_type or ""
        if cells.get("teryt"):
            try:
                page.teryt = validate_teryt(cells["teryt"], jst_type)
            except ValidationError as exc:
                error(
                    _("invalid TERYT “%(value)s”: %(reason)s")
                    % {"value": cells["teryt"], "reason": " ".join(exc.messages)}
                )
        area = areas.get(cells.get("benefit_area", "").lower())
        if cells.get("benefit_area") and not area:
            error(
                _("unknown area of public benefit “%(value)s”") % {"value": cells["benefit_area"]}
            )
        page.benefit_area = area or ""
        status = statuses.get((cells.get("status") or "ongoing").lower())
        if not status:
            error(_("unknown status “%(value)s”") % {"value": cells["status"]})
        page.status = status or "ongoing"
        chosen = []
        for name in filter(None, (n.strip() for n in cells.get("instruments", "").split(";"))):
            if name.lower() in instruments:
                chosen.append(instruments[name.lower()])
            else:
                error(_("unknown instrument “%(value)s”") % {"value": name})
        for name in ("start_year", "end_year", "population"):
            if cells.get(name):
                try:
                    value = int(cells[name].replace(" ", "").removesuffix(".0"))
                    if value < 0 or (name != "population" and not 1990 <= value <= 2100):
                        raise ValueError
                    setattr(page, name, value)
                except ValueError:
                    error(
                        _("%(column)s is not a valid number: “%(value)s”")
                        % {"column": name, "value": cells[name]}
                    )
        for name in AMOUNT_COLUMNS:
            if cells.get(name):
                try:
                    setattr(page, name, _amount(cells[name]))
                except (InvalidOperation, ValueError):
                    error(
                        _("%(column)s is not a number: “%(value)s”")
                        % {"column": name, "value": cells[name]}
                    )
        if page.start_year and page.end_year and page.end_year < page.start_year:
            error(_("end_year is before start_year"))
        for name, _label in SECTION_FIELDS:
            setattr(page, name, _paragraphs(cells.get(name, "")))
        if errors:
            report.errors += [(number, message) for message in errors]
            continue
        page._import_instruments = chosen
        page._import_partners = _partners(cells.get("partners", ""))
        report.pages.append(page)
    return report


def import_rows(rows, parent, user=None, publish=True):
    """All or nothing: when any row is bad nothing is written and the report lists every
    problem; otherwise every row becomes a practice under `parent`."""
    report = validate_rows(rows)
    if not report.ok:
        return report
    taken = set(parent.get_children().values_list("slug", flat=True))
    with transaction.atomic():
        for page in report.pages:
            base = slugify(page.title)[:70] or "praktyka"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
            page.slug = slug
            page.locale = parent.locale
            page.instruments = page._import_instruments
            page.partners = page._import_partners
            page.live = False
            parent.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
    return report


# --- exporting ----------------------------------------------------------------------------------


def _text(stream):
    return "\n".join(
        strip_tags(str(block.value)).strip() for block in stream if block.block_type == "paragraph"
    )


def export_rows(queryset, instruments, index):
    index_url, index_path = index.full_url, index.url_path
    by_id = {i.pk: i for i in instruments}
    yield COLUMNS
    for page in queryset.prefetch_related("partners").iterator(chunk_size=500):
        keys = [int(k) for k in page.instrument_keys.strip(",").split(",") if k]
        row = {
            **{
                name: getattr(page, name)
                for name in COLUMNS
                if hasattr(page, name) and name not in ("instruments", "partners", "url")
            },
            "instruments": "; ".join(by_id[k].slug for k in keys if k in by_id),
            "partners": "; ".join(
                f"{p.name} (KRS {p.krs})" if p.krs else p.name for p in page.partners.all()
            ),
            "url": index_url + page.url_path[len(index_path) :]
            if page.url_path.startswith(index_path)
            else page.full_url,
        }
        for name, _label in SECTION_FIELDS:
            row[name] = _text(getattr(page, name))
        yield [row.get(name) for name in COLUMNS]


def export_response(queryset, instruments, fmt, index):
    sheets = [(gettext_lazy("Good practices"), export_rows(queryset, instruments, index))]
    return spreadsheets.download(sheets, fmt, "dobre-praktyki")
