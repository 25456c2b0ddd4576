"""Admin of the knowledge base: the instrument vocabulary, proposals and the practice import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import roles
from practices.admin_views import ImportView
from practices.models import Instrument, PracticeProposal


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "tag"
    menu_label = _("Instruments")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "short_name", "slug", "sort_order"]
    search_fields = ["name", "short_name"]


class PracticeProposalViewSet(SnippetViewSet):
    model = PracticeProposal
    icon = "mail"
    menu_label = _("Practice proposals")
    add_to_admin_menu = True
    menu_order = 311
    list_display = ["page", "organisation", "proposer", "submitted_at", "notified_at"]
    list_filter = ["notified_at"]
    inspect_view_enabled = True


register_snippet(InstrumentViewSet)
register_snippet(PracticeProposalViewSet)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("praktyki/import/", ImportView.as_view(), name="practices_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return roles.PermissionMenuItem(
        _("Import practices"),
        reverse("practices_import"),
        icon_name="upload",
        order=312,
        permission=roles.IMPORT_PRACTICES,
    )
