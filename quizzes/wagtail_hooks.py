"""Admin: quizzes and course pre-/post-test roles as snippets, grouped under "Quizzes", and the
staff result views (attempts, question statistics, extra attempts, knowledge gain)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import roles

from . import admin_views
from .models import CourseQuizRole, Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quizzes")
    list_display = [
        "title",
        Column("question_count", label=_("Questions")),
        "pass_mark",
        "max_attempts",
        "updated_at",
    ]
    search_fields = ["title"]
    copy_view_enabled = True


class CourseQuizRoleViewSet(SnippetViewSet):
    model = CourseQuizRole
    icon = "list-ul"
    menu_label = _("Pre-tests and post-tests")
    list_display = ["course", "role", "quiz"]
    list_filter = ["role"]


class QuizGroup(SnippetViewSetGroup):
    items = (QuizViewSet, CourseQuizRoleViewSet)
    menu_icon = "tasks"
    menu_label = _("Quizzes")
    menu_name = "quizzes"
    menu_order = 250


register_snippet(QuizGroup)


admin_urls = [
    path("", admin_views.IndexView.as_view(), name="index"),
    path("quiz/<id:quiz_id>/", admin_views.QuizResultsView.as_view(), name="quiz"),
    path("kurs/<id:course_id>/", admin_views.CourseReportView.as_view(), name="course_report"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("quiz-results/", include((admin_urls, "quizzes_admin")))]


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return roles.PermissionMenuItem(
        _("Quiz results"),
        reverse("quizzes_admin:index"),
        name="quiz-results",
        icon_name="table",
        order=260,
        permission=roles.VIEW_QUIZ_RESULTS,
    )


@hooks.register("before_delete_snippet")
def keep_quizzes_with_attempts(request, instances):
    """A quiz with attempts is evidence (grades, completions, knowledge-gain figures): it is not
    deleted; editors remove it from lessons instead."""
    from django.contrib import messages
    from django.shortcuts import redirect

    quizzes = [obj for obj in instances if isinstance(obj, Quiz)]
    used = [quiz for quiz in quizzes if quiz.attempts.exists()]
    if not used:
        return None
    if request.method == "POST":
        messages.error(
            request,
            _("“%(title)s” has attempts by participants and cannot be deleted.")
            % {"title": used[0].title},
        )
        return redirect("wagtailsnippets_quizzes_quiz:list")
    return None
