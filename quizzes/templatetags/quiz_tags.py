"""Template tags of the quiz block (rendered inside a lesson body)."""

from types import SimpleNamespace

from django import template
from django.template.loader import render_to_string
from django.urls import reverse

from quizzes import grades
from quizzes.models import Attempt, AttemptState, CourseQuizRole

register = template.Library()


@register.simple_tag(takes_context=True)
def quiz_block_state(context, value):
    """What the quiz block shows: the quiz, the link to take it in this lesson, and the
    participant's grade or attempt in progress. Nothing about the answers."""
    quiz = value.get("quiz") if value else None
    if quiz is None:
        return {"quiz": None}
    page = context.get("page")
    request = context.get("request")
    user = getattr(request, "user", None)
    state = {
        "quiz": quiz,
        "url": reverse("quizzes:in_lesson", args=[page.pk, quiz.pk]) if page else None,
        "is_pre_test": CourseQuizRole.objects.filter(
            quiz=quiz, role=CourseQuizRole.Role.PRE
        ).exists(),
        "graded": None,
        "in_progress": False,
    }
    if user is not None and user.is_authenticated:
        attempts = list(Attempt.objects.filter(quiz=quiz, user=user))
        state["in_progress"] = any(a.state == AttemptState.IN_PROGRESS for a in attempts)
        state["graded"] = grades.graded_attempt(quiz, user, attempts)
    return state


COURSE_QUIZZES_TEMPLATE = "quizzes/includes/course_quizzes.html"


def course_quizzes_section(context, course):
    """The course page's section of its pre-test and post-test (registered in
    cms.activities by QuizzesConfig.ready)."""
    return render_to_string(COURSE_QUIZZES_TEMPLATE, course_quizzes(context, course))


@register.inclusion_tag(COURSE_QUIZZES_TEMPLATE, takes_context=True)
def course_quizzes(context, course):
    """Links to a course's pre-test and post-test: `{% load quiz_tags %}{% course_quizzes
    course %}`. Shows the participant's grade of each."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # One lean query (the course page is busy): the quiz's title and grading method suffice.
    roles = [
        (role, SimpleNamespace(pk=quiz_id, title=title, grading_method=grading_method))
        for role, quiz_id, title, grading_method in CourseQuizRole.objects.filter(
            course_id=course.pk
        ).values_list("role", "quiz_id", "quiz__title", "quiz__grading_method")
    ]
    attempts = {}
    if roles and user is not None and user.is_authenticated:
        # The participant's attempts at all the course's tests in one query.
        for attempt in Attempt.objects.filter(user=user, quiz_id__in=[q.pk for _r, q in roles]):
            attempts.setdefault(attempt.quiz_id, []).append(attempt)
    items = []
    for role, quiz in sorted(roles, key=lambda r: r[0] != CourseQuizRole.Role.PRE):
        graded = None
        if user is not None and user.is_authenticated:
            graded = grades.graded_attempt(quiz, user, attempts.get(quiz.pk, []))
        items.append(
            {
                "role": role,
                "quiz": quiz,
                "graded": graded,
                "url": reverse("quizzes:in_course", args=[course.pk, quiz.pk]),
            }
        )
    return {"items": items}
