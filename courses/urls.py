"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from courses import views

app_name = "courses"
urlpatterns = [
    path("kurs/<id:pk>/zapisz/", views.enrol, name="enrol"),
    path("kurs/<id:pk>/wypisz/", views.unenrol, name="unenrol"),
    path("lekcja/<id:pk>/ukoncz/", views.complete, name="complete"),
    path(_("my-courses/"), views.my_courses, name="my_courses"),
]
