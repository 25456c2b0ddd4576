"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from courses import views

app_name = "courses"
urlpatterns = [
    path(_("course/<id:pk>/enrol/"), views.enrol, name="enrol"),
    path(_("course/<id:pk>/leave/"), views.unenrol, name="unenrol"),
    path(_("lesson/<id:pk>/complete/"), views.complete, name="complete"),
    path(_("my-courses/"), views.my_courses, name="my_courses"),
]
