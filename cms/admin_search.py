"""The Wagtail admin's page search through the site's one search (cms.search): an editor who
types "inicjatywy lokalnej" or "fundusz solecki" finds the pages the site search finds, in
every language at once. Wagtail's own filters ("live:yes"), type facets and ordering stay."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.search.query import PlainText
from wagtail.search.utils import parse_query_string

from cms import search


class NormalisedPageSearchView(SearchView):
    def get_queryset(self):
        self.all_pages = Page.objects.all()
        if getattr(settings, "WAGTAILADMIN_PAGE_SEARCH_FILTER_BY_PERMISSIONS", True):
            self.all_pages = self.all_pages.filter(
                pk__in=self.permission_policy.explorable_instances(self.request.user).values_list(
                    "pk", flat=True
                )
            )
        filters, query = parse_query_string(self.search_query, operator="and")
        live = (filters.get("live") or filters.get("published") or "").lower()
        if live in ("yes", "true"):
            self.all_pages = self.all_pages.filter(live=True)
        elif live in ("no", "false"):
            self.all_pages = self.all_pages.filter(live=False)
        text = query.query_string if isinstance(query, PlainText) else ""
        languages = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
        parsed = search.parse_in_languages(text, languages, self.request)

        pages = self.all_pages
        if self.show_locale_labels:
            pages = pages.select_related("locale")
        if self.selected_content_type:
            pages = pages.filter(content_type=self.selected_content_type)
        pages = self.annotate_queryset(pages)

        if not parsed:
            # No words (or only "live:no"): every page, as in Wagtail's own search.
            self.content_types = []
            return pages.order_by(self.ordering) if self.ordering else pages.order_by("-pk")
        if self.ordering:
            found = search.filter_matching(pages, parsed, "").order_by(self.ordering)
        else:
            found = search.search(pages, parsed, "").results
        everything = search.search(self.all_pages, parsed, "").results
        self.content_types = [
            (ContentType.objects.get_for_id(content_type_id), count)
            for content_type_id, count in everything.facet("content_type_id").items()
        ]
        return found


class NormalisedPageViewSet(PageViewSet):
    """The base page viewset with the normalised search view."""

    search_view_class = NormalisedPageSearchView
