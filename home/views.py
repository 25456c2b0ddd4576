"""Site search across every page type, through the site's one search (cms.search): results with
their type and matched passage, counts by type to narrow them, a suggestion and the site's
sections when nothing is found."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms import search as site_search
from cms import search_log
from cms.chrome import prime_site

logger = logging.getLogger(__name__)

# Longer queries are cut, never refused: the page answers normally whatever was typed.
MAX_QUERY_LENGTH = site_search.MAX_QUERY_CHARS
RESULTS_PER_PAGE = 10


def search(request):
    raw_query = " ".join(request.GET.get("q", "").split())
    query = raw_query[:MAX_QUERY_LENGTH]
    truncated = len(raw_query) > MAX_QUERY_LENGTH
    locale = Locale.get_active()
    language = locale.language_code
    pages = Page.objects.live().public().filter(locale=locale)
    messages = []
    parsed = site_search.parse(
        query, language, site_search.indexed_words(request) if query else None
    )
    facets, chosen_type = [], None
    try:
        counts = site_search.type_counts(pages, parsed, request.user, request) if parsed else {}
        chosen = request.GET.get("type", "")
        for content_type_id, count in counts.items():
            content_type = ContentType.objects.get_for_id(content_type_id)
            model = content_type.model_class()
            if model is None:
                continue
            value = f"{content_type.app_label}.{content_type.model}"
            facet = {
                "value": value,
                "label": model._meta.verbose_name_plural,
                "count": count,
                "chosen": value == chosen,
            }
            facets.append(facet)
            if facet["chosen"]:
                chosen_type = content_type
        facets.sort(key=lambda facet: (-facet["count"], str(facet["label"])))
        if chosen and chosen_type is None:
            messages.append(_("There are no results of the chosen type, so all are shown."))
        scoped = pages.filter(content_type=chosen_type) if chosen_type else pages
        outcome = site_search.search(scoped, parsed, language, request.user, request)
        paginator = Paginator(outcome.results, RESULTS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        matched_all = outcome.matched_all
    except DatabaseError:
        # A query the engine still cannot parse: show "nothing found" rather than an error.
        logger.warning("Search query failed: %r", query, exc_info=True)
        paginator = Paginator(Page.objects.none(), RESULTS_PER_PAGE)
        page_obj = paginator.page(1)
        facets, matched_all = [], True
    results = specific_in_order(page_obj.object_list)
    found = [
        {
            "page": page,
            "type": page.specific_class._meta.verbose_name if page.specific_class else "",
            "passage": site_search.highlight(site_search.page_text(page), parsed),
        }
        for page in results
    ]
    promoted = []
    if query and page_obj.number == 1:
        promoted = search_log.promotions(query)
    if query and "page" not in request.GET and "type" not in request.GET:
        search_log.record(query, language, bool(paginator.count or promoted))
    suggested = ""
    sections = []
    if parsed and not paginator.count and not promoted:
        suggested = site_search.suggestion(parsed, site_search.indexed_words(request))
        site = prime_site(request)
        root = site.root_page.localized if site else None
        if root is not None:
            sections = list(root.get_children().live().public().in_menu())
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "truncated": truncated,
            "page_obj": page_obj,
            "results": results,
            "found": found,
            "promoted": promoted,
            "facets": facets,
            "chosen_type": chosen_type and f"{chosen_type.app_label}.{chosen_type.model}",
            "matched_all": matched_all,
            "corrections": parsed.corrections,
            "suggestion": suggested,
            "sections": sections,
            "search_messages": messages,
        },
    )


def specific_in_order(pages):
    """The specific pages of a page of results, in the results' order (one query per type)."""
    pages = list(pages)
    specific = {
        page.pk: page for page in Page.objects.filter(pk__in=[p.pk for p in pages]).specific()
    }
    return [specific.get(page.pk, page) for page in pages]
