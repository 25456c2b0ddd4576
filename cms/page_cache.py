"""The shared page cache in front of the site (nginx `proxy_cache`, deploy/nginx/): which
responses it may keep, and how an editor's change leaves it.

Marking (`PageCacheMiddleware`). nginx keeps only what Django marks `Cache-Control: public,
s-maxage=N`, and never looks at a request that carries the session or the messages cookie.
Django marks a response public only when it is the same for every anonymous visitor: a GET of a
Wagtail page (or the sitemap, or the training calendar feed) without a query string, answered
200, to a request without the session or messages cookie, with no cookie set in return and no
CSRF token written into it (a token belongs to one visitor's cookie). Such a response loses
`Vary: Cookie` (no cookie changes it: that is what was just checked) and `Vary: Accept-Language`
(the language comes from the path: Polish unprefixed, English under /en/). Every other response
that has not chosen its own `Cache-Control` is marked `private`, so no shared cache keeps a
page with someone's name, a form with their token or their messages.

Purging (`purge_after_publish` & co.). When a page is published, unpublished or moved, every
address that shows it is purged from nginx after the transaction commits: the page itself (at
its old and new address for a move, with its descendants), its translations, every ancestor up
to the home page (indexes list their children, the home page its sections), the sitemap and the
training calendar feed of each language. The purge goes through Wagtail's frontend-cache
machinery (`wagtail.contrib.frontend_cache`'s `PurgeBatch`) to `NginxPurgeBackend`, an HTTP
PURGE on nginx's purge listener (ngx_cache_purge, Debian's libnginx-mod-http-cache-purge), set by
`PAGE_CACHE_PURGE_URLS`. What no publish announces (site settings, snippets, seat counts of a
training) is at most `PAGE_CACHE_SECONDS` old.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

logger = logging.getLogger(__name__)

# URL names whose anonymous answers are the same for everyone (when the checks below pass).
CACHEABLE_VIEWS = {"wagtail_serve", "sitemap", "events:feed"}
# Addresses that list many pages: purged with any page (names reversed in each language).
LISTING_VIEWS = ("sitemap", "events:feed")
# django.contrib.messages' cookie storage (CookieStorage.cookie_name).
MESSAGES_COOKIE = "messages"
# Headers a public response no longer varies on (see the module docstring).
_NOT_VARYING = {"cookie", "accept-language"}


def _cache_seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def is_shared(request, response):
    """True when `response` may be kept by the shared cache and given to any anonymous visitor."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in CACHEABLE_VIEWS:
        return False
    if request.META.get("QUERY_STRING"):
        return False  # filters and search results: not purged by path, so never kept
    cookie_names = (settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE)
    if any(name in request.COOKIES for name in cookie_names):
        return False
    if response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    return not getattr(response, "streaming", False)


def _drop_vary(response, names):
    if not response.has_header("Vary"):
        return
    kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() not in names]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


class PageCacheMiddleware:
    """Marks each response public (for the shared cache) or private; see the module docstring.
    Sits above SessionMiddleware and CsrfViewMiddleware so that it sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view chose (files, H5P, private renditions)
        if is_shared(request, response):
            seconds = _cache_seconds()
            patch_cache_control(response, public=True, s_maxage=seconds, max_age=0)
            _drop_vary(response, _NOT_VARYING)
        else:
            patch_cache_control(response, private=True)
        return response


# --- purging ------------------------------------------------------------------------------------


class NginxPurgeBackend(BaseBackend):
    """PURGE <path> on nginx's purge listener (LOCATION). The cache key is the path with its query,
    so the host of the page's site does not matter. A 404 means "was not cached": no error."""

    def __init__(self, params):
        super().__init__(params)
        location = urlsplit(params.pop("LOCATION"))
        self.scheme, self.netloc = location.scheme, location.netloc
        self.timeout = params.pop("TIMEOUT", 5)

    def purge(self, url):
        parts = urlsplit(url)
        target = urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, ""))
        request = Request(target, method="PURGE")  # noqa: S310 - LOCATION comes from settings
        try:
            with urlopen(request, timeout=self.timeout):  # noqa: S310
                pass
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from the page cache: HTTP %s", url, error.code)
        except URLError as error:
            logger.error("Could not purge %s from the page cache: %s", url, error.reason)


def _listing_urls():
    urls = []
    for site in Site.objects.all():
        root = site.root_url
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for name in LISTING_VIEWS:
                    try:
                        urls.append(root + reverse(name))
                    except NoReverseMatch:
                        continue
    return urls


def _page_urls(page):
    """Every address showing `page`: itself (also when just unpublished), its live
    translations, and the ancestors of both up to the home page."""
    pages = [page]
    pages.extend(page.get_translations().live())
    for version in list(pages):
        pages.extend(version.get_ancestors().filter(depth__gt=1, live=True))
    urls = []
    for each in pages:
        for url in _urls_of(each):
            if url not in urls:
                urls.append(url)
    return urls


def _urls_of(page):
    """The page's address and its routable sub-addresses (Wagtail's `get_cached_paths`)."""
    page = page.specific_deferred
    full = page.get_full_url()
    if not full:
        return []
    return [full + path[1:] for path in page.get_cached_paths()]


def _purging():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge(urls):
    """Purges `urls` and the listings once the current transaction commits."""
    if not _purging():
        return
    urls = list(urls)

    def run():
        batch = PurgeBatch()
        batch.add_urls([*urls, *_listing_urls()])
        batch.purge()

    transaction.on_commit(run)


def purge_after_publish(sender, instance, **kwargs):
    if _purging():
        purge(_page_urls(instance))


# Page id -> its addresses before the move in progress (the move's two signals may carry two
# different objects of the page, so nothing is kept on the instance).
_before_move = {}


def remember_old_urls(sender, instance, **kwargs):
    """Before a move: the page's and its live descendants' addresses, which stop existing."""
    if not _purging():
        return
    urls = []
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        urls.extend(_urls_of(page))
    old_parent = instance.get_parent()
    _before_move[instance.pk] = urls + (_page_urls(old_parent) if old_parent else [])


def purge_after_move(sender, instance, **kwargs):
    if not _purging():
        return
    urls = _before_move.pop(instance.pk, [])
    for page in Page.objects.descendant_of(instance, inclusive=True).live().specific():
        urls.extend(_urls_of(page))
    urls.extend(_page_urls(instance))
    purge(dict.fromkeys(urls))


def connect():
    page_published.connect(purge_after_publish, dispatch_uid="cms.page_cache.published")
    page_unpublished.connect(purge_after_publish, dispatch_uid="cms.page_cache.unpublished")
    pre_page_move.connect(remember_old_urls, dispatch_uid="cms.page_cache.pre_move")
    post_page_move.connect(purge_after_move, dispatch_uid="cms.page_cache.moved")
