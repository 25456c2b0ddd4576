"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path(
        "quizy/lekcja/<id:lesson_id>/<id:quiz_id>/",
        views.quiz_in_lesson,
        name="in_lesson",
    ),
    path("quizy/kurs/<id:course_id>/<id:quiz_id>/", views.quiz_in_course, name="in_course"),
    path("quizy/podejscie/<id:attempt_id>/", views.attempt_view, name="attempt"),
    path("quizy/podejscie/<id:attempt_id>/autozapis/", views.autosave, name="autosave"),
    path("quizy/podejscie/<id:attempt_id>/wynik/", views.result, name="result"),
    path("quizy/moje-podejscia/", views.my_attempts, name="my_attempts"),
]
