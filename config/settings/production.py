"""Production: PostgreSQL, Redis, several web and worker processes behind HTTPS.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, or with an H5P_ORIGIN that is missing,
not HTTPS or the site's own origin, naming the variable, rather than falling back to something
that hides the mistake.
"""

import logging
import sys
from urllib.parse import urlsplit

from cms.request_log import json_logging

from .base import *  # noqa: F403
from .base import (
    BASE_URL,
    ENV_ALLOWED_HOSTS,
    ENV_H5P_ORIGIN,
    ENV_SECRET_KEY,
    LOG_FORMAT,
    LOG_LEVEL,
    STORAGES,
)


def _origin(url):
    """(scheme, host, port) with the scheme's default port filled in, for comparing origins."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    return (
        parts.scheme,
        (parts.hostname or "").lower(),
        port or {"https": 443}.get(parts.scheme, 80),
    )


def h5p_origin_problem(h5p_origin, base_url):
    """Why H5P_ORIGIN cannot serve the packages, or None. Packages run their own scripts: only a
    separate HTTPS origin keeps them away from the site's cookies and pages."""
    if not h5p_origin:
        return (
            "H5P_ORIGIN is not set; production needs the separate HTTPS origin of the H5P player."
        )
    origin = _origin(h5p_origin)
    if origin is None or not origin[1] or urlsplit(h5p_origin).path not in ("", "/"):
        return f"H5P_ORIGIN={h5p_origin!r} is not an origin (https://host[:port], no path)."
    if origin[0] != "https":
        return f"H5P_ORIGIN={h5p_origin!r} is not HTTPS; production serves the H5P player over HTTPS only."
    if origin == _origin(base_url):
        return f"H5P_ORIGIN={h5p_origin!r} is the site's own origin (BASE_URL); it must be a separate host."
    return None


for _name, _value in (("SECRET_KEY", ENV_SECRET_KEY), ("ALLOWED_HOSTS", ENV_ALLOWED_HOSTS)):
    if not _value:
        # One line on stderr and exit code 1: an operator sees the cause, not a traceback.
        sys.exit(
            f"Configuration error: {_name} is not set; production needs it in the environment."
        )
if _problem := h5p_origin_problem(ENV_H5P_ORIGIN, BASE_URL):
    sys.exit(f"Configuration error: {_problem}")

DEBUG = False
# Every account with admin access signs in with a code from an authenticator app.
MFA_REQUIRED_FOR_ADMIN = True
SECRET_KEY = ENV_SECRET_KEY
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
STORAGES = {
    **STORAGES,  # media and H5P: local folders, or S3 with MWF_S3_BUCKET (base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# --- Operations (issue #17) --------------------------------------------------------------------
# Health probes come on the internal HTTP port, from the proxy or a load balancer (cms/ops.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if LOG_FORMAT != "text":
    LOGGING = json_logging(LOG_LEVEL)
    # Python's warnings (a library's deprecation, a missing folder) become JSON lines as well.
    logging.captureWarnings(True)
