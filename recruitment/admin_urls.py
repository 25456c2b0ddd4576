"""Admin URLs of the JST recruitment (registered by wagtail_hooks.register_admin_urls)."""

from django.urls import path

from recruitment import admin_views

app_name = "recruitment_admin"
urlpatterns = [
    path("", admin_views.CallListView.as_view(), name="index"),
    path("nabor/<id:call_id>/", admin_views.RankingView.as_view(), name="ranking"),
    path("nabor/<id:call_id>/eksport/<slug:fmt>/", admin_views.ExportView.as_view(), name="export"),
    path("zgloszenie/<id:pk>/", admin_views.ApplicationView.as_view(), name="application"),
    path("zgloszenie/<id:pk>/ocena/", admin_views.EvaluateView.as_view(), name="evaluate"),
    path("zgloszenie/<id:pk>/decyzja/", admin_views.DecideView.as_view(), name="decide"),
]
