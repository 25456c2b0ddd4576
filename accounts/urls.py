"""Public URLs of this app; included by config/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts import views

app_name = "accounts"
urlpatterns = [path(_("account/profile/"), views.profile, name="profile")]
