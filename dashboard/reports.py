"""The dashboard's figures gathered for its views: own indicators plus the selectors other apps
offer (imported lazily, so the dashboard shows "not available" until an app provides one)."""

import importlib
import logging

from django.db.models import Count, F, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import charts, indicators
from .models import Indicator, TrainingRecord

logger = logging.getLogger(__name__)

EXTERNAL = {
    "fill_rates": ("events.selectors", "session_fill_rates"),
    "funnel": ("courses.selectors", "completion_funnel"),
    "knowledge_gain": ("quizzes.selectors", "knowledge_gain_by_course"),
}
EXTERNAL_COLUMNS = {
    "fill_rates": [
        ("event_title", _("training")),
        ("starts_at", _("starts")),
        ("capacity", _("capacity")),
        ("confirmed", pgettext_lazy("dashboard column", "confirmed")),
        ("waitlisted", _("on the waiting list")),
        ("fill_percent", _("fill rate (%)")),
    ],
    "funnel": [
        ("title", pgettext_lazy("dashboard column", "course")),
        ("enrolled", pgettext_lazy("dashboard column", "enrolled")),
        ("started", pgettext_lazy("dashboard column", "started")),
        ("completed", pgettext_lazy("dashboard column", "completed")),
        ("completion_percent", _("completed of enrolled (%)")),
    ],
    "knowledge_gain": [
        ("title", pgettext_lazy("dashboard column", "course")),
        ("participants", _("participants")),
        ("avg_pre", _("average pre-test score")),
        ("avg_post", _("average post-test score")),
        ("avg_gain", _("average gain")),
        ("improved_share", _("share who improved")),
    ],
}


def external_rows(name):
    """Rows from another app's selector, or None when that app does not offer it (yet)."""
    module_name, function_name = EXTERNAL[name]
    try:
        function = getattr(importlib.import_module(module_name), function_name)
    except (ImportError, AttributeError):
        return None
    try:
        rows = [dict(row) for row in function()]
    except Exception:  # another app's failure must not take the dashboard down
        logger.exception("%s.%s failed", module_name, function_name)
        return None
    if name == "fill_rates":
        now = timezone.now()
        rows = [r for r in rows if r.get("starts_at") is None or r["starts_at"] >= now]
        for row in rows:
            capacity = row.get("capacity") or 0
            row["fill_percent"] = (
                round(100 * (row.get("confirmed") or 0) / capacity) if capacity else None
            )
    elif name == "funnel":
        for row in rows:
            enrolled = row.get("enrolled") or 0
            row["completion_percent"] = (
                round(100 * (row.get("completed") or 0) / enrolled) if enrolled else None
            )
    elif name == "knowledge_gain":
        titles = _course_titles([row.get("course_id") for row in rows])
        for row in rows:
            row["title"] = titles.get(row.get("course_id"), f"#{row.get('course_id')}")
    return rows


def _course_titles(ids):
    from wagtail.models import Page

    return dict(Page.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "title"))


def selected_indicator(code):
    """The people indicator a breakdown or list is about; None means "all trained people"."""
    if not code or code == "all":
        return None
    return Indicator.objects.filter(kind=Indicator.Kind.PEOPLE, code=code).first()


def breakdowns(indicator):
    result = []
    for dimension in indicators.DIMENSIONS:
        labels = dimension.labels()
        rows = indicators.breakdown(indicator, dimension)
        result.append(
            {
                "dimension": dimension,
                "rows": [
                    {"value": value, "label": labels.get(value, value) or _("not known"), "n": n}
                    for value, n in rows
                ],
            }
        )
    return result


def chart(summary):
    items = [row["indicator"] for row in summary]
    months, series = indicators.cumulative_series(items)
    geometry = charts.build(
        months,
        [charts.Series(i.name, series[i], i.target) for i in items],
        percent=True,
    )
    table = [
        {"month": month, "cells": [(i, series[i][index]) for i in items]}
        for index, month in enumerate(months)
    ]
    return {"geometry": geometry, "months": months, "table": table, "indicators": items}


def people(indicator, *, status="countable", dimension=None, value=None, until=None, missing=""):
    """The people behind a figure, with the date they were counted and their trainings."""
    countable = {"countable": True, "pending": False}.get(status, True)
    persons = indicators.trained_people(indicator, countable=countable)
    if dimension is not None and value is not None:
        records = indicators.qualifying_records(indicator, countable=countable)
        if dimension.code == "instrument" and value == "":
            records = records.filter(instruments__isnull=True)
        else:
            records = records.filter(**{dimension.field: value})
        persons = persons.filter(pk__in=records.values("person_id"))
    if until is not None:
        persons = persons.filter(trained_on__lte=until)
    if missing in indicators.MISSING_LABELS:
        # `missing` is a comma-separated list of field codes, none a part of another.
        persons = persons.filter(missing__contains=missing)
    return persons.annotate(
        trainings=Count("records", distinct=True), first_record=Min("records__date")
    ).order_by(F("trained_on").asc(nulls_last=True), "pk")


PEOPLE_COLUMNS = [
    ("first_name", _("first name")),
    ("last_name", _("last name")),
    ("email", _("e-mail")),
    ("trained_on", _("counted from")),
    ("trainings", _("trainings")),
    ("gender", _("gender")),
    ("age_group", _("age group")),
    ("missing", _("missing data")),
]


def people_rows(persons):
    for person in persons.iterator(chunk_size=2000):
        yield {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "trained_on": person.trained_on or person.first_record,
            "trainings": person.trainings,
            "gender": person.get_gender_display() if person.gender else "",
            "age_group": person.get_age_group_display() if person.age_group else "",
            "missing": ", ".join(
                str(indicators.MISSING_LABELS.get(c, c)) for c in person.missing_list
            ),
        }


def person_records(person_ids):
    """{person_id: [records]} for one page of a list (one query)."""
    grouped = {}
    for record in TrainingRecord.objects.filter(person_id__in=person_ids).order_by("date"):
        grouped.setdefault(record.person_id, []).append(record)
    return grouped
