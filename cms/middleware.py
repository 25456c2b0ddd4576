"""Gives Wagtail its per-request Site from the chrome's process memory (see cms/chrome.py), and
the visitor's address behind a trusted proxy."""

from django.conf import settings
from django.http import Http404
from wagtail.views import serve

from cms.chrome import prime_site
from cms.views import page_not_found


class CachedSiteMiddleware:
    """Wagtail looks the Site up once per request (`Site.find_for_request` stores it as
    `request._wagtail_site`). For a page this answers from memory, checked against the content
    version; other views (an API endpoint, an xAPI statement) never need a Site, so they pay
    nothing, and the templates' chrome primes it the same way when it is first needed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve:
            prime_site(request)


class SiteNotFoundPageMiddleware:
    """Development only (config.settings.dev): a 404 shows the site's own "Page not found" in
    the request's language, as visitors see it, instead of Django's technical 404 that DEBUG
    gives. Decided so because most 404s met in development are pages (a slug, a missing
    translation under /en/), and the site's page is what has to be checked; the technical page,
    which lists the URL patterns, comes back with `?technical404` on the address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and "technical404" not in request.GET:
            return page_not_found(request, exception)
        return None


class ProxiedClientAddressMiddleware:
    """Behind the reverse proxy every request comes from the proxy's address; per-address rules
    (the newsletter's signup limit) need the visitor's. A request from an address listed in
    `TRUSTED_PROXIES` takes REMOTE_ADDR from the X-Real-IP header the proxy sets
    (deploy/nginx/); from anywhere else the header is ignored, so nobody can choose their own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.trusted = frozenset(settings.TRUSTED_PROXIES)

    def __call__(self, request):
        if self.trusted and request.META.get("REMOTE_ADDR") in self.trusted:
            real = request.META.get("HTTP_X_REAL_IP", "").strip()
            if real:
                request.META["REMOTE_ADDR"] = real
        return self.get_response(request)
