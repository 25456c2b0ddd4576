"""Content of other apps tagged with an instrument, found without importing those apps.

Courses, events or any other app tag their pages with `practices.Instrument` through their own
ForeignKey or (Parental)ManyToManyField. The guide of an instrument discovers those relations at
runtime from `Instrument._meta.related_objects` and lists the live pages on the other side.
An app whose tagging is not a direct field of a page (e.g. tags on an inline model) can register
a function instead:

    from practices.related import register
    register(lambda instrument, locale: MyPage.objects.live().filter(...), label="...")
"""

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
    instrument, one group per page type, in the page's language."""
    groups = []
    for model, field_name in _discovered(type(instrument)):
        pages = list(
            model.objects.live()
            .filter(**{field_name: instrument, "locale": locale})
            .distinct()
            .order_by("title")[:limit]
        )
        if pages:
            groups.append({"label": model._meta.verbose_name_plural, "pages": pages})
    for func, label in _registry:
        pages = list(func(instrument, locale)[:limit])
        if pages:
            groups.append({"label": label, "pages": pages})
    return groups
