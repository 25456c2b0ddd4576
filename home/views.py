"""Site search across every page type, through the site's one search (cms.search): results with
their type and matched passage, counts by type to narrow them, a suggestion and the site's
sections when nothing is found; and the plain-text version of the easy-to-read information."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms import search as site_search
from cms import search_log
from cms.chrome import prime_site
from cms.models import SiteSettings
from cms.safe_text import clean_text
from home.easy_read import EasyReadPage

logger = logging.getLogger(__name__)

# Longer queries are cut, never refused: the page answers normally whatever was typed.
MAX_QUERY_LENGTH = site_search.MAX_QUERY_CHARS
RESULTS_PER_PAGE = 10


def search(request):
    # Cleaned first: a NUL or a lone surrogate would reach the search log's INSERT (PostgreSQL
    # refuses NUL in text).
    raw_query = " ".join(clean_text(request.GET.get("q", "")).split())
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


def _easy_read_page(request, locale):
    """The easy-to-read page of the site settings in `locale` (or the page itself when it has
    no live translation), else the first live easy-to-read page of `locale`."""
    chosen = SiteSettings.for_request(request).easy_read_page
    if chosen is not None:
        translated = chosen.get_translation_or_none(locale) or chosen
        for candidate in (translated, chosen):
            if candidate.live and isinstance(candidate.specific, EasyReadPage):
                return candidate.specific
    return EasyReadPage.objects.live().public().filter(locale=locale).order_by("path").first()


def scope_of_activity_txt(request):
    """The information about the programme's scope of activity as a UTF-8 plain-text file,
    made from the easy-to-read page of the current language (so the two never disagree)."""
    locale = Locale.get_active()
    page = _easy_read_page(request, locale)
    if page is None:
        raise Http404(_("There is no easy-to-read text on this site yet."))
    site_settings = SiteSettings.for_request(request)
    footer = ["", "--"]
    if site_settings.organisation:
        footer.append(site_settings.organisation)
    footer.append(_("Source: %(url)s") % {"url": page.get_full_url(request)})
    if page.last_published_at:
        footer.append(
            _("Last updated: %(date)s") % {"date": page.last_published_at.date().isoformat()}
        )
    text = page.as_plain_text() + "\n".join(footer) + "\n"
    response = HttpResponse(text.encode("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{_("scope-of-activity.txt")}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
