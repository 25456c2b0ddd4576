"""The URLs of the separate H5P origin (`H5P_ORIGIN`): the player page, the package files and
the player's assets. `h5p.middleware.H5POriginMiddleware` makes this the whole URL conf of the
H5P host, and `manage.py run_h5p_origin` serves it in development. Every view also checks the
host itself, so on the site's own origin these URLs are 404 whatever the configuration."""

from django.urls import path

from h5p import views

urlpatterns = [
    path("h5p-player/<str:token>/", views.player, name="h5p-player"),
    path("h5p-files/<str:token>/<path:path>", views.package_file, name="h5p-file"),
    path("h5p-assets/<path:path>", views.player_asset, name="h5p-asset"),
]

# Plain answers: the site's error pages need the site's URLs, which do not exist here.
handler404 = "h5p.views.origin_not_found"
handler500 = "h5p.views.origin_server_error"
