"""The site's Content-Security-Policy (django-csp), with the H5P origin as an allowed frame.

The strict policy (`CONTENT_SECURITY_POLICY` in settings) covers every page people read: scripts
and styles only from the site's own files, no inline script, no plugins. Three places differ:

- the H5P origin (`request.h5p_origin`, h5p/middleware.py) keeps the headers its views set: its
  pages run package code in a sandbox under their own, stricter policy;
- the Wagtail and Django admins get `CONTENT_SECURITY_POLICY_ADMIN`: Wagtail 8's admin still
  writes inline scripts (inline panels, date pickers) and inline styles, so a strict policy
  would break editing; the admin keeps the directives that cost it nothing (no plugins, no
  foreign <base>, forms only to the site, framed only by the site) and is behind 2FA;
- responses that are not HTML pages (files, PDFs, JSON) are left alone.

`frame-src` gains `settings.H5P_ORIGIN` on each request rather than at settings load, so a test
(or a site) that moves the origin is framed correctly.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def is_admin_path(path):
    return path.startswith(ADMIN_PREFIXES)


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if getattr(request, "h5p_origin", False):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        update = dict(parts.update or {})
        update["frame-src"] = [*(update.get("frame-src") or []), settings.H5P_ORIGIN]
        parts.update = update
        return parts
