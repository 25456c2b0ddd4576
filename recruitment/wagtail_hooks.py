"""The JST recruitment in Wagtail's admin: its menu item and URLs."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms import roles
from cms.roles import PermissionMenuItem
from recruitment import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("nabor-jst/", include(admin_urls, namespace="recruitment_admin"))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem(
        _("JST recruitment"),
        reverse_lazy("recruitment_admin:index"),
        icon_name="group",
        order=160,
        permission=roles.VIEW_JST_APPLICATIONS,
    )
