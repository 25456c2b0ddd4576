from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_reports import UnansweredSearchesReportView
from cms.admin_search import NormalisedPageViewSet
from cms.models import SearchSynonym
from cms.roles import VIEW_UNANSWERED_SEARCHES


# After Wagtail's own base page viewset (order 0), so this one serves the page search.
@hooks.register("register_admin_viewset", order=1)
def register_normalised_page_search():
    return NormalisedPageViewSet()


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__", "language"]
    list_filter = ["language"]
    search_fields = ["phrases"]


register_snippet(SearchSynonymViewSet)


@hooks.register("register_admin_urls")
def register_unanswered_searches_report():
    return [
        path(
            "reports/searches-without-results/",
            UnansweredSearchesReportView.as_view(),
            name="unanswered_searches",
        ),
        path(
            "reports/searches-without-results/results/",
            UnansweredSearchesReportView.as_view(results_only=True),
            name="unanswered_searches_results",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_unanswered_searches_menu_item():
    return PermissionMenuItem(
        _("Searches without results"),
        reverse("unanswered_searches"),
        name="searches-without-results",
        icon_name="search",
        order=1310,
        permission=VIEW_UNANSWERED_SEARCHES,
    )
