"""The site chrome (main menu, home links per language, footer and legal links) as plain values.

Every public page shows the same menu and footer, so they are built once per site and language
and kept in process memory under a version stamp. The stamp lives in the shared cache and changes
whenever a page, a site or the site settings are saved or deleted, so every process rebuilds on
its next request. Cost per request: one cache read instead of a dozen queries.
"""

import threading
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, Page, Site

from cms.models import SearchSynonym, SiteSettings

VERSION_KEY = "mwf:chrome:version"
_store = {}
_lock = threading.Lock()


def content_version(request=None):
    """The current content stamp, read from the cache once per request. Other apps key their
    own process-memory caches on it (any page, site or settings save changes it)."""
    version = getattr(request, "_mwf_chrome_version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    if request is not None:
        request._mwf_chrome_version = version
    return version


def bump_version(**kwargs):
    """Invalidate every process's chrome: now (this connection sees its own writes) and again
    after commit (others may have rebuilt from the data before the commit meanwhile)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


@receiver(post_save)
@receiver(post_delete)
def _on_content_change(sender, instance, **kwargs):
    if isinstance(instance, Page | Site | SiteSettings | Locale | SearchSynonym):
        bump_version()


def _localized(page, locale):
    if page is None:
        return None
    translated = page.get_translation_or_none(locale) if page.locale_id != locale.pk else page
    if translated is not None and translated.live:
        return translated
    return page if page.live else None


def _build(request, site, language):
    locale = Locale.objects.filter(language_code=language).first() or site.root_page.locale
    home = _localized(site.root_page, locale)
    menu = []
    if home is not None:
        for child in home.get_children().live().in_menu().public():
            menu.append(
                {
                    "title": child.title,
                    "url": child.get_url(request),
                    "path": child.path,
                    "description": child.search_description,
                    "content_type_id": child.content_type_id,
                }
            )
    home_urls = {}
    for translated in (
        site.root_page.get_translations(inclusive=True).live().select_related("locale")
    ):
        home_urls[translated.locale.language_code] = translated.get_url(request)
    settings_obj = SiteSettings.for_site(site)
    statement = _localized(settings_obj.accessibility_statement, locale)
    privacy = _localized(settings_obj.privacy_policy, locale)
    easy_read = _localized(settings_obj.easy_read_page, locale)
    sign_language = _localized(settings_obj.sign_language_page, locale)
    english = language == "en"
    return {
        "home_url": home.get_url(request) if home is not None else "/",
        "home_path": home.path if home is not None else None,
        "home_title": home.title if home is not None else "",
        "home_urls": home_urls,
        "menu": menu,
        "organisation": settings_obj.organisation,
        "address": settings_obj.address,
        "contact_email": settings_obj.contact_email,
        "contact_phone": settings_obj.contact_phone,
        "social": [
            (name, url)
            for name, url in (
                ("Facebook", settings_obj.facebook_url),
                ("LinkedIn", settings_obj.linkedin_url),
                ("YouTube", settings_obj.youtube_url),
            )
            if url
        ],
        "partners": [
            {
                "name": block.value["name"],
                "role": (english and block.value.get("role_en")) or block.value.get("role"),
                "url": block.value.get("url"),
            }
            for block in settings_obj.partners
        ],
        "funding_note": (english and settings_obj.funding_note_en) or settings_obj.funding_note,
        "statement_url": statement.get_url(request) if statement else None,
        "statement_full_url": statement.get_full_url(request) if statement else None,
        "privacy_url": privacy.get_url(request) if privacy else None,
        "easy_read_url": easy_read.get_url(request) if easy_read else None,
        "sign_language_url": sign_language.get_url(request) if sign_language else None,
    }


def _remember(key, value):
    with _lock:
        if len(_store) > 4096:
            _store.clear()
        _store[key] = value


def site_for_request(request):
    """Wagtail's Site for this request's host, kept like the chrome (a site or page save changes
    the version): Wagtail would otherwise query the site table on every request."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (content_version(request), "site", hostname, request.get_port())
    site = _store.get(key)
    if site is None:
        site = Site._find_for_request(request)
        if site is not None:
            _remember(key, site)
    return site


def prime_site(request):
    """Set Wagtail's `request._wagtail_site` from memory unless it is already known; returns it."""
    if not hasattr(request, "_wagtail_site"):
        site = site_for_request(request)
        if site is None:
            return Site.find_for_request(request)
        request._wagtail_site = site
    return request._wagtail_site


def ancestor_crumbs(request, page):
    """[{title, url}] of the ancestors of `page` below the tree root, kept like the chrome."""
    key = (content_version(request), "crumbs", page.path[: -Page.steplen], request.get_host())
    crumbs = _store.get(key)
    if crumbs is None:
        crumbs = [
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in Page.objects.ancestor_of(page).filter(depth__gt=1)
        ]
        _remember(key, crumbs)
    return crumbs


def site_chrome(request):
    """The chrome for this request's site and language (plain, template-ready values)."""
    site = prime_site(request)
    if site is None:
        return None
    language = translation.get_language() or "pl"
    key = (content_version(request), site.pk, site.root_page_id, language)
    chrome = _store.get(key)
    if chrome is None:
        chrome = _build(request, site, language)
        _remember(key, chrome)
    return chrome


def page_translation_urls(request, page):
    """{language code: URL} of the live translations of `page`, kept like the chrome (any page
    save changes the version), so the language switcher usually costs no query."""
    site = prime_site(request)
    key = (
        content_version(request),
        site.pk if site else None,
        "translations",
        page.translation_key,
    )
    urls = _store.get(key)
    if urls is None:
        urls = {
            p.locale.language_code: p.get_url(request)
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        _remember(key, urls)
    return urls
