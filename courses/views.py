"""Participant actions on courses (thin: the rules are in the courses modules they call)."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import providers
from courses import access, completion, enrolment, pages
from courses.models import CoursePage, LessonPage
from courses.outline import content_version, outline_of, remember


@require_POST
@login_required
def enrol(request, pk):
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    try:
        enrolment.enrol(
            request.user,
            course,
            key=request.POST.get("key"),
            client_ip=request.META.get("REMOTE_ADDR", ""),
        )
    except enrolment.EnrolmentError as exc:
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
    if enrolment.unenrol(request.user, course):
        messages.success(request, _("You have left the course. Your progress is kept."))
    return redirect(course.get_url(request))


def _lesson_and_course(request, pk):
    """The live lesson `pk` (without its body) and its course, kept per content version."""

    def find():
        lesson = LessonPage.objects.live().defer("body").filter(pk=pk).first()
        return (lesson, access.course_of(lesson) if lesson is not None else None)

    lesson, course = remember(content_version(request), ("lesson", pk), find)
    if lesson is None:
        raise Http404
    lesson = copy.copy(lesson)
    lesson._course_cache = course
    return lesson, course


@require_POST
def complete(request, pk):
    lesson, course = _lesson_and_course(request, pk)
    outline = outline_of(course, request) if course is not None else None
    position = outline.position(lesson.pk) if outline is not None else None
    lesson_url = outline.lessons[position].url if position is not None else lesson.get_url(request)
    try:
        progress = completion.complete_lesson(
            request.user, lesson, source="viewed", request=request
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(lesson_url)
    finished = progress.course_completed_at is not None
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
    return redirect(lesson_url)


@login_required
def my_courses(request):
    # Learning paths (an app above courses) add their box through cms.providers.
    paths_box = providers.get(providers.MY_LEARNING_PATHS)
    return render(
        request,
        "courses/my_courses.html",
        {
            "rows": pages.my_courses(request.user),
            "learning_paths": paths_box(request) if paths_box is not None else "",
        },
    )
