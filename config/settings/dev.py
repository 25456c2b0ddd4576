"""Development: `make run` on any machine. Never used in production."""

from .base import *  # noqa: F403
from .base import ENV_ALLOWED_HOSTS, ENV_SECRET_KEY, MIDDLEWARE

DEBUG = True
# A fixed, public key is fine here and only here: production refuses to start without its own.
SECRET_KEY = ENV_SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# runserver serves static files from the apps; no collectstatic needed for `make run`.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
# A 404 shows the site's "Page not found" (Polish, or English under /en/) as in production,
# not Django's technical 404; add ?technical404 to an address for that (cms.middleware says why).
MIDDLEWARE = [*MIDDLEWARE, "cms.middleware.SiteNotFoundPageMiddleware"]
