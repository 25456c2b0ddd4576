"""Admin integration: the staff tools menu item and their URLs (see events.admin_views)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms import roles
from events import admin_views

admin_patterns = (
    [
        path("", admin_views.sessions_view, name="sessions"),
        path("termin/<id:pk>/", admin_views.session_view, name="session"),
        path("termin/<id:pk>/obecnosc/", admin_views.checkin_view, name="checkin"),
        path(
            "termin/<id:pk>/lista-obecnosci/<str:day>.pdf",
            admin_views.attendance_pdf_view,
            name="attendance_pdf",
        ),
        path("termin/<id:pk>/eksport.<str:fmt>", admin_views.export_view, name="export"),
        path("termin/<id:pk>/odwolaj/", admin_views.cancel_session_view, name="cancel_session"),
        path(
            "zgloszenie/<id:pk>/<str:action>/",
            admin_views.registration_action_view,
            name="registration_action",
        ),
    ],
    "events_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("szkolenia/", include(admin_patterns, namespace="events_admin"))]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return roles.PermissionMenuItem(
        _("Registrations"),
        reverse("events_admin:sessions"),
        icon_name="date",
        order=250,
        permission=roles.MANAGE_REGISTRATIONS,
    )
