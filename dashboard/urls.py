"""Public URLs of this app; included by config/urls.py inside the language-prefixed patterns."""

from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("moje-dane/", views.my_data, name="my_data"),
    path("moje-dane/pobierz/", views.my_data_download, name="my_data_download"),
    path("moje-dane/zgody/", views.my_data_withdraw, name="my_data_withdraw"),
    path("moje-dane/usun-konto/", views.my_data_erase, name="my_data_erase"),
    path("moje-dane/konto-usuniete/", views.erased, name="erased"),
]
