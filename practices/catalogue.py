"""The catalogue's query: faceted counts, a page of results and advice (the filters are read in
practices.filters, a listed practice is prepared in practices.listing).

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
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.teryt import VOIVODESHIP_CHOICES, VOIVODESHIPS, JstType
from practices import caching
from practices.filters import SORTS, Filters, all_of, base_queryset, group_q, plain
from practices.listing import LIST_FIELDS, ListedPractice
from practices.models import Instrument

PAGE_SIZE = 20
FACETS = ("instrument", "jst", "woj")


def _count(q):
    return Count("pk", filter=q) if q else Count("pk")


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
        plain(f.budget_min) if f.budget_min is not None else None,
        plain(f.budget_max) if f.budget_max is not None else None,
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
    groups = group_q(f)
    scoped = base_queryset(locale).filter(
        all_of(q for name, q in groups.items() if name not in FACETS)
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
        "instrument": [
            (i.slug, i.display_name, counts["instrument"].get(i.pk, 0)) for i in instruments
        ],
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
                scoped.filter(all_of(facet_q.values()))
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
            f"without_{name}": _count(all_of(q for other, q in groups.items() if other != name))
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
