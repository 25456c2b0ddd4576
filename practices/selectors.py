"""Read-only queries of the knowledge base used by pages and other apps."""

from django.db.models import Count, OuterRef, Subquery, Window
from wagtail.models import Page

from practices import caching, catalogue
from practices.models import Instrument, InstrumentPage, PracticeIndexPage, PracticePage


def instruments():
    return list(Instrument.objects.all())


def url_of_path(url_path, request=None):
    """The URL of the page at `url_path`, without loading the page (Wagtail needs only the
    path and the site root paths, which it keeps on the request)."""
    return Page(url_path=url_path).get_url(request) if url_path else None


def parent_path(page):
    """The `url_path` of a page's parent: its own path without the last segment (None for a
    page not yet in the tree, e.g. the preview of a new page)."""
    suffix = f"{page.slug}/"
    if not page.url_path or not page.slug or not page.url_path.endswith(suffix):
        return None
    return page.url_path[: -len(suffix)]


def practices_using(instrument_id, locale_id, request=None, limit=6):
    """The newest live practices that use the instrument, how many there are in all, and the
    URL of their catalogue. One query (the total is a window count over the same rows), cached
    under the catalogue's version, which every change of a practice renews."""

    def compute():
        return list(
            PracticePage.objects.live()
            .filter(locale_id=locale_id, instrument_keys__contains=f",{instrument_id},")
            .annotate(total=Window(Count("pk")))
            .order_by("-start_year", "sort_title")
            .values("pk", "title", "url_path", "slug", "jst_name", "start_year", "total")[:limit]
        )

    rows = caching.versioned(
        catalogue.VERSION_KEY, ("using", instrument_id, locale_id, limit), compute
    )
    items = [{**row, "url": url_of_path(row["url_path"], request)} for row in rows]
    catalogue_url = None
    if items:
        # Practices live under the catalogue page: its path is the parent of theirs.
        first = items[0]
        catalogue_url = url_of_path(first["url_path"][: -(len(first["slug"]) + 1)], request)
    return {
        "items": items,
        "count": items[0]["total"] if items else 0,
        "catalogue_url": catalogue_url,
    }


def catalogue_url(locale, request=None):
    index = PracticeIndexPage.objects.live().filter(locale=locale).first()
    return index.get_url(request) if index else None


def instruments_with_guides(practice, request=None):
    """The practice's instruments, each with the URL of its guide (if published): one query,
    the guide's path read by a subquery."""
    if getattr(request, "is_preview", False):
        # A preview shows the draft's instruments, which exist only in memory.
        instruments = list(practice.instruments.all())
        guides = InstrumentPage.objects.live().filter(
            locale_id=practice.locale_id, instrument__in=instruments
        )
        urls = {guide.instrument_id: guide.get_url(request) for guide in guides}
        for instrument in instruments:
            instrument.guide_url = urls.get(instrument.pk)
        return instruments
    guides = InstrumentPage.objects.live().filter(
        locale_id=practice.locale_id, instrument=OuterRef("pk")
    )
    instruments = list(
        Instrument.objects.filter(practices__pk=practice.pk).annotate(
            guide_path=Subquery(guides.order_by("path").values("url_path")[:1])
        )
    )
    for instrument in instruments:
        instrument.guide_url = (
            url_of_path(instrument.guide_path, request) if instrument.guide_path else None
        )
    return instruments
