"""Reports → "Searches without results": the site-search queries that found nothing, most asked
first, for editors who add synonyms (Snippets → Search synonyms) and promoted results."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from cms.models import UnansweredSearch
from cms.roles import VIEW_UNANSWERED_SEARCHES


class UnansweredSearchesReportView(ReportView):
    page_title = _("Searches without results")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-hits"
    index_url_name = "unanswered_searches"
    index_results_url_name = "unanswered_searches_results"
    columns = [
        Column("query_string", label=_("query"), sort_key="query_string"),
        Column("language", label=_("language"), sort_key="language"),
        NumberColumn("hits", label=_("times asked"), sort_key="hits"),
        DateColumn("last_asked", label=_("last asked"), sort_key="last_asked"),
    ]
    list_export = ["query_string", "language", "hits", "last_asked"]

    def get_base_queryset(self):
        return UnansweredSearch.objects.all()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_UNANSWERED_SEARCHES):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)
