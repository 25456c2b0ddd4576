from django.urls import path
from django.utils.translation import gettext_lazy as _

from home import views

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    # The machine-readable information about the scope of activity (accessibility act of
    # 19 July 2019, art. 6 pt 3 (c)): one address per language that never changes.
    path(_("scope-of-activity.txt"), views.scope_of_activity_txt, name="scope_of_activity_txt"),
]
