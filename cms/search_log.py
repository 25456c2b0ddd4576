"""What people search for: every query of the site search is counted in Wagtail's search-terms
log (wagtail.contrib.search_promotions: Reports → Search terms), and a query that found nothing
also in UnansweredSearch (Reports → Searches without results)."""

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.search.utils import normalise_query_string

from cms.models import UnansweredSearch

# Wagtail's query log keeps up to 255 characters; longer text is no one's real query.
MAX_LOGGED = 255


def record(query, language, found):
    """Count one search of `query` (already cleaned and cut by the search page)."""
    query = query[:MAX_LOGGED]
    if not query.strip():
        return
    Query.get(query).add_hit()
    if found:
        return
    key = {"query_string": " ".join(query.lower().split()), "language": language}
    if not UnansweredSearch.objects.filter(**key).update(hits=F("hits") + 1):
        try:
            with transaction.atomic():
                UnansweredSearch.objects.create(hits=1, **key)
        except IntegrityError:
            # Another request created it meanwhile.
            UnansweredSearch.objects.filter(**key).update(hits=F("hits") + 1)


def promotions(query):
    """The editors' promoted results of `query` whose pages are live, in their order."""
    if not query.strip():
        return []
    query_string = normalise_query_string(query[:MAX_LOGGED])
    return list(
        SearchPromotion.objects.filter(query__query_string=query_string)
        .filter(Q(page__live=True) | Q(page__isnull=True))
        .select_related("page")
        .order_by("sort_order")
    )
