"""Production: PostgreSQL, Redis, several web and worker processes behind HTTPS.

Refuses to start without SECRET_KEY and ALLOWED_HOSTS, naming the missing variable, rather than
falling back to something that hides the mistake.
"""

import sys

from .base import *  # noqa: F403
from .base import ENV_ALLOWED_HOSTS, ENV_SECRET_KEY, STORAGES

for _name, _value in (("SECRET_KEY", ENV_SECRET_KEY), ("ALLOWED_HOSTS", ENV_ALLOWED_HOSTS)):
    if not _value:
        # One line on stderr and exit code 1: an operator sees the cause, not a traceback.
        sys.exit(
            f"Configuration error: {_name} is not set; production needs it in the environment."
        )

DEBUG = False
SECRET_KEY = ENV_SECRET_KEY
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
STORAGES = {
    **STORAGES,  # the private H5P storage (base.py, "Uploaded files")
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
