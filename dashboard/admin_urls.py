"""Admin URLs of the dashboard (registered by wagtail_hooks.register_admin_urls)."""

from django.urls import path

from . import admin_views

app_name = "dashboard_admin"
urlpatterns = [
    path("", admin_views.DashboardView.as_view(), name="index"),
    path("osoby/", admin_views.PeopleListView.as_view(), name="people"),
    path("jst/", admin_views.JstListView.as_view(), name="jst_list"),
    path("jst/<id:pk>/", admin_views.JstTimelineView.as_view(), name="jst_timeline"),
    path("eksport/<slug:table>/", admin_views.ExternalExportView.as_view(), name="export"),
    path("dziennik/", admin_views.AuditView.as_view(), name="audit"),
    path("dane-osobowe/", admin_views.PersonSearchView.as_view(), name="person_search"),
    path(
        "dane-osobowe/<id:user_id>/",
        admin_views.PersonDataView.as_view(),
        name="person_data",
    ),
]
