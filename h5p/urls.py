"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns.

The site-side endpoints (statements, saved state) answer only on the site's origin; the
H5P-origin URLs are listed too so that a deployment without `H5POriginMiddleware` still works,
but their views answer 404 unless the request's host is the H5P origin."""

from django.urls import path

from h5p import views
from h5p.origin_urls import urlpatterns as origin_patterns

urlpatterns = [
    path("h5p/xapi/<id:lesson_id>/<id:package_id>/", views.xapi, name="h5p_xapi"),
    path("h5p/state/<id:lesson_id>/<id:package_id>/", views.state, name="h5p_state"),
    *origin_patterns,
]
