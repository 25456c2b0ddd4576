"""Wagtail API v2 (read-only, public). Apps expose their page types through it with
`api_fields`; the catalogue's filter fields are query parameters of the pages endpoint."""

from django.urls import path
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from cms.api_parameters import CheckedParametersMixin, SiteSearchFilter
from practices.api import PracticesAPIViewSet


class CheckedPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    # The site's one search instead of Wagtail's (still last: search results filter no further).
    filter_backends = [
        SiteSearchFilter if backend is SearchFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]


class CheckedImagesAPIViewSet(CheckedParametersMixin, ImagesAPIViewSet):
    pass


class CheckedDocumentsAPIViewSet(CheckedParametersMixin, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", CheckedImagesAPIViewSet)
api_router.register_endpoint("documents", CheckedDocumentsAPIViewSet)
# The good-practice catalogue with its filters as query parameters (see practices/api.py).
api_router.register_endpoint("practices", PracticesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls)]
