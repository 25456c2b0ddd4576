"""Public URLs of this app; included by config/urls.py inside the language-prefixed patterns."""

from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [path("konto/profil/", views.profile, name="profile")]
