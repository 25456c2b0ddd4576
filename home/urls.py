from django.urls import path
from django.utils.translation import gettext_lazy as _

from home import views

urlpatterns = [path(_("search/"), views.search, name="search")]
