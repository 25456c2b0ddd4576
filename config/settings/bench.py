"""`make bench`: the production settings on a loopback address. The benchmark talks plain HTTP
to gunicorn, as a TLS-terminating proxy would, so HTTPS redirects and secure-only cookies are
off; everything else (DEBUG off, compressed manifest static files, SMTP) is production's."""

from .production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
