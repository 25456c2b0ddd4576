"""Content of other apps tagged with an instrument, found without importing those apps.

Courses, events or any other app tag their pages with `practices.Instrument` through their own
ForeignKey or (Parental)ManyToManyField. The guide of an instrument discovers those relations at
runtime from `Instrument._meta.related_objects` and lists the live pages on the other side.
An app whose tagging is not a direct field of a page (e.g. tags on an inline model) can register
a function instead:

    from practices.related import register
    register(lambda instrument, locale: MyPage.objects.live().filter(...), label="...")
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from wagtail.models import Page

from practices import caching
from practices.models import Instrument

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


# Tagged pages of other apps are cached under a version that every save or deletion of any page
# (and any change of a many-to-many relation) renews: see practices.handlers.
VERSION_KEY = "practices:tagged:version"


def bump_version():
    caching.bump(VERSION_KEY)


def _tagged_rows(instrument_id, locale_id, limit):
    """[(model label, [(title, url_path), ...]), ...] of the discovered page types, read with
    one query over Wagtail's page table (the first `limit` titles of each type by a window
    rank), whatever the number of apps."""
    discovered = list(_discovered(Instrument))
    if not discovered:
        return []
    tagged = Q()
    for model, field_name in discovered:
        tagged |= Q(pk__in=model.objects.filter(**{field_name: instrument_id}).values("pk"))
    rows = (
        Page.objects.live()
        .filter(tagged, locale_id=locale_id)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("content_type")], order_by=F("title").asc())
        )
        .filter(rank__lte=limit)
        .order_by("title", "pk")
        .values_list("content_type_id", "title", "url_path")
    )
    models = list(dict.fromkeys(model for model, _field_name in discovered))
    by_model = {}
    for content_type_id, title, url_path in rows:
        cls = ContentType.objects.get_for_id(content_type_id).model_class()
        model = next((m for m in models if cls is not None and issubclass(cls, m)), None)
        by_model.setdefault(model, []).append((title, url_path))
    return [(model._meta.label, by_model[model][:limit]) for model in models if by_model.get(model)]


def tagged_pages(instrument, locale, limit=10, request=None):
    """[{"label": "Courses", "pages": [{"title", "url"}, ...]}, ...]: live pages of other apps
    tagged with the instrument, one group per page type, in the page's language.
    `instrument` and `locale` may be objects or primary keys; registered functions get objects
    and their pages are listed with their own URLs."""
    instrument_id = getattr(instrument, "pk", instrument)
    locale_id = getattr(locale, "pk", locale)
    rows = caching.versioned(
        VERSION_KEY,
        ("tagged", instrument_id, locale_id, limit),
        lambda: _tagged_rows(instrument_id, locale_id, limit),
    )
    groups = [
        {
            "label": apps.get_model(label)._meta.verbose_name_plural,
            "pages": [
                {"title": title, "url": Page(url_path=url_path).get_url(request)}
                for title, url_path in pages
            ],
        }
        for label, pages in rows
    ]
    if _registry:
        from wagtail.models import Locale

        if not hasattr(instrument, "pk"):
            instrument = Instrument.objects.get(pk=instrument_id)
        if not hasattr(locale, "pk"):
            locale = Locale.objects.get(pk=locale_id)
    for func, label in _registry:
        pages = list(func(instrument, locale)[:limit])
        if pages:
            groups.append(
                {
                    "label": label,
                    "pages": [{"title": p.title, "url": p.get_url(request)} for p in pages],
                }
            )
    return groups
