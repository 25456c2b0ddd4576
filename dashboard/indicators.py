"""Indicator figures, computed in the database.

Every function issues a fixed number of queries whatever the number of people or records: the
counting, grouping and month bucketing happen in SQL (COUNT DISTINCT, subqueries, TruncMonth).

Rules (one place each):
- a record qualifies for a people indicator when its organisation type (at the time of
  training) is the indicator's, and its source fits the mode (course / attendance / either);
  in mode "both" the person must have both a qualifying course and a qualifying attendance;
- a person counts once per indicator, and only when `countable` (monitoring data complete);
  the others are the indicator's "not yet countable" figure;
- a person was trained on the date of their first qualifying record (in mode "both": the later
  of their first course and first attendance);
- a JST counts when it has a milestone at or beyond the indicator's milestone, from that date.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import Greatest, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AgeGroup, Gender, OrganisationType
from cms.teryt import VOIVODESHIPS
from practices.models import Instrument

from .models import (
    Indicator,
    JstMilestone,
    Milestone,
    Person,
    SupportedJst,
    TrainingMode,
    TrainingRecord,
)

Source = TrainingRecord.Source

DEFAULT_INDICATORS = [
    {
        "code": "jst-trained",
        "name": "Przeszkoleni przedstawiciele JST",
        "kind": Indicator.Kind.PEOPLE,
        "target": 640,
        "organisation_type": OrganisationType.JST,
        "sort_order": 1,
    },
    {
        "code": "ngo-trained",
        "name": "Przeszkoleni członkowie zarządów NGO",
        "kind": Indicator.Kind.PEOPLE,
        "target": 320,
        "organisation_type": OrganisationType.NGO,
        "sort_order": 2,
    },
    {
        "code": "jst-supported",
        "name": "JST wspierane we wdrażaniu instrumentów",
        "kind": Indicator.Kind.JST,
        "target": 20,
        "milestone": Milestone.RESOLUTION_ADOPTED,
        "sort_order": 3,
    },
]

MISSING_LABELS = {
    "name": _("first and last name"),
    "organisation_type": _("organisation type"),
    "organisation_name": _("organisation name"),
    "jst_teryt": _("TERYT code of the local government"),
    "position": _("position"),
}

FORMAT_LABELS = {
    "e-learning": _("online course (e-learning)"),
    "stacjonarne": _("in person"),
    "online": _("online training"),
    "hybrydowe": _("hybrid"),
}


@dataclass
class Dimension:
    code: str
    label: str
    field: str  # lookup from TrainingRecord

    def labels(self):
        if self.code == "voivodeship":
            return dict(VOIVODESHIPS)
        if self.code == "organisation_type":
            return dict(OrganisationType.choices)
        if self.code == "gender":
            return dict(Gender.choices)
        if self.code == "age_group":
            return dict(AgeGroup.choices)
        if self.code == "format":
            return dict(FORMAT_LABELS)
        if self.code == "instrument":
            return dict(Instrument.objects.values_list("slug", "name"))
        return {}


DIMENSIONS = [
    Dimension("voivodeship", _("województwo"), "voivodeship"),
    Dimension("organisation_type", _("organisation type"), "organisation_type"),
    Dimension("gender", _("gender"), "person__gender"),
    Dimension("age_group", _("age group"), "person__age_group"),
    Dimension("format", _("training format"), "format"),
    Dimension("instrument", _("instrument"), "instruments__slug"),
]
DIMENSIONS_BY_CODE = {d.code: d for d in DIMENSIONS}


def ensure_default_indicators():
    for spec in DEFAULT_INDICATORS:
        Indicator.objects.get_or_create(code=spec["code"], defaults=spec)


# --- people indicators ------------------------------------------------------------------------


def _base_records(indicator):
    records = TrainingRecord.objects.all()
    if indicator is not None and indicator.organisation_type:
        records = records.filter(organisation_type=indicator.organisation_type)
    return records


def qualifying_records(indicator=None, *, countable=True):
    """Records that make their person count for `indicator` (None: any organisation type,
    either source). `countable`: True / False / None (both)."""
    records = _base_records(indicator)
    mode = indicator.mode if indicator is not None else TrainingMode.EITHER
    if mode == TrainingMode.COURSE:
        records = records.filter(source=Source.COURSE)
    elif mode == TrainingMode.ATTENDANCE:
        records = records.filter(source=Source.ATTENDANCE)
    elif mode == TrainingMode.BOTH:
        base = _base_records(indicator)
        records = records.filter(
            person_id__in=base.filter(source=Source.COURSE).values("person_id")
        ).filter(person_id__in=base.filter(source=Source.ATTENDANCE).values("person_id"))
    if countable is not None:
        records = records.filter(person__countable=countable)
    return records


def people_value(indicator, *, countable=True):
    return qualifying_records(indicator, countable=countable).aggregate(
        n=Count("person", distinct=True)
    )["n"]


def _first_date(indicator, source=None):
    records = _base_records(indicator).filter(person=OuterRef("pk"))
    if source:
        records = records.filter(source=source)
    return Subquery(
        records.order_by().values("person").annotate(first=Min("date")).values("first")[:1]
    )


def trained_people(indicator=None, *, countable=True):
    """Persons counted by the indicator, annotated with `trained_on` (date of counting)."""
    mode = indicator.mode if indicator is not None else TrainingMode.EITHER
    if mode == TrainingMode.BOTH:
        trained_on = Greatest(
            _first_date(indicator, Source.COURSE), _first_date(indicator, Source.ATTENDANCE)
        )
    elif mode == TrainingMode.COURSE:
        trained_on = _first_date(indicator, Source.COURSE)
    elif mode == TrainingMode.ATTENDANCE:
        trained_on = _first_date(indicator, Source.ATTENDANCE)
    else:
        trained_on = _first_date(indicator)
    persons = Person.objects.filter(
        pk__in=qualifying_records(indicator, countable=countable).values("person_id")
    )
    return persons.annotate(trained_on=trained_on)


def people_by_month(indicator):
    """{first day of month: people newly counted that month}.

    A person is counted in the month of their first qualifying record: the records with no
    earlier one of the same person (an anti-join, which both databases run as one pass) are
    grouped by month. In mode "both", the record that completes the pair is the one whose
    kind has no earlier record and whose other kind already exists by then."""
    mode = indicator.mode if indicator is not None else TrainingMode.EITHER
    base = _base_records(indicator)
    candidates = qualifying_records(indicator)
    if mode == TrainingMode.BOTH:
        earlier_same_kind = base.filter(
            person=OuterRef("person"), source=OuterRef("source"), date__lt=OuterRef("date")
        )
        other_kind_by_then = base.filter(
            person=OuterRef("person"), date__lte=OuterRef("date")
        ).exclude(source=OuterRef("source"))
        firsts = candidates.filter(~Exists(earlier_same_kind), Exists(other_kind_by_then))
    else:
        earlier = base.filter(person=OuterRef("person"), date__lt=OuterRef("date"))
        if mode in (TrainingMode.COURSE, TrainingMode.ATTENDANCE):
            earlier = earlier.filter(source=mode)
        firsts = candidates.filter(~Exists(earlier))
    rows = (
        firsts.annotate(month=TruncMonth("date"))
        .order_by()
        .values("month")
        .annotate(n=Count("person", distinct=True))
    )
    return {_as_date(row["month"]): row["n"] for row in rows if row["month"] is not None}


def breakdown(indicator, dimension):
    """[(value, count)] of countable people per category of `dimension`, largest first.
    A person trained in two categories (two województwa, two instruments) counts in each."""
    rows = (
        qualifying_records(indicator)
        .order_by()
        .values(value=F(dimension.field))
        .annotate(n=Count("person", distinct=True))
        .order_by("-n", "value")
    )
    return [(row["value"] or "", row["n"]) for row in rows]


def not_yet_countable(indicator=None):
    """Persons who trained but lack mandatory monitoring data (with `missing`)."""
    return Person.objects.filter(
        pk__in=qualifying_records(indicator, countable=False).values("person_id")
    )


def missing_summary(indicator=None):
    """[(field label, people missing it, field code)]: what keeps people from counting."""
    rows = not_yet_countable(indicator).values("missing").annotate(n=Count("pk")).order_by()
    totals = {}
    for row in rows:
        for code in (row["missing"] or "").split(","):
            if code:
                totals[code] = totals.get(code, 0) + row["n"]
    return [(MISSING_LABELS.get(code, code), n, code) for code, n in sorted(totals.items())]


# --- JST indicator ----------------------------------------------------------------------------


def jst_reached(milestone):
    """Supported JSTs at or beyond `milestone`, annotated with `reached_on`."""
    return (
        SupportedJst.objects.filter(milestones__stage__gte=milestone)
        .distinct()
        .annotate(
            reached_on=Subquery(
                SupportedJst.objects.filter(pk=OuterRef("pk"))
                .annotate(m=Min("milestones__date", filter=Q(milestones__stage__gte=milestone)))
                .values("m")[:1]
            )
        )
    )


def jst_value(indicator):
    return SupportedJst.objects.filter(milestones__stage__gte=indicator.milestone).aggregate(
        n=Count("pk", distinct=True)
    )["n"]


def jst_by_month(indicator):
    rows = (
        SupportedJst.objects.annotate(
            reached_on=Subquery(
                SupportedJst.objects.filter(pk=OuterRef("pk"))
                .annotate(
                    m=Min("milestones__date", filter=Q(milestones__stage__gte=indicator.milestone))
                )
                .values("m")[:1]
            )
        )
        .filter(reached_on__isnull=False)
        .annotate(month=TruncMonth("reached_on"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
    )
    return {_as_date(row["month"]): row["n"] for row in rows if row["month"] is not None}


def jst_per_milestone():
    """[(milestone, label, JSTs whose furthest milestone is this one, JSTs at or beyond it)]."""
    furthest = (
        SupportedJst.objects.annotate(top=Subquery(_top_stage()))
        .order_by()
        .values("top")
        .annotate(n=Count("pk"))
    )
    at = {row["top"]: row["n"] for row in furthest}
    result, beyond = [], 0
    for stage in reversed(Milestone):
        beyond += at.get(stage.value, 0)
        result.append((stage.value, stage.label, at.get(stage.value, 0), beyond))
    return list(reversed(result))


def _top_stage():
    return JstMilestone.objects.filter(jst=OuterRef("pk")).order_by("-stage").values("stage")[:1]


def jst_with_top_stage():
    return SupportedJst.objects.annotate(top=Subquery(_top_stage()))


# --- summary ----------------------------------------------------------------------------------


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    return value


def value_of(indicator):
    if indicator.kind == Indicator.Kind.JST:
        return jst_value(indicator)
    return people_value(indicator)


def by_month(indicator):
    if indicator.kind == Indicator.Kind.JST:
        return jst_by_month(indicator)
    return people_by_month(indicator)


def summary():
    """Every indicator with its target, value, percentage and "not yet countable" figure."""
    result = []
    for indicator in Indicator.objects.all():
        value = value_of(indicator)
        pending = None
        if indicator.kind == Indicator.Kind.PEOPLE:
            pending = people_value(indicator, countable=False)
        percent = round(100 * value / indicator.target, 1) if indicator.target else None
        result.append(
            {"indicator": indicator, "value": value, "percent": percent, "pending": pending}
        )
    return result


def month_range(first, last):
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current + datetime.timedelta(days=32)).replace(day=1)
    return months


def cumulative_series(indicators):
    """(months, {indicator: [cumulative value per month]}) from the first month with data to
    the current month (at most 60 months)."""
    per_indicator = {indicator: by_month(indicator) for indicator in indicators}
    starts = [m for counts in per_indicator.values() for m in counts]
    today = timezone.localdate().replace(day=1)
    if not starts:
        return [today], {indicator: [0] for indicator in indicators}
    last = max([today, *starts])
    first = max(min(starts), (last - datetime.timedelta(days=60 * 31)).replace(day=1))
    months = month_range(first, last)
    series = {}
    for indicator, counts in per_indicator.items():
        running = sum(n for m, n in counts.items() if m < first)
        values = []
        for month in months:
            running += counts.get(month, 0)
            values.append(running)
        series[indicator] = values
    return months, series
