"""Site search across every page type (Wagtail search)."""

import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.shortcuts import render
from wagtail.models import Locale, Page

from cms.search import search_pages

logger = logging.getLogger(__name__)

# Longer queries are cut, never refused: the page answers normally whatever was typed.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    raw_query = " ".join(request.GET.get("q", "").split())
    query = raw_query[:MAX_QUERY_LENGTH]
    truncated = len(raw_query) > MAX_QUERY_LENGTH
    locale = Locale.get_active()
    results = search_pages(
        Page.objects.live().public().filter(locale=locale).specific(), query, locale.language_code
    )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    except DatabaseError:
        # A query the engine still cannot parse: show "nothing found" rather than an error.
        logger.warning("Search query failed: %r", query, exc_info=True)
        paginator = Paginator(Page.objects.none(), RESULTS_PER_PAGE)
        page_obj = paginator.page(1)
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "truncated": truncated,
            "page_obj": page_obj,
            "results": page_obj.object_list,
        },
    )
