"""Site search across every page type (Wagtail search), and the plain-text version of the
easy-to-read information."""

import logging

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from cms.models import SiteSettings
from cms.search import search_pages
from home.easy_read import EasyReadPage

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
