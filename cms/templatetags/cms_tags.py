"""Site chrome: main menu, breadcrumbs and the language switcher. Each costs a constant number
of queries whatever the size of the tree."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def _home_for_request(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    localized = root.localized
    return localized if localized.live else root


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    home = _home_for_request(request)
    current = context.get("page")
    items = []
    if home is not None:
        for child in home.get_children().live().in_menu().public():
            active = bool(current and current.path.startswith(child.path))
            items.append({"title": child.title, "url": child.get_url(request), "active": active})
    return {"home_url": home.get_url(request) if home else "/", "items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context["request"]
    if page is None or page.depth <= 2:
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gt=1)
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    crumbs.append({"title": page.title, "url": None})
    return {"crumbs": crumbs}


@register.simple_tag(takes_context=True)
def language_links(context):
    """For a page: its live translations (falling back to the translated home page). For any
    other view: the same URL in the other language."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    links = []
    translations = {}
    if isinstance(page, Page):
        for p in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[p.locale.language_code] = p.get_url(request)
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif isinstance(page, Page):
            home = _home_for_request(request)
            other = (
                home.get_translation_or_none(Locale.objects.get(language_code=code))
                if home
                else None
            )
            url = other.get_url(request) if other and other.live else None
        else:
            url = translate_url(request.get_full_path(), code)
        if url:
            links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links
