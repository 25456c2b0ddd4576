"""Admin hooks of learning paths: a course or a training that is a step of a path cannot be
deleted (the step protects it; Wagtail's delete view would otherwise fail on the protected
reference). The editor is told which path to change first."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from paths.models import PathStep


@hooks.register("before_delete_page")
def keep_pages_that_are_path_steps(request, page):
    steps = PathStep.objects.filter(target__path__startswith=page.path).select_related("path_page")
    titles = sorted({step.path_page.title for step in steps})
    if not titles:
        return None
    messages.error(
        request,
        _(
            "“%(page)s” cannot be deleted: it is a step of the learning path %(paths)s. Remove "
            "the step from the path first."
        )
        % {"page": page.title, "paths": ", ".join(f"„{title}”" for title in titles)},
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
