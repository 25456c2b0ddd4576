"""Routes the H5P origin to its own, tiny URL conf.

Add `"h5p.middleware.H5POriginMiddleware"` to MIDDLEWARE (right after SecurityMiddleware) when
one Django serves both the site and `H5P_ORIGIN` (production: two host names on one app).
On the H5P host only the player, the package files and the player assets exist; every page of
the site, the admin and the session-backed endpoints are 404 there, so code inside a package
can never reach them from its own origin. On the site's host nothing changes (and the H5P views
refuse to answer there anyway).
"""

from h5p import conf


class H5POriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            host = request.get_host().lower()
        except Exception:  # noqa: BLE001 - DisallowedHost: let Django answer it as usual
            return self.get_response(request)
        if host == conf.origin_netloc(conf.h5p_origin()):
            request.urlconf = "h5p.origin_urls"
            # No session, no language: the origin serves files only.
            request.h5p_origin = True
        return self.get_response(request)
