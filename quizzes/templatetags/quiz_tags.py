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
