"""The dashboard in Wagtail's admin: its menu, URLs, the panel on the admin home, the snippet
editors of indicators and supported JSTs, and the audit actions it logs."""

from django.urls import include, path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import roles
from cms.roles import PermissionMenuItem

from . import admin_urls, indicators
from .models import Indicator, SupportedJst


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "tasks"
    menu_label = _("Indicator definitions")
    add_to_admin_menu = False
    list_display = ["name", "target", "kind", "organisation_type", "mode"]


class SupportedJstViewSet(SnippetViewSet):
    model = SupportedJst
    icon = "site"
    menu_label = _("Supported JSTs")
    add_to_admin_menu = False
    list_display = ["name", "teryt", "jst_type", Column("advisor", label=_("programme advisor"))]
    search_fields = ["name", "teryt"]


register_snippet(IndicatorViewSet)
register_snippet(SupportedJstViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("wskazniki/", include(admin_urls, namespace="dashboard_admin"))]


class DashboardSubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return roles.can_view_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_menu():
    from wagtail.admin.menu import Menu

    items = [
        PermissionMenuItem(
            _("Dashboard"),
            reverse_lazy("dashboard_admin:index"),
            icon_name="table",
            order=10,
            permission=roles.VIEW_DASHBOARD,
        ),
        PermissionMenuItem(
            _("JST implementation tracker"),
            reverse_lazy("dashboard_admin:jst_list"),
            icon_name="site",
            order=20,
            permission=roles.VIEW_DASHBOARD,
        ),
        PermissionMenuItem(
            _("Supported JSTs (edit)"),
            reverse_lazy("wagtailsnippets_dashboard_supportedjst:list"),
            icon_name="edit",
            order=30,
            permission="dashboard.change_supportedjst",
        ),
        PermissionMenuItem(
            _("Indicator definitions"),
            reverse_lazy("wagtailsnippets_dashboard_indicator:list"),
            icon_name="tasks",
            order=40,
            permission="dashboard.change_indicator",
        ),
        PermissionMenuItem(
            _("Data-rights requests"),
            reverse_lazy("dashboard_admin:person_search"),
            icon_name="user",
            order=50,
            permission=roles.MANAGE_DATA_RIGHTS,
        ),
        PermissionMenuItem(
            _("Audit log"),
            reverse_lazy("dashboard_admin:audit"),
            icon_name="history",
            order=60,
            permission=roles.VIEW_DASHBOARD,
        ),
    ]
    return DashboardSubmenu(
        _("Programme indicators"), Menu(items=items), icon_name="table", order=150
    )


class IndicatorsPanel(Component):
    """The indicators on Wagtail's admin home (figures only; the full page has the rest)."""

    name = "programme_indicators"
    order = 50
    template_name = "dashboard/admin/home_panel.html"

    def get_context_data(self, parent_context):
        return {
            "summary": indicators.summary(),
            "dashboard_url": reverse("dashboard_admin:index"),
        }


@hooks.register("construct_homepage_panels")
def add_indicators_panel(request, panels):
    if roles.can_view_dashboard(request.user):
        panels.append(IndicatorsPanel())


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("dashboard.export", _("Export a list"), _("Exported a list"))
    actions.register_action(
        "dashboard.data_view", _("View a person's data"), _("Viewed a person's data")
    )
    actions.register_action(
        "dashboard.data_download",
        _("Download a person's data"),
        _("Downloaded a person's data"),
    )
    actions.register_action(
        "dashboard.consent_withdraw", _("Withdraw a consent"), _("Withdrew a consent")
    )
    actions.register_action(
        "dashboard.account_deactivate",
        _("Deactivate a staff account"),
        _("Deactivated a staff account"),
    )
    actions.register_action(
        "dashboard.data_erase",
        _("Erase a person's account"),
        _("Erased a person's account and anonymised their data"),
    )
