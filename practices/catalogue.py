"""The catalogue's query: reading filters from the URL, faceted counts, results and advice.

Every request costs the same number of SQL queries whatever the size of the catalogue: one
GROUP BY over the facet columns gives the total and the count of every facet option, one query
reads the page of results, and only an empty result adds one more aggregate that
tells which filter to loosen. The search, year range and budget range narrow every count; each
facet (instrument, JST type, województwo) is counted with the other facets applied, so its
counts say what ticking an option would give.

The counts, the advice and each page of results are cached per set of filters under the
catalogue's version, which every change of a practice or an instrument renews
(practices.handlers): a repeated filter combination costs one cache read instead of the GROUP BY
over the whole catalogue and the sorted page query, and never shows anything from before a
publication."""

import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.teryt import VOIVODESHIP_CHOICES, VOIVODESHIPS, JstType
from practices import caching
from practices.models import Instrument, PracticePage
from practices.templatetags.practices_tags import pln
from practices.text import MAX_QUERY_CHARS, query_terms

PAGE_SIZE = 20
MAX_VALUES = 30  # per multi-valued parameter; more is not a real person's filter
YEAR_MIN, YEAR_MAX = 1990, 2100
SORTS = {
    "newest": (F("start_year").desc(), F("sort_title").asc(), "pk"),
    "budget": (F("budget_total").desc(nulls_last=True), F("sort_title").asc(), "pk"),
    "name": (F("sort_title").asc(), "pk"),
}
FACETS = ("instrument", "jst", "woj")
LIST_FIELDS = (
    "pk",
    "title",
    "url_path",
    "lead",
    "jst_name",
    "jst_type",
    "voivodeship",
    "start_year",
    "end_year",
    "budget_total",
    "instrument_keys",
    "status",
)


@dataclass
class Filters:
    q: str = ""
    terms: list = field(default_factory=list)
    instruments: list = field(default_factory=list)
    jst_types: list = field(default_factory=list)
    voivodeships: list = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    sort: str = "newest"
    page: int = 1
    messages: list = field(default_factory=list)

    def params(self, without=(), page=None, replace=None):
        """The filters as URL parameters, optionally without some groups or with another page."""
        pairs = []
        if self.q and "q" not in without:
            pairs.append(("q", self.q))
        if "instrument" not in without:
            pairs += [("instrument", i.slug) for i in self.instruments]
        if "jst" not in without:
            pairs += [("jst", v) for v in self.jst_types]
        if "woj" not in without:
            pairs += [("woj", v) for v in self.voivodeships]
        if "years" not in without:
            if self.year_from is not None:
                pairs.append(("year_from", self.year_from))
            if self.year_to is not None:
                pairs.append(("year_to", self.year_to))
        if "budget" not in without:
            if self.budget_min is not None:
                pairs.append(("budget_min", _plain(self.budget_min)))
            if self.budget_max is not None:
                pairs.append(("budget_max", _plain(self.budget_max)))
        if self.sort != "newest" and "sort" not in without:
            pairs.append(("sort", self.sort))
        for key, value in (replace or {}).items():
            pairs = [p for p in pairs if p[0] != key] + [(key, v) for v in value]
        if page and page > 1:
            pairs.append(("page", page))
        return pairs

    def querystring(self, **kwargs):
        pairs = self.params(**kwargs)
        return "?" + urlencode(pairs) if pairs else "?"

    @property
    def active_groups(self):
        groups = []
        if self.terms:
            groups.append("q")
        if self.instruments:
            groups.append("instrument")
        if self.jst_types:
            groups.append("jst")
        if self.voivodeships:
            groups.append("woj")
        if self.year_from is not None or self.year_to is not None:
            groups.append("years")
        if self.budget_min is not None or self.budget_max is not None:
            groups.append("budget")
        return groups


def _plain(value):
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def _short(value):
    return value if len(value) <= 40 else value[:40] + "…"


def _int(params, name, label, filters):
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        filters.messages.append(
            _("“%(value)s” is not a year, so the “%(label)s” filter was ignored.")
            % {"value": _short(raw), "label": label}
        )
        return None
    if not YEAR_MIN <= value <= YEAR_MAX:
        filters.messages.append(
            _("The year %(value)s is outside %(min)s–%(max)s, so it was ignored.")
            % {"value": value, "min": YEAR_MIN, "max": YEAR_MAX}
        )
        return None
    return value


def _amount(params, name, label, filters):
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw.replace(" ", "").replace("\xa0", "").replace(",", "."))
        if not value.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        filters.messages.append(
            _("“%(value)s” is not an amount, so the “%(label)s” filter was ignored.")
            % {"value": _short(raw), "label": label}
        )
        return None
    if value < 0 or value > Decimal("1e12"):
        filters.messages.append(
            _("An amount cannot be negative, so the “%(label)s” filter was ignored.")
            % {"label": label}
            if value < 0
            else _("The amount is too large, so the “%(label)s” filter was ignored.")
            % {"label": label}
        )
        return None
    return value


def _choices(params, name, allowed, what, filters):
    values = []
    for raw in params.getlist(name)[:MAX_VALUES]:
        if raw in allowed:
            if raw not in values:
                values.append(raw)
        elif raw:
            filters.messages.append(
                _("There is no %(what)s “%(value)s”, so it was ignored.")
                % {"what": what, "value": _short(raw)}
            )
    return values


def parse(params, instruments):
    """Filters from the URL's parameters. Nothing a visitor types raises an error: a value that
    cannot be used is dropped (or a reversed range swapped) with a message saying so."""
    f = Filters()
    q = (params.get("q") or "").strip()
    f.terms, shortened = query_terms(q)
    f.q = q[:MAX_QUERY_CHARS]
    if shortened:
        f.messages.append(
            _("Your search was long, so only its first words were used (up to %(n)s characters).")
            % {"n": MAX_QUERY_CHARS}
        )
    by_slug = {i.slug: i for i in instruments}
    f.instruments = [
        by_slug[s] for s in _choices(params, "instrument", by_slug, _("instrument"), f)
    ]
    f.jst_types = _choices(params, "jst", set(JstType.values), _("type of local government"), f)
    f.voivodeships = _choices(params, "woj", VOIVODESHIPS, _("województwo"), f)
    f.year_from = _int(params, "year_from", _("from year"), f)
    f.year_to = _int(params, "year_to", _("to year"), f)
    if f.year_from is not None and f.year_to is not None and f.year_from > f.year_to:
        f.year_from, f.year_to = f.year_to, f.year_from
        f.messages.append(_("The years were in reverse order, so they were swapped."))
    f.budget_min = _amount(params, "budget_min", _("budget from"), f)
    f.budget_max = _amount(params, "budget_max", _("budget to"), f)
    if f.budget_min is not None and f.budget_max is not None and f.budget_min > f.budget_max:
        f.budget_min, f.budget_max = f.budget_max, f.budget_min
        f.messages.append(_("The budget range was in reverse order, so it was swapped."))
    sort = params.get("sort") or "newest"
    if sort in SORTS:
        f.sort = sort
    else:
        f.messages.append(
            _("Unknown sort order “%(value)s”: newest first is used.") % {"value": _short(sort)}
        )
    raw_page = (params.get("page") or "1").strip()
    try:
        f.page = int(raw_page)
        if f.page < 1:
            raise ValueError
    except ValueError:
        f.messages.append(
            _("“%(value)s” is not a page number, so the first page is shown.")
            % {"value": _short(raw_page)}
        )
        f.page = 1
    return f


def _group_q(f):
    """{group: Q} of the active filters."""
    groups = {}
    if f.terms:
        q = Q()
        for term in f.terms:
            q &= Q(search_text__contains=" " + term)
        groups["q"] = q
    if f.instruments:
        q = Q()
        for instrument in f.instruments:
            q |= Q(instrument_keys__contains=f",{instrument.pk},")
        groups["instrument"] = q
    if f.jst_types:
        groups["jst"] = Q(jst_type__in=f.jst_types)
    if f.voivodeships:
        groups["woj"] = Q(voivodeship__in=f.voivodeships)
    if f.year_from is not None or f.year_to is not None:
        q = Q()
        if f.year_from is not None:
            q &= Q(start_year__gte=f.year_from)
        if f.year_to is not None:
            q &= Q(start_year__lte=f.year_to)
        groups["years"] = q
    if f.budget_min is not None or f.budget_max is not None:
        q = Q()
        if f.budget_min is not None:
            q &= Q(budget_total__gte=f.budget_min)
        if f.budget_max is not None:
            q &= Q(budget_total__lte=f.budget_max)
        groups["budget"] = q
    return groups


def _and(qs):
    result = Q()
    for q in qs:
        result &= q
    return result


def _count(q):
    return Count("pk", filter=q) if q else Count("pk")


def base_queryset(locale):
    return PracticePage.objects.live().filter(locale=locale)


def filtered_queryset(locale, f):
    """All practices matching the filters, sorted (used by the export and the API)."""
    return base_queryset(locale).filter(_and(_group_q(f).values())).order_by(*SORTS[f.sort])


# The facet counts (and, for an empty result, the counts behind the advice) and the pages of
# results of a set of filters are cached under the catalogue's version. Every save or deletion
# of a practice or an instrument (publishing, unpublishing, moving, importing, deleting) renews
# it (see practices.handlers), so an entry is used only while the catalogue is exactly as it
# was when the entry was computed: results are right the moment an editor publishes. The
# version and all entries of a request are read with one cache read.
VERSION_KEY = "practices:catalogue:version"


def bump_version():
    """Give the catalogue a new version: every cached count becomes stale at once."""
    caching.bump(VERSION_KEY)


def _lookup(locale, f):
    """The cached counts, advice and page of results of these filters, read at once. The counts
    and the advice depend on the filters only (in a canonical order), the page of results also
    on the sort, the page number and the language of its labels."""
    filters = (
        locale,
        tuple(f.terms),
        tuple(sorted(i.pk for i in f.instruments)),
        tuple(sorted(f.jst_types)),
        tuple(sorted(f.voivodeships)),
        f.year_from,
        f.year_to,
        _plain(f.budget_min) if f.budget_min is not None else None,
        _plain(f.budget_max) if f.budget_max is not None else None,
    )
    return caching.Lookup(
        VERSION_KEY,
        {
            "facets": ("facets", filters),
            "advice": ("advice", filters),
            "page": ("page", filters, f.sort, f.page, get_language()),
        },
    )


def _facet_counts(scoped, f, instruments):
    """(counts, total): the count of every facet option (each facet counted with the other
    facets applied) and the number of matching practices."""
    # One GROUP BY over the matching rows gives every combination of the facet columns with its
    # count; the total and all facet counts are summed from those groups in Python (a few
    # thousand groups at most), which is much cheaper than dozens of conditional aggregates.
    groups_rows = (
        scoped.order_by()
        .values_list("jst_type", "voivodeship", "instrument_keys")
        .annotate(n=Count("pk"))
    )
    selected_ids = {i.pk for i in f.instruments}
    selected_jst = set(f.jst_types)
    selected_woj = set(f.voivodeships)
    counts = {
        "instrument": dict.fromkeys((i.pk for i in instruments), 0),
        "jst": dict.fromkeys(JstType.values, 0),
        "woj": dict.fromkeys(VOIVODESHIPS, 0),
    }
    total = 0
    parsed = {}
    for jst_type, woj, keys, n in groups_rows:
        ids = parsed.get(keys)
        if ids is None:
            ids = parsed[keys] = {int(k) for k in keys.strip(",").split(",") if k}
        ok_instrument = not selected_ids or bool(ids & selected_ids)
        ok_jst = not selected_jst or jst_type in selected_jst
        ok_woj = not selected_woj or woj in selected_woj
        if ok_jst and ok_woj:
            for pk in ids:
                if pk in counts["instrument"]:
                    counts["instrument"][pk] += n
        if ok_instrument and ok_woj and jst_type in counts["jst"]:
            counts["jst"][jst_type] += n
        if ok_instrument and ok_jst and woj in counts["woj"]:
            counts["woj"][woj] += n
        if ok_instrument and ok_jst and ok_woj:
            total += n
    return counts, total


JST_LABELS = dict(JstType.choices)
LEAD_WORDS = 40


@dataclass
class ListedPractice:
    """A practice as the result list shows it, read with one narrow query (no page objects, no
    StreamFields): its labels, formatted budget and shortened lead are prepared here, so the
    template only prints them, and a page of them can be cached. `url` is set per request by
    `attach_urls`."""

    pk: int
    title: str
    url_path: str
    jst_name: str
    jst_type_label: str
    voivodeship_name: str
    start_year: int
    end_year: int | None
    status: str
    budget_total: Decimal | None
    budget_label: str
    lead_short: str
    instrument_names: list
    url: str | None = None

    @classmethod
    def from_row(cls, row, instruments_by_id):
        keys = (int(k) for k in row["instrument_keys"].strip(",").split(",") if k)
        return cls(
            pk=row["pk"],
            title=row["title"],
            url_path=row["url_path"],
            jst_name=row["jst_name"],
            jst_type_label=str(JST_LABELS.get(row["jst_type"], row["jst_type"])),
            voivodeship_name=VOIVODESHIPS.get(row["voivodeship"], row["voivodeship"]),
            start_year=row["start_year"],
            end_year=row["end_year"],
            status=row["status"],
            budget_total=row["budget_total"],
            budget_label=pln(row["budget_total"]) if row["budget_total"] else "",
            lead_short=Truncator(row["lead"]).words(LEAD_WORDS, truncate=" …"),
            instrument_names=[instruments_by_id[k].name for k in keys if k in instruments_by_id],
        )

    def get_url(self, request=None):
        return self.url


def attach_urls(items, index, request):
    """Set each listed practice's URL. A practice under the catalogue page (all of them, in
    practice) gets the catalogue's URL plus the rest of its path, with no per-item lookups;
    any other is resolved by Wagtail."""
    if not items:
        return
    index_url = index.get_url(request)
    prefix = index.url_path
    others = []
    for item in items:
        if index_url and item.url_path.startswith(prefix):
            item.url = index_url + item.url_path[len(prefix) :]
        else:
            others.append(item)
    if others:
        pages = PracticePage.objects.filter(pk__in=[i.pk for i in others]).only("url_path")
        urls = {page.pk: page.get_url(request) for page in pages}
        for item in others:
            item.url = urls.get(item.pk)


@dataclass
class Result:
    filters: Filters
    total: int
    page: int
    num_pages: int
    items: list
    facets: dict
    advice: list
    catalogue_size: int | None = None


def search(locale, f, instruments):
    groups = _group_q(f)
    scoped = base_queryset(locale).filter(
        _and(q for name, q in groups.items() if name not in FACETS)
    )
    facet_q = {name: groups.get(name, Q()) for name in FACETS}

    selected_jst = set(f.jst_types)
    selected_woj = set(f.voivodeships)
    cached = _lookup(locale, f)
    counts, total = cached.get("facets", lambda: _facet_counts(scoped, f, instruments))

    selected = {
        "instrument": {i.slug for i in f.instruments},
        "jst": selected_jst,
        "woj": selected_woj,
    }
    options = {
        "instrument": [(i.slug, i.name, counts["instrument"].get(i.pk, 0)) for i in instruments],
        "jst": [(v, label, counts["jst"][v]) for v, label in JstType.choices],
        "woj": [(code, name, counts["woj"][code]) for code, name in VOIVODESHIP_CHOICES],
    }
    facets = {
        name: [
            {
                "value": value,
                "label": label,
                "count": count,
                "checked": value in selected[name],
                "id": f"f-{name}-{n}",
            }
            for n, (value, label, count) in enumerate(opts)
        ]
        for name, opts in options.items()
    }
    for option in facets["woj"]:
        option["url"] = f.querystring(replace={"woj": [option["value"]]})

    num_pages = max(1, math.ceil(total / PAGE_SIZE))
    page = f.page
    if page > num_pages:
        f.messages.append(
            _("There is no page %(page)s: the results end on page %(last)s, shown here.")
            % {"page": page, "last": num_pages}
        )
        page = num_pages
    items = []
    if total:

        def listed():
            offset = (page - 1) * PAGE_SIZE
            rows = (
                scoped.filter(_and(facet_q.values()))
                .order_by(*SORTS[f.sort])
                .values(*LIST_FIELDS)[offset : offset + PAGE_SIZE]
            )
            by_id = {i.pk: i for i in instruments}
            return [ListedPractice.from_row(row, by_id) for row in rows]

        items = cached.get("page", listed)
    advice = []
    catalogue_size = None
    if not total:
        active = f.active_groups
        loosen = {
            f"without_{name}": _count(_and(q for other, q in groups.items() if other != name))
            for name in active
        }
        loosen["all"] = Count("pk")
        counts = cached.get("advice", lambda: base_queryset(locale).aggregate(**loosen))
        catalogue_size = counts["all"]
        labels = {
            "q": _("the search words"),
            "instrument": _("the instrument filter"),
            "jst": _("the type of local government filter"),
            "woj": _("the województwo filter"),
            "years": _("the year range"),
            "budget": _("the budget range"),
        }
        for name in active:
            without = ("years",) if name == "years" else (name,)
            advice.append(
                {
                    "label": labels[name],
                    "count": counts[f"without_{name}"],
                    "url": f.querystring(without=without),
                }
            )
        advice.sort(key=lambda a: -a["count"])
    return Result(
        filters=f,
        total=total,
        page=page,
        num_pages=num_pages,
        items=items,
        facets=facets,
        advice=advice,
        catalogue_size=catalogue_size,
    )


def instrument_list():
    return list(Instrument.objects.all())
