"""Pieces the home page borrows from the domain apps. The home page sits on top of them, so it
may import them; each piece renders nothing while its app does not provide it yet."""

import importlib

from django import template

register = template.Library()


def _has_module(name):
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            return False
        raise
    return True


@register.simple_tag(takes_context=True)
def newsletter_signup_box(context):
    """The newsletter's `{% newsletter_signup %}` form (CONTRACTS.md), when it exists."""
    if not _has_module("newsletter.templatetags.newsletter_tags"):
        return ""
    snippet = context.template.engine.from_string(
        "{% load newsletter_tags %}{% newsletter_signup %}"
    )
    return snippet.render(context)
