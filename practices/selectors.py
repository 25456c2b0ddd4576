"""Read-only queries of the knowledge base used by pages and other apps."""

from practices.models import Instrument, InstrumentPage, PracticeIndexPage, PracticePage


def instruments():
    return list(Instrument.objects.all())


def practices_using(instrument, locale, limit=6):
    """The newest live practices that use `instrument`, and how many there are in all."""
    qs = PracticePage.objects.live().filter(
        locale=locale, instrument_keys__contains=f",{instrument.pk},"
    )
    items = list(
        qs.order_by("-start_year", "sort_title").only(
            "title", "url_path", "jst_name", "voivodeship", "start_year", "lead"
        )[:limit]
    )
    return {"items": items, "count": qs.count() if len(items) == limit else len(items)}


def catalogue_url(locale, request=None):
    index = PracticeIndexPage.objects.live().filter(locale=locale).first()
    return index.get_url(request) if index else None


def instruments_with_guides(practice, request=None):
    """The practice's instruments, each with the URL of its guide (if published)."""
    instruments = list(practice.instruments.all())
    guides = InstrumentPage.objects.live().filter(
        locale=practice.locale, instrument__in=instruments
    )
    urls = {guide.instrument_id: guide.get_url(request) for guide in guides}
    for instrument in instruments:
        instrument.guide_url = urls.get(instrument.pk)
    return instruments
