from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import media, ops
from cms import views as cms_views

MEDIA_PREFIX = settings.MEDIA_URL.lstrip("/")

# Language-neutral endpoints: the admin, documents, machine-readable files.
urlpatterns = [
    # Probes of the process and of everything it needs (cms/ops.py).
    path("healthz", ops.healthz, name="healthz"),
    path("readyz", ops.readyz, name="readyz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Of the uploaded files only image renditions are reachable (cms/media.py): the public ones
    # as plain files (the proxy serves the same folder in production), the private ones to the
    # people their collection admits. Originals, documents and H5P files have no route here.
    path(
        f"{MEDIA_PREFIX}{settings.PUBLIC_RENDITIONS_FOLDER}/<path:path>",
        media.public_rendition,
        name="public_rendition",
    ),
    path(
        f"{MEDIA_PREFIX}{settings.PRIVATE_RENDITIONS_FOLDER}/<path:path>",
        media.private_rendition,
        name="private_rendition",
    ),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("", include("config.api")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Everything people read: Polish unprefixed, English under /en/.
urlpatterns += i18n_patterns(
    path(_("account/"), include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("home.urls")),
    path("", include("practices.urls")),
    path("", include("certificates.urls")),
    path("", include("courses.urls")),
    path("", include("quizzes.urls")),
    path("", include("h5p.urls")),
    path("", include("events.urls")),
    path("", include("newsletter.urls")),
    path("", include("dashboard.urls")),
    path("", include("recruitment.urls")),
    # /en/ with an old Polish segment (links sent before the English segments): 301 to the
    # English URL. Polish URLs of the views match the patterns above first; a Polish page under
    # these segments (/wydarzenia/...) and anything unknown are served as pages by this view.
    re_path(
        r"^(?P<path>(?:konto|szukaj|moje-kursy|moje-dane|moje-szkolenia|certyfikat|kurs|lekcja"
        r"|quizy|subskrypcja|wydarzenia)/.*)$",
        cms_views.english_segments_redirect,
        name="english_segments_redirect",
    ),
    # Wagtail's page serving comes last: anything not caught above is a page.
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
