"""Gives Wagtail its per-request Site from the chrome's process memory (see cms/chrome.py)."""

from wagtail.views import serve

from cms.chrome import prime_site


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
