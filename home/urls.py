from django.urls import path

from home import views

urlpatterns = [path("szukaj/", views.search, name="search")]
