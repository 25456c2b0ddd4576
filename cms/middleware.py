"""Sets Wagtail's per-request Site from the chrome's process memory (see cms/chrome.py)."""

from cms.chrome import site_for_request


class CachedSiteMiddleware:
    """Wagtail looks the Site up once per request (`Site.find_for_request` stores it as
    `request._wagtail_site`); this answers from memory, checked against the chrome version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        site = site_for_request(request)
        if site is not None:
            request._wagtail_site = site
        return self.get_response(request)
