"""How the data held about a person is shown: the apps' export dicts (nested dicts and lists
of plain values) become titled sections with description lists and tables, in plain words.

The export itself (JSON download) keeps machine values; here each field gets a label from
FIELD_LABELS, dates are formatted, and stored codes ("in_progress", województwo "12") are shown
by the names each app gives them in its `personal_data.VALUES`."""

import datetime
import functools

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .data_rights import PERSONAL_DATA_APPS, personal_data_module

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


# One label per export key, whichever app uses it.
FIELD_LABELS = {
    "username": _("User name"),
    "email": _("E-mail"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "full_name": _("Name on the certificate"),
    "date_joined": _("Account created"),
    "last_login": _("Last signed in"),
    "profile": _("Profile"),
    "organisation_type": _("Organisation type"),
    "organisation_name": _("Organisation"),
    "organisation": _("Organisation"),
    "jst_type": _("Type of local government"),
    "jst_teryt": _("TERYT code"),
    "voivodeship": _("Voivodeship"),
    "position": _("Position"),
    "gender": _("Gender"),
    "age_group": _("Age group"),
    "language": _("Language"),
    "enrolments": _("Enrolments"),
    "invitations": _("Invitations"),
    "lesson_progress": _("Lesson progress"),
    "course": _("Course"),
    "course_id": _("Course number"),
    "lesson": _("Lesson"),
    "lesson_id": _("Lesson number"),
    "status": _("Status"),
    "enrolled_at": _("Enrolled"),
    "started_at": _("Started"),
    "completed_at": _("Completed"),
    "certificates": _("Certificates"),
    "code": _("Verification code"),
    "register_number": _("Register number"),
    "title": _("Title"),
    "hours": _("Hours"),
    "issued_at": _("Issued"),
    "registrations": pgettext_lazy("personal data", "Registrations"),
    "training": _("Training"),
    "session_starts_at": _("Starts"),
    "session_ends_at": _("Ends"),
    "registered_at": _("Registered"),
    "cancelled_at": pgettext_lazy("personal data", "Cancelled"),
    "attendance_marked_at": _("Attendance recorded"),
    "certificate_code": _("Certificate code"),
    "answers": _("Answers"),
    "consents": _("Consents"),
    "newsletter": _("Newsletter"),
    "lists": _("Lists"),
    "subscribed_at": pgettext_lazy("personal data", "Subscribed"),
    "unsubscribed_at": pgettext_lazy("personal data", "Unsubscribed"),
    "signed_up_at": _("Signed up"),
    "confirmed_at": _("Confirmed"),
    "withdrawn_at": pgettext_lazy("personal data", "Withdrawn"),
    "legal_basis": _("Legal basis"),
    "method": _("How"),
    "source_url": _("Signed up on page"),
    "text_shown": _("Text shown"),
    "newsletters_sent": _("Newsletters sent"),
    "subject": _("Subject"),
    "sent_at": _("Sent"),
    "practice_proposals": _("Proposed practices"),
    "practice": _("Practice"),
    "published": _("Published"),
    "submitted_at": _("Submitted"),
    "notified_at": _("Notified"),
    "quiz_attempts": _("Quiz attempts"),
    "quiz": _("Quiz"),
    "attempt": _("Attempt"),
    "finished_at": pgettext_lazy("personal data", "Finished"),
    "saved_at": _("Saved"),
    "score": _("Score"),
    "max_score": _("Maximum score"),
    "percent": _("Per cent"),
    "passed": _("Passed"),
    "state": _("State"),
    "question": _("Question"),
    "response": _("Answer"),
    "extra_attempts": _("Extra attempts"),
    "granted_at": _("Granted"),
    "reason": _("Reason"),
    "package": _("Exercise"),
    "statement": _("Statement"),
    "stored_at": _("Recorded"),
    "updated_at": _("Updated"),
    "best_score": _("Best score"),
    "last_score": _("Last score"),
    "completed": _("Completed"),
    "attempts": pgettext_lazy("personal data", "Attempts"),
    "id": _("Number"),
}


@functools.cache
def _value_names():
    """{field: {stored value: name}} from every app's `personal_data.VALUES`."""
    names = {}
    for app in PERSONAL_DATA_APPS:
        module = personal_data_module(app)
        for field, mapping in getattr(module, "VALUES", {}).items():
            names.setdefault(field, {}).update(mapping)
    return names


def _datetime_from_text(value):
    """An ISO timestamp stored as text (JSON-friendly exports) back as a datetime, else None."""
    if len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return None
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return None
    if len(value) == 10:
        return parsed.date()
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _field_text(key, value):
    names = _value_names().get(key)
    if names and isinstance(value, str) and value in names:
        return str(names[value])
    if names and isinstance(value, list | tuple):
        return ", ".join(str(names.get(v, v)) for v in value) or "—"
    return _text(value)


def _text(value):
    if isinstance(value, str) and (moment := _datetime_from_text(value)) is not None:
        value = moment
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dict):
        return "; ".join(f"{_humanise(k)}: {_field_text(k, v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "—"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


def _humanise(key):
    label = FIELD_LABELS.get(key)
    return str(label) if label is not None else str(key).replace("_", " ").capitalize()


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
                        "rows": [[_field_text(c, row.get(c)) for c in columns] for row in item],
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
                                "rows": [[_field_text(c, r.get(c)) for c in cols] for r in subitem],
                            }
                        )
                    else:
                        fields.append(
                            (f"{_humanise(name)}: {_humanise(sub)}", _field_text(sub, subitem))
                        )
            else:
                fields.append(
                    (_humanise(name) if name else gettext("Data"), _field_text(name, item))
                )
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
