"""Issued certificates in the Wagtail admin (Reports → Certificates), read-only."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from certificates import admin_views
from cms import roles


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("certificates/", admin_views.certificate_list, name="certificates_admin_list"),
    ]


@hooks.register("register_reports_menu_item")
def register_reports_menu_item():
    return roles.PermissionMenuItem(
        _("Certificates"),
        reverse("certificates_admin_list"),
        icon_name="doc-full",
        order=710,
        permission=roles.VIEW_CERTIFICATE_REGISTER,
    )
