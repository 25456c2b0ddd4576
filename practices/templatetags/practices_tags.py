"""Formatting helpers of the knowledge base templates."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from practices.blocks import LIMIT_BOUNDS, LIMIT_UNITS, MONTHS

register = template.Library()


@register.filter
def pln(value):
    """12500 -> "12 500 zł" (grouped, no needless decimals)."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral() else 2
    return f"{number_format(value, places, use_l10n=True, force_grouping=True)} zł"


@register.filter
def amount(value):
    if value in (None, ""):
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral() else 2
    return number_format(value, places, use_l10n=True, force_grouping=True)


@register.filter
def bound_label(value):
    return dict(LIMIT_BOUNDS).get(value, "")


@register.filter
def unit_label(value):
    return dict(LIMIT_UNITS).get(value, value)


@register.filter
def month_label(value):
    return dict(MONTHS).get(int(value), value)


@register.simple_tag
def document_meta(document):
    """ "PDF, 1.2 MB": the type and size that a download link must state (WCAG 2.4.4)."""
    size = document.get_file_size()
    kind = (document.file_extension or "").upper() or _("file")
    return f"{kind}, {filesizeformat(size)}" if size else kind
