"""Public URLs of this app; included by config/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "dashboard"
urlpatterns = [
    path(_("my-data/"), views.my_data, name="my_data"),
    path(_("my-data/download/"), views.my_data_download, name="my_data_download"),
    path(_("my-data/consents/"), views.my_data_withdraw, name="my_data_withdraw"),
    path(_("my-data/delete-account/"), views.my_data_erase, name="my_data_erase"),
    path(_("my-data/account-deleted/"), views.erased, name="erased"),
]
