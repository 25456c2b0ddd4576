"""Query parameters of the public API (Wagtail API v2), checked before Wagtail reads them.

Wagtail turns `offset`, `limit`, `child_of`, `id` and the like into Python integers of any
size and hands `search=` to the search backend as typed: an offset or id above the database's
64-bit integer, a NUL character or a quote in the search made the request fail with a 500.
`CheckedParametersMixin` answers 400 with a message instead, and passes `search=` through the
same cleaning as the site's search box (only words reach the backend)."""

import re

from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from cms import search
from cms.converters import MAX_ID
from cms.safe_text import is_clean, search_terms

# Deeper than any listing anyone pages through; far below what the database can hold.
MAX_OFFSET = 100_000
# Free text, where a long number is just something to look for.
TEXT_PARAMETERS = {"search", "q", "title", "slug", "html_path"}
INTEGER = re.compile(r"[+-]?0*([0-9]+)")


class CheckedParametersMixin:
    """For an API viewset: refuse parameters no query can answer, clean the search text."""

    @classmethod
    def get_urlpatterns(cls):
        # Wagtail's own list with `<id:pk>`: an id beyond 64 bits is a 404, not a 500.
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<id:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("find/", cls.as_view({"get": "find_view"}), name="find"),
        ]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        params = request._request.GET
        for name, values in params.lists():
            for value in [name, *values]:
                if not is_clean(value):
                    raise BadRequestError(
                        _("The parameter %(name)s holds characters that are not allowed.")
                        % {"name": clean_name(name)}
                    )
                if name not in TEXT_PARAMETERS and too_large(value):
                    raise BadRequestError(
                        _("The parameter %(name)s is too large.") % {"name": clean_name(name)}
                    )
        # Wagtail's find view filters by `id` as given: anything but a number is a 500 there.
        if "id" in params and not INTEGER.fullmatch(params["id"].strip()):
            raise BadRequestError(_("The parameter 'id' must be a number."))
        # The search backend raises (a 500) for any other operator than these two.
        if params.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError(_("The parameter 'search_operator' must be 'and' or 'or'."))
        offset = INTEGER.fullmatch(params.get("offset", "0").strip())
        if offset and int(offset[0]) > MAX_OFFSET:
            raise BadRequestError(
                _("The offset cannot be higher than %(max)d.") % {"max": MAX_OFFSET}
            )
        if "search" in params:
            cleaned = params.copy()
            cleaned["search"] = search_terms(params["search"])
            request._request.GET = cleaned


def too_large(value):
    """True for an integer beyond the database's 64 bits (checked by length first: Python
    refuses to convert over 4300 digits)."""
    number = INTEGER.fullmatch(value.strip())
    return bool(number) and (len(number[1]) > 19 or int(number[1]) > MAX_ID)


def clean_name(name):
    return repr(name[:40])


class SiteSearchFilter(BaseFilterBackend):
    """`?search=` of the pages endpoint through the site's one search (cms.search): the same
    words find the same pages as the search page, best first, or in `order=`'s order. The
    language is the `locale` parameter's, else the request's. `search_operator` is accepted
    and ignored: the site's rule (every word, else any) applies."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        language = request.GET.get("locale") or get_language()
        query = request.GET["search"]
        if "order" in request.GET:
            return search.filter_matching(queryset, query, language, request.user, request)
        return search.search(queryset, query, language, request.user, request).results
