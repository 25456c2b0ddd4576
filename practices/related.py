"""Content of other apps tagged with an instrument, found without importing those apps.

Courses, events or any other app tag their pages with `practices.Instrument` through their own
ForeignKey or (Parental)ManyToManyField. The guide of an instrument discovers those relations at
runtime from `Instrument._meta.related_objects` and lists the live pages on the other side.
An app whose tagging is not a direct field of a page (e.g. tags on an inline model) can register
a function instead:

    from practices.related import register
    register(lambda instrument, locale: MyPage.objects.live().filter(...), label="...")
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

_registry = []


def register(func, label):
    """`func(instrument, locale)` returns a queryset of pages tagged with the instrument."""
    _registry.append((func, label))


def _discovered(instrument_model):
    for rel in instrument_model._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label == "practices" or not issubclass(model, Page):
            continue
        yield model, rel.field.name


def tagged_pages(instrument, locale, limit=10):
    """[{"label": "Courses", "pages": [...]}, ...]: live pages of other apps tagged with the
    instrument, one group per page type, in the page's language.

    All discovered page types are read with one query over Wagtail's page table (the first
    `limit` titles of each type, by a window rank), whatever the number of apps. `instrument`
    and `locale` may be objects or primary keys; registered functions get them as given."""
    instrument_id = getattr(instrument, "pk", instrument)
    locale_id = getattr(locale, "pk", locale)
    discovered = list(_discovered(_instrument_model()))
    groups = []
    if discovered:
        tagged = Q()
        for model, field_name in discovered:
            tagged |= Q(pk__in=model.objects.filter(**{field_name: instrument_id}).values("pk"))
        pages = list(
            Page.objects.live()
            .filter(tagged, locale_id=locale_id)
            .annotate(
                rank=Window(
                    RowNumber(), partition_by=[F("content_type")], order_by=F("title").asc()
                )
            )
            .filter(rank__lte=limit)
            .order_by("title", "pk")
        )
        models = list(dict.fromkeys(model for model, _field_name in discovered))
        by_model = {}
        for page in pages:
            cls = ContentType.objects.get_for_id(page.content_type_id).model_class()
            model = next((m for m in models if cls is not None and issubclass(cls, m)), None)
            by_model.setdefault(model, []).append(page)
        for model in models:
            if by_model.get(model):
                groups.append(
                    {"label": model._meta.verbose_name_plural, "pages": by_model[model][:limit]}
                )
    if _registry:
        from wagtail.models import Locale

        if not hasattr(instrument, "pk"):
            instrument = _instrument_model().objects.get(pk=instrument_id)
        if not hasattr(locale, "pk"):
            locale = Locale.objects.get(pk=locale_id)
    for func, label in _registry:
        pages = list(func(instrument, locale)[:limit])
        if pages:
            groups.append({"label": label, "pages": pages})
    return groups


def _instrument_model():
    from practices.models import Instrument

    return Instrument
