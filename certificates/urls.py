"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from certificates import views

app_name = "certificates"
urlpatterns = [
    path(_("certificate/<str:code>/"), views.verify, name="verify"),
    path(_("certificate/<str:code>/pdf/"), views.pdf, name="pdf"),
]
