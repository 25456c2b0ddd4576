"""Accessible form fields: every input labelled, its help and its errors linked to it with
aria-describedby, aria-invalid on errors (WCAG 1.3.1, 3.3.1, 3.3.2)."""

from django import template
from django.forms import CheckboxInput, RadioSelect

register = template.Library()


@register.inclusion_tag("accounts/includes/field.html")
def form_field(field, autofocus=False):
    help_id = f"{field.auto_id}_help" if field.help_text else ""
    error_id = f"{field.auto_id}_error" if field.errors else ""
    attrs = {}
    described = " ".join(i for i in (help_id, error_id) if i)
    if described:
        attrs["aria-describedby"] = described
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and not isinstance(field.field.widget, CheckboxInput):
        attrs["required"] = True
    if autofocus:
        attrs["autofocus"] = True
    attrs.pop("placeholder", None)
    field.field.widget.attrs.pop("placeholder", None)
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs),
        "help_id": help_id,
        "error_id": error_id,
        "is_checkbox": isinstance(field.field.widget, CheckboxInput),
        "is_group": isinstance(field.field.widget, RadioSelect),
    }
