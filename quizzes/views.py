"""Taking a quiz (works without JavaScript): the quiz overview with the attempt history and the
start button, the attempt page (one page per quiz; every POST saves the answers sent), an
optional fetch-based autosave, the result page and the participant's attempts.

Views are thin: every rule is in the quizzes modules (places, attempts, limits, grades)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import attempts, grades, grading, limits, places
from .models import Attempt, AttemptState, Quiz


def _forbidden(request, error, place_url=None):
    message = str(error) if str(error) else _("You may not take this quiz.")
    return render(
        request,
        "quizzes/forbidden.html",
        {"message": message, "back_url": place_url},
        status=403,
    )


def _specific_page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404
    return page.specific


@login_required
def quiz_in_lesson(request, lesson_id, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    lesson = _specific_page(lesson_id)
    try:
        place = places.place_in_lesson(request.user, quiz, lesson)
    except LookupError as error:
        raise Http404 from error
    except PermissionDenied as error:
        return _forbidden(request, error, lesson.url)
    return _overview(request, quiz, place)


@login_required
def quiz_in_course(request, course_id, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    course = _specific_page(course_id)
    try:
        place = places.place_in_course(request.user, quiz, course)
    except LookupError as error:
        raise Http404 from error
    except PermissionDenied as error:
        return _forbidden(request, error, course.url)
    return _overview(request, quiz, place)


def _overview(request, quiz, place):
    status = 200
    if request.method == "POST":
        try:
            attempt = attempts.start_attempt(request.user, quiz, place)
        except attempts.AttemptLimitReached as error:
            messages.error(request, error.message)
            status = error.status
        else:
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
    own_attempts = list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
    current = next((a for a in own_attempts if a.state == AttemptState.IN_PROGRESS), None)
    if current is not None and attempts.close_if_overdue(current):
        current = None
    graded = grades.graded_attempt(quiz, request.user, own_attempts)
    remaining = limits.attempts_remaining(quiz, request.user)
    return render(
        request,
        "quizzes/quiz_overview.html",
        {
            "quiz": quiz,
            "place": place,
            "attempts": [a for a in own_attempts if a.is_finished],
            "current": current,
            "graded": graded,
            "remaining": remaining,
            "can_start": current is not None or remaining is None or remaining > 0,
            "back_url": (place.lesson or place.course).url,
        },
        status=status,
    )


def _own_attempt(request, attempt_id):
    attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id)
    if attempt.user_id != request.user.pk:
        raise Http404
    return attempt


def _place_url(attempt):
    if attempt.lesson_id:
        return reverse("quizzes:in_lesson", args=[attempt.lesson_id, attempt.quiz_id])
    return reverse("quizzes:in_course", args=[attempt.course_id, attempt.quiz_id])


def _taken_from(attempt):
    """The lesson (or the course) the attempt was taken from, in the reader's language when it
    is translated, so the result page can lead back to the learning; None if it is gone."""
    page = Page.objects.filter(pk=attempt.lesson_id or attempt.course_id).first()
    return page.localized if page is not None else None


@login_required
def attempt_view(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    try:
        places.place_of_attempt(request.user, attempt)
    except PermissionDenied as error:
        return _forbidden(request, error)
    except LookupError:
        return _forbidden(request, _("This quiz is no longer part of the lesson."))
    if attempt.is_finished and request.method == "GET":
        return redirect("quizzes:result", attempt_id=attempt.pk)
    if request.method == "GET" and attempts.close_if_overdue(attempt):
        messages.error(request, _("The time limit has passed: the attempt was finished."))
        return redirect("quizzes:result", attempt_id=attempt.pk)

    errors = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "finish":
                attempt, errors = attempts.finish_attempt(attempt, request.POST)
                if not errors:
                    return redirect("quizzes:result", attempt_id=attempt.pk)
            else:
                attempt, _saved, errors = attempts.save_answers(attempt, request.POST)
                if not errors:
                    messages.success(request, _("Your answers have been saved."))
                    anchor = action.removeprefix("save:")
                    url = reverse("quizzes:attempt", args=[attempt.pk])
                    if anchor and anchor != "save":
                        url += f"#question-{anchor}"
                    return redirect(url)
        except attempts.TimeUp as error:
            messages.error(request, error.message)
            return redirect("quizzes:result", attempt_id=attempt.pk)
        except attempts.AttemptFinished as error:
            return render(
                request,
                "quizzes/attempt_finished.html",
                {"attempt": attempt, "message": error.message},
                status=error.status,
            )
        status = 400
    return render(
        request,
        "quizzes/attempt.html",
        _attempt_context(attempt, errors, request.POST if errors else None),
        status=status,
    )


def _attempt_context(attempt, errors, submitted=None):
    responses = attempts.saved_responses(attempt)
    questions = []
    for number, q in enumerate(attempt.questions, start=1):
        response = responses.get(q["key"])
        if submitted is not None and q["key"] not in errors:
            try:
                response = grading.parse_response(q, submitted) or response
            except grading.AnswerError:
                pass
        public = grading.public_question(q, response)
        public["number"] = number
        public["field"] = grading.field_name(q)
        public["error"] = errors.get(q["key"])
        public["saved"] = q["key"] in responses
        questions.append(public)
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": questions,
        "errors": errors,
        "form_error": errors.get("__all__"),
        "seconds_left": attempts.seconds_left(attempt),
        "back_url": _place_url(attempt),
    }


@login_required
@require_POST
def autosave(request, attempt_id):
    """The JavaScript autosave: the same rules as the form's save button, answered in JSON."""
    attempt = _own_attempt(request, attempt_id)
    try:
        places.place_of_attempt(request.user, attempt)
    except (PermissionDenied, LookupError):
        return JsonResponse({"error": _("You may not take this quiz.")}, status=403)
    try:
        attempt, saved, errors = attempts.save_answers(attempt, request.POST)
    except attempts.QuizError as error:
        return JsonResponse(
            {"error": error.message, "result_url": reverse("quizzes:result", args=[attempt.pk])},
            status=error.status,
        )
    return JsonResponse(
        {
            "saved": len(saved),
            "errors": errors,
            "seconds_left": attempts.seconds_left(attempt),
            "message": _("Answers saved automatically.")
            if not errors
            else _("Some answers could not be saved: check the marked questions."),
        },
        status=400 if errors else 200,
    )


@login_required
def result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if not attempt.is_finished:
        if not attempts.close_if_overdue(attempt):
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        attempt.refresh_from_db()
    quiz = attempt.quiz
    own_attempts = list(Attempt.objects.filter(quiz=quiz, user=request.user).order_by("number"))
    remaining = limits.attempts_remaining(quiz, request.user)
    show = grades.may_show_answers(attempt)
    graded = grades.graded_attempt(quiz, request.user, own_attempts)
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "quiz": quiz,
            "show_answers": show,
            "review": grades.review(attempt) if show else None,
            "attempts": [a for a in own_attempts if a.is_finished],
            "graded": graded,
            "remaining": remaining,
            "can_retry": remaining is None or remaining > 0,
            "overview_url": _place_url(attempt),
            "taken_from": _taken_from(attempt),
            "taken_from_lesson": bool(attempt.lesson_id),
            "feedback": quiz.pass_feedback if attempt.passed else quiz.fail_feedback,
        },
    )


@login_required
def my_attempts(request):
    own_attempts = list(
        Attempt.objects.filter(user=request.user, state=AttemptState.FINISHED)
        .select_related("quiz")
        .order_by("-finished_at")
    )
    return render(request, "quizzes/my_attempts.html", {"attempts": own_attempts})
