"""What the path page and the "Moje kursy" box show a person: each step with its state, the
next step and what unlocks it, and the path certificate."""

from django.template.loader import render_to_string
from django.utils import translation

from accounts.services import has_name
from certificates.models import Certificate
from cms.tasks import enqueue
from courses import selectors as course_selectors
from events import selectors as event_selectors
from paths import certificates, progress, structure
from paths.models import StepKind
from paths.prerequisites import action_text


def _decorate(place, language):
    """Add to each step state what the templates print: the target's title and link, and the
    action that completes it."""
    for step_state in place.steps:
        step = step_state.step
        step_state.title = step.target.title(language)
        step_state.url = step.target.url(language)
        step_state.action = action_text(step, language)
        step_state.gated = step.requires_earlier_steps and bool(place.path.earlier_required(step))
        step_state.waits_for_text = [
            {"action": action_text(e, language), "url": e.target.url(language)}
            for e in step_state.waits_for
        ]
    return place


def _certificate_context(path, place, user):
    """The person's certificate of this path, or whether it waits (for a name, or for the
    task that issues it: queued here when a path was completed before it existed)."""
    if not (user.is_authenticated and place.finished and path.certificate_enabled):
        return {}
    certificate = certificates.certificate_of(path, user.pk)
    if certificate is not None:
        return {"certificate": certificate}
    if not has_name(user):
        return {"certificate_needs_name": True}
    enqueue("paths.tasks.award_path_certificates", user.pk)
    return {"certificate_pending": True}


def path_page_context(page, request):
    path = structure.path_of_page(page, request)
    language = translation.get_language()
    place = _decorate(progress.state_for(path, request.user), language)
    context = {"path": path, "place": place}
    context.update(_certificate_context(path, place, request.user))
    return context


def my_paths(user, request=None):
    """The paths `user` follows (a step done, or enrolled in one of its courses, or registered
    for one of its trainings), in the reader's language, with their place on each. A constant
    number of queries whatever the number of paths."""
    if not user.is_authenticated:
        return []
    language = translation.get_language()
    shown = [structure.in_language(p, language) for p in structure.groups(request).values()]
    if not shown:
        return []
    found = progress.facts(shown, [user.pk])
    enrolled = course_selectors.enrolled_course_ids(user.pk)
    training_ids = {
        page_id
        for path in shown
        for step in path.steps
        if step.kind == StepKind.TRAINING
        for page_id in step.target.ids
    }
    registered = (
        event_selectors.registered_page_ids(user.pk, training_ids) if training_ids else set()
    )
    rows = []
    for path in shown:
        place = progress.state(path, found, user.pk)
        joined = place.started or any(
            set(step.target.ids) & (registered if step.kind == StepKind.TRAINING else enrolled)
            for step in path.steps
        )
        if joined:
            rows.append(_decorate(place, language))
    return rows


def my_paths_html(request):
    """The "Moje kursy" box (registered in cms.providers as MY_LEARNING_PATHS)."""
    rows = my_paths(request.user, request)
    if not rows:
        return ""
    issued = {
        c.source_key: c
        for c in Certificate.objects.filter(
            source_key__in=[certificates.source_key(r.path.key, request.user.pk) for r in rows]
        )
    }
    for row in rows:
        row.certificate = issued.get(certificates.source_key(row.path.key, request.user.pk))
    return render_to_string("paths/includes/my_paths.html", {"rows": rows}, request=request)
