"""Pieces the home page borrows from the domain apps. The home page sits on top of them, so it
may import them; each piece renders nothing while its app does not provide it yet."""

import functools
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
    """The newsletter's `{% newsletter_signup %}` form, when the newsletter app provides it."""
    snippet = _signup_snippet(context.template.engine)
    return snippet.render(context) if snippet is not None else ""


@functools.cache
def _signup_snippet(engine):
    """Compiled once per template engine (compiling on every request cost a third of the home
    page's time)."""
    if not _has_module("newsletter.templatetags.newsletter_tags"):
        return None
    return engine.from_string("{% load newsletter_tags %}{% newsletter_signup %}")
