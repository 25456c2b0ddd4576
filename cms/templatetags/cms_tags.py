"""Site chrome: main menu, breadcrumbs and the language switcher. They read the cached chrome
(cms/chrome.py), so the menu costs no query, breadcrumbs at most one and the language switcher
one, whatever the size of the tree."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from cms.chrome import ancestor_crumbs, page_translation_urls, site_chrome

register = template.Library()


def _chrome(context):
    chrome = context.get("chrome")
    if chrome is None:
        chrome = site_chrome(context["request"])
    return chrome or {}


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    chrome = _chrome(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    items = [
        {**item, "active": bool(current_path and current_path.startswith(item["path"]))}
        for item in chrome.get("menu", [])
    ]
    return {"home_url": chrome.get("home_url", "/"), "items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context["request"]
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    chrome = _chrome(context)
    if page.depth == 3 and chrome.get("home_path") == page.path[: -Page.steplen]:
        # A section page: its only ancestor is the home page, known without a query.
        crumbs = [{"title": chrome["home_title"], "url": chrome["home_url"]}]
    else:
        crumbs = list(ancestor_crumbs(request, page))
    crumbs.append({"title": page.title, "url": None})
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def language_links(context):
    """For a page: its live translations (falling back to the home page in that language),
    keeping a routable page's sub-route (a training's registration form stays the form). For
    any other view: the same URL in the other language (translated URL patterns)."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    translations = page_translation_urls(request, page) if isinstance(page, Page) else {}
    home_urls = _chrome(context).get("home_urls", {})
    own = translations.get(current) or ""
    tail = request.path[len(own) :] if own.startswith("/") and request.path.startswith(own) else ""
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translations.get(code)
            url = url + tail if url else home_urls.get(code)
        else:
            # Keep a short query string (a search) but never echo an overlong one.
            query = request.META.get("QUERY_STRING", "")
            path = f"{request.path}?{query}" if query and len(query) <= 300 else request.path
            url = translate_url(path, code)
        if url:
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
