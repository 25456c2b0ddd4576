"""`make bench`: the production settings on a loopback address. The benchmark talks plain HTTP
to gunicorn, as a TLS-terminating proxy would, so HTTPS redirects and secure-only cookies are
off; everything else (DEBUG off, compressed manifest static files, SMTP) is production's."""

from cms.request_log import json_logging

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# JSON logs as in production, without the per-request access line: `make bench` prints its
# figures on the same terminal, and thousands of access lines would bury them.
LOGGING = json_logging("WARNING")
