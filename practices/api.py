"""`/api/v2/practices/`: the good practices with the catalogue's filters as query parameters
(instrument, jst, woj, year_from, year_to, budget_min, budget_max, q, sort), e.g.
`/api/v2/practices/?instrument=male-granty&woj=12&q=lodz`. Registered in config/api.py."""

from wagtail.api.v2.views import PagesAPIViewSet

from cms.api_parameters import CheckedParametersMixin
from practices import catalogue, filters
from practices.models import PracticePage

FILTER_PARAMETERS = (
    "q",
    "instrument",
    "jst",
    "woj",
    "year_from",
    "year_to",
    "budget_min",
    "budget_max",
    "sort",
)


class PracticesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    model = PracticePage
    name = "practices"
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(FILTER_PARAMETERS)
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "jst_name",
        "jst_type",
        "voivodeship",
        "instruments",
        "start_year",
        "budget_total",
    ]

    def get_queryset(self):
        queryset = super().get_queryset()
        if not any(p in self.request.GET for p in FILTER_PARAMETERS):
            return queryset
        instruments = catalogue.instrument_list()
        chosen = filters.parse(self.request.GET, instruments)
        groups = filters.group_q(chosen)
        return queryset.filter(filters.all_of(groups.values())).order_by(
            *filters.SORTS[chosen.sort]
        )
