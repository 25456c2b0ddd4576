"""Tests: pytest-django uses this module (pyproject.toml). DATABASE_URL / REDIS_URL, when set,
switch the suite to PostgreSQL / Redis exactly as in production."""

from .base import *  # noqa: F403
from .base import Q_CLUSTER, STORAGES

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]  # the test client and the live server use several host names
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inline in tests, so a test sees the e-mail a task sends.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Static files come straight from the apps (no collectstatic in tests); the live server used by
# browser tests serves them through WhiteNoise's finders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
