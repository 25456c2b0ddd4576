"""The catalogue's filters: read from the URL's parameters (nothing a visitor types raises an
error: an unusable value is dropped, or a reversed range swapped, with a message saying so) and
turned into query conditions, one group per filter, so the facet counts (practices.catalogue)
can leave one group out at a time."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms import search as site_search
from cms.teryt import VOIVODESHIPS, JstType
from practices.models import PracticePage
from practices.text import MAX_QUERY_CHARS, query_terms

MAX_VALUES = 30  # per multi-valued parameter; more is not a real person's filter
YEAR_MIN, YEAR_MAX = 1990, 2100
SORTS = {
    "newest": (F("start_year").desc(), F("sort_title").asc(), "pk"),
    "budget": (F("budget_total").desc(nulls_last=True), F("sort_title").asc(), "pk"),
    "name": (F("sort_title").asc(), "pk"),
}


@dataclass
class Filters:
    q: str = ""
    # The concepts of the search words (cms.search.ParsedQuery), each a tuple of keys.
    terms: tuple = ()
    parsed: object = None
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
                pairs.append(("budget_min", plain(self.budget_min)))
            if self.budget_max is not None:
                pairs.append(("budget_max", plain(self.budget_max)))
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


def plain(value):
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


def parse(params, instruments, request=None):
    """Filters from the URL's parameters. Nothing a visitor types raises an error: a value that
    cannot be used is dropped (or a reversed range swapped) with a message saying so."""
    f = Filters()
    q = (params.get("q") or "").strip()
    f.parsed, shortened = query_terms(q, get_language(), request)
    f.terms = f.parsed.concepts
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


def group_q(f):
    """{group: Q} of the active filters."""
    groups = {}
    if f.terms:
        # The site search's rule (cms.search): every word, in any of its forms, over the
        # practice's normalised catalogue text.
        groups["q"] = site_search.text_filter("search_text", f.parsed)
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


def all_of(qs):
    result = Q()
    for q in qs:
        result &= q
    return result


def base_queryset(locale):
    return PracticePage.objects.live().filter(locale=locale)


def filtered_queryset(locale, f):
    """All practices matching the filters, sorted (used by the export and the API)."""
    return base_queryset(locale).filter(all_of(group_q(f).values())).order_by(*SORTS[f.sort])
