"""Template tags of the quiz block (rendered inside a lesson body)."""

from django import template
from django.urls import reverse

from quizzes import services
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
        state["graded"] = services.graded_attempt(quiz, user, attempts)
    return state


@register.inclusion_tag("quizzes/includes/course_quizzes.html", takes_context=True)
def course_quizzes(context, course):
    """Links to a course's pre-test and post-test, for the course page:
    `{% load quiz_tags %}{% course_quizzes page %}`. Shows the participant's grade of each."""
    request = context.get("request")
    user = getattr(request, "user", None)
    roles = list(
        CourseQuizRole.objects.filter(course_id=course.pk).select_related("quiz").order_by("role")
    )
    attempts = {}
    if roles and user is not None and user.is_authenticated:
        # The participant's attempts at all the course's tests in one query.
        for attempt in Attempt.objects.filter(
            user=user, quiz_id__in=[role.quiz_id for role in roles]
        ):
            attempts.setdefault(attempt.quiz_id, []).append(attempt)
    items = []
    for role in sorted(roles, key=lambda r: r.role != CourseQuizRole.Role.PRE):
        graded = None
        if user is not None and user.is_authenticated:
            graded = services.graded_attempt(role.quiz, user, attempts.get(role.quiz_id, []))
        items.append(
            {
                "role": role.role,
                "quiz": role.quiz,
                "graded": graded,
                "url": reverse("quizzes:in_course", args=[course.pk, role.quiz_id]),
            }
        )
    return {"items": items}
