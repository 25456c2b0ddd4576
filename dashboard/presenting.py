"""How the data held about a person is shown: the apps' export dicts (nested dicts and lists
of plain values) become titled sections with description lists and tables."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

SECTION_LABELS = {
    "account": _("Account"),
    "practices": _("Good practices you proposed"),
    "accounts": _("Profile"),
    "courses": _("Courses: enrolments and progress"),
    "certificates": _("Certificates"),
    "quizzes": _("Quiz attempts"),
    "h5p": _("Interactive exercises (H5P)"),
    "events": _("Training registrations"),
    "newsletter": _("Newsletter and consents"),
    "dashboard": _("Training records for the programme's monitoring"),
}


def _text(value):
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "—"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _humanise(key):
    return str(key).replace("_", " ").capitalize()


def present(data):
    """Turn the export (nested dicts and lists) into sections a template can show: scalar
    fields as a description list, lists of dicts as tables."""
    sections = []
    for key, value in data.items():
        fields, tables = [], []
        items = value.items() if isinstance(value, dict) else [("", value)]
        for name, item in items:
            if isinstance(item, list) and item and all(isinstance(i, dict) for i in item):
                columns = list(dict.fromkeys(k for row in item for k in row))
                tables.append(
                    {
                        "caption": _humanise(name) if name else "",
                        "columns": [_humanise(c) for c in columns],
                        "rows": [[_text(row.get(c)) for c in columns] for row in item],
                    }
                )
            elif isinstance(item, dict) and item:
                for sub, subitem in item.items():
                    if isinstance(subitem, list) and subitem and isinstance(subitem[0], dict):
                        cols = list(dict.fromkeys(k for row in subitem for k in row))
                        tables.append(
                            {
                                "caption": f"{_humanise(name)}: {_humanise(sub)}",
                                "columns": [_humanise(c) for c in cols],
                                "rows": [[_text(r.get(c)) for c in cols] for r in subitem],
                            }
                        )
                    else:
                        fields.append((f"{_humanise(name)}: {_humanise(sub)}", _text(subitem)))
            else:
                fields.append((_humanise(name) if name else gettext("Data"), _text(item)))
        sections.append(
            {
                "key": key,
                "label": SECTION_LABELS.get(key, _humanise(key)),
                "fields": fields,
                "tables": tables,
                "empty": not value,
            }
        )
    return sections
