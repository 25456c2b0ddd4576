"""Pieces the home page borrows from the domain apps. The home page sits on top of them, so it
may import them; each piece renders nothing while its app does not provide it yet."""

import functools
import importlib

from django import template
from django.utils import translation
from wagtail.models import Locale

from cms.chrome import content_version
from cms.teryt import VOIVODESHIP_CHOICES
from events.selectors import upcoming_event_pages
from practices import caching as practices_caching
from practices.catalogue import VERSION_KEY as CATALOGUE_VERSION
from practices.catalogue import instrument_list
from practices.models import PracticeIndexPage

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
    # The short form: e-mail and one button (the lists are chosen after confirming).
    return engine.from_string("{% load newsletter_tags %}{% newsletter_signup compact=True %}")


def _finder_data(language):
    locale = Locale.objects.filter(language_code=language).first()
    catalogue = PracticeIndexPage.objects.live().filter(locale=locale).first()
    if catalogue is None:
        return None
    instruments = [(i.slug, i.display_name) for i in instrument_list()]
    return {"url": catalogue.url, "instruments": instruments}


@register.inclusion_tag("home/includes/practice_finder.html", takes_context=True)
def practice_finder(context):
    """Good practices of one instrument in one voivodeship from the home page in three actions
    (choose, choose, show), without JavaScript: a plain GET form onto the catalogue's own
    filters. Cached under the catalogue's version (instruments) and the page tree's."""
    language = translation.get_language() or "pl"
    data = practices_caching.versioned(
        CATALOGUE_VERSION,
        ("home-finder", language, content_version(context.get("request"))),
        lambda: _finder_data(language),
    )
    if data is None:
        return {}
    return {**data, "voivodeships": VOIVODESHIP_CHOICES}


@register.inclusion_tag("home/includes/next_training.html", takes_context=True)
def next_training(context):
    """The next training with a session open for registration, and a button straight to its
    form (prefilled from the profile): registering from the home page takes the button, the
    organisers' consent and questions, and "Zapisz się"."""
    request = context.get("request")
    language = translation.get_language() or "pl"
    locale = Locale.objects.filter(language_code=language).first()
    for page in upcoming_event_pages(limit=3, locale=locale):
        for session in page.shared_sessions():
            if session.registration_state() == "open":
                url = page.get_url(request) or ""
                return {
                    "page": page,
                    "session": session,
                    "register_url": f"{url}zapisy/{session.pk}/",
                }
    return {}
