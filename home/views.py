"""Site search across every page type (Wagtail search)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from wagtail.models import Locale, Page

# Longer queries are cut, never refused: the page answers normally whatever was typed.
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search(request):
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    truncated = len(" ".join(raw_query.split())) > MAX_QUERY_LENGTH
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
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
