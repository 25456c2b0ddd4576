"""Settings shared by every environment.

The environment is read here and only here (see `.env.example` for every variable).
The embedded default needs nothing: SQLite at var/db.sqlite3, django-q2's database broker,
media in var/media. DATABASE_URL switches to PostgreSQL, REDIS_URL to Redis for the cache and
the task broker.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

# --- the environment, read once -------------------------------------------------------------
ENV_SECRET_KEY = os.environ.get("SECRET_KEY", "")
ENV_ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The separate origin that serves H5P packages and the player (never the site's own origin).
# Production refuses to start without it (ENV_H5P_ORIGIN empty); elsewhere the loopback default.
ENV_H5P_ORIGIN = os.environ.get("H5P_ORIGIN", "").strip().rstrip("/")
H5P_ORIGIN = ENV_H5P_ORIGIN or "http://127.0.0.1:8001"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MWF <szkolenia@mwf.example.pl>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
MEDIA_ROOT = os.environ.get("MEDIA_ROOT", str(VAR_DIR / "media"))
# Guests' personal data of a training is anonymised this many days after it (counts are kept).
EVENTS_GUEST_DATA_RETENTION_DAYS = int(os.environ.get("EVENTS_GUEST_DATA_RETENTION_DAYS", "730"))
EVENTS_GUEST_CONFIRMATION_HOURS = int(os.environ.get("EVENTS_GUEST_CONFIRMATION_HOURS", "24"))
# The shared page cache (nginx, deploy/nginx/; cms/page_cache.py): how long it keeps an anonymous
# page, and the purge listener of each nginx (comma-separated; empty: nothing is purged).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_PURGE_URLS = [
    u.strip() for u in os.environ.get("PAGE_CACHE_PURGE_URLS", "").split(",") if u.strip()
]
# Addresses of the reverse proxies in front of gunicorn (comma-separated): from these, the
# visitor's address is taken from X-Real-IP (cms/middleware.py, ProxiedClientAddressMiddleware).
TRUSTED_PROXIES = [a.strip() for a in os.environ.get("TRUSTED_PROXIES", "").split(",") if a.strip()]
# 1 only behind the repository's nginx: it sends documents after Django's check (X-Accel-Redirect).
DOCUMENTS_X_ACCEL_REDIRECT = os.environ.get("DOCUMENTS_X_ACCEL_REDIRECT", "") == "1"
# ---------------------------------------------------------------------------------------------

WAGTAILADMIN_BASE_URL = BASE_URL
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The domain apps, each standing on the shared ground (`cms`) and below the top floor. This is
# the one list of them: the demo loader, the demo editor's permissions and the personal-data
# requests (export, erasure) read it from here, in this order.
DOMAIN_APPS = [
    "accounts",
    "practices",
    "certificates",
    "courses",
    "quizzes",
    "h5p",
    "events",
    "newsletter",
    "recruitment",
    "paths",
    "dashboard",
]

# Where the domain apps' section pages (course index, training index, ...) may be created: the
# home page of each language. The domain apps read it here so that they never name the top floor;
# the home page lists the same sections in its `subpage_types`.
SECTION_PARENT_PAGE_TYPES = ["home.HomePage"]

INSTALLED_APPS = [
    # The shared ground (site chrome, shared blocks and templatetags, small interfaces) ...
    "cms",
    # ... the domain apps on it ...
    *DOMAIN_APPS,
    # ... and on top the pages that gather content from several domains and the demo content.
    # The project package (`config`: settings, urls, the API router, wsgi) is no app.
    "home",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_q",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: every later middleware's log lines carry the request's id (cms/request_log.py).
    "cms.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header (cms/csp.py); the H5P origin keeps its own.
    "cms.csp.SiteCSPMiddleware",
    # On the H5P host only the player and package files exist (see h5p/middleware.py).
    "h5p.middleware.H5POriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The visitor's address behind a trusted proxy (rate limits count people, not the proxy).
    "cms.middleware.ProxiedClientAddressMiddleware",
    # Public or private for the shared page cache; above the session and CSRF middleware so it
    # sees the cookies they set (cms/page_cache.py).
    "cms.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.middleware.CachedSiteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # With MFA_REQUIRED_FOR_ADMIN: no admin on a password alone (accounts/mfa.py).
    "accounts.mfa.AdminMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.accessibility",
                "cms.context_processors.site_chrome",
            ],
        },
    },
]

if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)
    if DATABASE_URL
    else {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
        "CONN_MAX_AGE": 60,
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer: wait for the lock instead of failing at once under load, and take
    # the write lock at BEGIN so a read-then-write transaction cannot deadlock. (Also when an
    # SQLite DATABASE_URL is given, as the worker-process tests do.) Write-ahead logging lets
    # readers go on while one process writes, and with synchronous=NORMAL a commit does not
    # wait for the disk (a power cut may lose the last commits, never corrupt the database).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mwf",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mwf_cache",
            # Room for the catalogue's cached pages and counts besides the version stamps.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# django-q2: the database broker by default (nothing else to run), Redis when configured.
Q_CLUSTER = {
    "name": "mwf",
    "workers": 2,
    "timeout": 300,
    "retry": 360,
    "max_attempts": 3,
    "catch_up": False,
    "label": "Zadania w tle",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# Languages: Polish first, English second. Polish URLs stay unprefixed, English live under /en/.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# locale_admin/ completes the Polish catalogues of Wagtail and wagtail-localize (about 240 admin
# strings they leave in English); after locale/ so the platform's own wording wins.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_admin"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Front-end packages installed from npm (package.json); never committed.
NODE_MODULES_DIR = BASE_DIR / "node_modules"

# Uploaded files -----------------------------------------------------------------------------
# The site origin never serves MEDIA_ROOT as a folder. Only public image renditions
# (MEDIA_ROOT/images/) are plain files for anyone (the proxy in production, cms.media in
# development and tests); renditions of images in private collections go to private_images/ and
# are served by cms.media to the people the collection admits; original images are never
# served; documents only through Wagtail's serve view (collection privacy).
PUBLIC_RENDITIONS_FOLDER = "images"
PRIVATE_RENDITIONS_FOLDER = "private_images"
# H5P packages and libraries live outside MEDIA_ROOT, in a storage that no site route maps: only
# the H5P origin serves them, by signed URL (h5p/README.md).
H5P_FILES_ROOT = os.environ.get("H5P_FILES_ROOT", str(VAR_DIR / "h5p"))
STORAGES["h5p"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": H5P_FILES_ROOT, "base_url": "/h5p-files-are-not-served/"},
}
# Content is checked, not names: no SVG (script inside an image), and Wagtail compares each
# image's real format with its extension. Documents: the allow-list below plus a check of the
# first bytes (cms.uploads), in the admin and in the participants' forms alike.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.CheckedDocumentForm"
# ---------------------------------------------------------------------------------------------

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "MWF – współpraca finansowa JST i NGO"
# Slugs in ASCII: the admin transliterates a title ("Łódź" → "lodz"), so addresses stay readable
# when pasted into e-mails and documents that mangle Polish letters.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# mp4/webm/vtt: the sign-language recording and its captions (home/sign_language.py).
WAGTAILDOCS_EXTENSIONS = [
    *("csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"),
    *("mp4", "webm", "vtt"),
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents always go through Wagtail's view, which applies collection restrictions (proposal
# attachments are visible to editors only); never serve media/documents/ directly.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Behind the repository's nginx (scripts/proxy.py sets it), the view checks and nginx sends the
# file (X-Accel-Redirect, cms/sendfile_nginx.py); otherwise Wagtail streams it.
if DOCUMENTS_X_ACCEL_REDIRECT:
    SENDFILE_BACKEND = "cms.sendfile_nginx"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
H5P_MAX_UPLOAD_BYTES = 64 * 1024 * 1024
# The proxy's request size limit (client_max_body_size, deploy/nginx/): the largest upload plus
# room for the rest of the multipart form.
PROXY_MAX_BODY_BYTES = (
    max(WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE, H5P_MAX_UPLOAD_BYTES)
    + 1024 * 1024
)
# Publishing purges the page cache through Wagtail's frontend-cache machinery (cms/page_cache.py):
# one HTTP PURGE backend per nginx. Polish addresses have no prefix, so Wagtail must not invent
# /pl/ variants of each address.
WAGTAILFRONTENDCACHE = {
    f"nginx{number}": {"BACKEND": "cms.page_cache.NginxPurgeBackend", "LOCATION": url}
    for number, url in enumerate(PAGE_CACHE_PURGE_URLS, start=1)
}
WAGTAILFRONTENDCACHE_LANGUAGES = []
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_MODERATION_ENABLED = True
WAGTAILAPI_BASE_URL = BASE_URL

# Accounts (django-allauth): e-mail is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Name and organisation type at sign-up: certificates never carry an e-mail as the name.
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_USER_DISPLAY = "accounts.adapter.user_display"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_GET = False
# Mail through django-q2 tasks after commit; after login participants land on "Moje kursy".
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "MWF: "
# Two-factor sign-in (accounts/mfa.py): an authenticator app's codes, with recovery codes.
# Optional for participants; required of every account with admin access when
# MFA_REQUIRED_FOR_ADMIN is on (always in production; MFA_REQUIRED_FOR_ADMIN=1 turns it on
# elsewhere, off by default so the demo editor of `make run` logs in at once).
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_REQUIRED_FOR_ADMIN = os.environ.get("MFA_REQUIRED_FOR_ADMIN", "") == "1"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the H5P and quiz scripts read the token from the form instead
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp through cms/csp.py, which adds H5P_ORIGIN to frame-src on
# each request). No inline script or style anywhere on the site: scripts are static files and
# data goes through `json_script` (and JSON-LD), which browsers never execute.
CSP_VIDEO_ORIGINS = [
    # The video block's embeds (wagtail.embeds): the players editors paste links to.
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "frame-src": [SELF, *CSP_VIDEO_ORIGINS],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin writes inline scripts and styles and previews embeds from anywhere (see
# cms/csp.py): only the directives it does not trip over.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": None,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Object storage and operations (issue #17: storage, health checks, request ids) ----------
# S3-compatible object storage replaces the local folders when MWF_S3_BUCKET is set, so that
# several web and worker machines share one set of files. Media (images, documents, generated
# certificates) go to MWF_S3_BUCKET, H5P packages to MWF_S3_H5P_BUCKET (default: the same
# bucket, under h5p/). Nothing is public in a bucket: cms/storage.py hands files out.
MWF_S3_BUCKET = os.environ.get("MWF_S3_BUCKET", "").strip()
MWF_S3_H5P_BUCKET = os.environ.get("MWF_S3_H5P_BUCKET", "").strip() or MWF_S3_BUCKET
# Seconds a presigned URL handed to an admitted person stays valid.
MWF_S3_URL_EXPIRE = int(os.environ.get("MWF_S3_URL_EXPIRE", "300"))


def s3_options(bucket, location=""):
    """The OPTIONS of a private S3 storage (cms.storage) on `bucket`, from the environment."""
    return {
        "bucket_name": bucket,
        "location": location,
        # Empty: Amazon S3 itself; otherwise the provider's (or MinIO's) address.
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME", "").strip() or None,
        # Empty: boto3's own chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, instance role).
        "access_key": os.environ.get("AWS_ACCESS_KEY_ID", "").strip() or None,
        "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", "").strip() or None,
        # "path" for most self-hosted servers; empty: boto3 chooses.
        "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or None,
        "signature_version": "s3v4",
        "querystring_expire": MWF_S3_URL_EXPIRE,
    }


if MWF_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "cms.storage.MediaS3Storage",
        "OPTIONS": s3_options(MWF_S3_BUCKET, "media"),
    }
    STORAGES["h5p"] = {
        "BACKEND": "cms.storage.PrivateS3Storage",
        "OPTIONS": s3_options(MWF_S3_H5P_BUCKET),
    }
    # Wagtail's view checks the collection's restrictions, then redirects to a presigned URL
    # of the private object instead of streaming it through a web process.
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# Production logs one JSON object per line, each with its request's id (cms/request_log.py);
# LOG_FORMAT=text keeps plain lines there. LOG_LEVEL: the level of the access and Django lines.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json").strip()
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
# ---------------------------------------------------------------------------------------------
