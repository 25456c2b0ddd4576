"""Public URLs of this app; included by cms/urls.py inside the language-prefixed patterns."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "quizzes"

urlpatterns = [
    path(
        _("quizzes/lesson/<id:lesson_id>/<id:quiz_id>/"),
        views.quiz_in_lesson,
        name="in_lesson",
    ),
    path(_("quizzes/course/<id:course_id>/<id:quiz_id>/"), views.quiz_in_course, name="in_course"),
    path(_("quizzes/attempt/<id:attempt_id>/"), views.attempt_view, name="attempt"),
    path(_("quizzes/attempt/<id:attempt_id>/autosave/"), views.autosave, name="autosave"),
    path(_("quizzes/attempt/<id:attempt_id>/result/"), views.result, name="result"),
    path(_("quizzes/my-attempts/"), views.my_attempts, name="my_attempts"),
]
