"""Wagtail API v2 (read-only, public). Apps expose their page types through it with
`api_fields`; the catalogue's filter fields are query parameters of the pages endpoint."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from practices.api import PracticesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
# The good-practice catalogue with its filters as query parameters (see practices/api.py).
api_router.register_endpoint("practices", PracticesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls)]
