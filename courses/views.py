"""Participant actions on courses (thin: the rules are in courses/services.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import services
from courses.models import CoursePage, Enrolment, LessonPage


@require_POST
@login_required
def enrol(request, pk):
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    try:
        services.enrol(request.user, course, key=request.POST.get("key"))
    except services.EnrolmentError as exc:
        context = course.get_context(request)
        context["key_error"] = exc.messages[0] if exc.code == "key" else None
        if exc.code != "key":
            messages.error(request, exc.messages[0])
        return TemplateResponse(request, course.get_template(request), context, status=400)
    messages.success(request, _("You are enrolled. Welcome to the course!"))
    return redirect(course.get_url(request))


@require_POST
@login_required
def unenrol(request, pk):
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    if services.unenrol(request.user, course):
        messages.success(request, _("You have left the course. Your progress is kept."))
    return redirect(course.get_url(request))


@require_POST
def complete(request, pk):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=pk)
    try:
        services.complete_lesson(request.user, lesson, source="viewed")
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(lesson.get_url(request))
    course = services.course_of(lesson)
    finished = Enrolment.objects.filter(
        user=request.user, course=course, completed_at__isnull=False
    ).exists()
    if finished and course.certificate_enabled:
        messages.success(
            request,
            _(
                "Lesson completed. You have completed the whole course: your certificate is in My courses."
            ),
        )
    elif finished:
        messages.success(request, _("Lesson completed. You have completed the whole course!"))
    else:
        messages.success(request, _("Lesson completed."))
    return redirect(lesson.get_url(request))


@login_required
def my_courses(request):
    return render(request, "courses/my_courses.html", {"rows": services.my_courses(request.user)})
