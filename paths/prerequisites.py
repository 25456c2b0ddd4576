"""The paths' answer to "what must this person do before registering for this training?"
(registered in cms.prerequisites at start-up, asked by events)."""

from django.utils import translation
from django.utils.translation import gettext as _

from cms.prerequisites import Requirement
from paths import progress, structure
from paths.models import StepKind


def action_text(step, language=None):
    """What to do to complete `step`, as a phrase ("complete the online course „…”")."""
    title = step.target.title(language)
    if step.kind == StepKind.COURSE:
        return _("complete the online course „%(title)s”") % {"title": title}
    if step.kind == StepKind.PRE_TEST:
        return _("enrol in the course „%(title)s” and take its pre-test") % {"title": title}
    return _("take part in the training „%(title)s”") % {"title": title}


def gated_paths(page, request=None):
    """One path per path group (in the reader's language) where this training's registration
    waits for the earlier required steps, with that step."""
    key = str(page.translation_key)
    language = translation.get_language()
    found = []
    for paths in structure.groups(request).values():
        path = structure.in_language(paths, language)
        for step in path.steps:
            if step.target.key == key and step.kind == StepKind.TRAINING:
                if step.requires_earlier_steps and path.earlier_required(step):
                    found.append((path, step))
                    break
    return found


def unmet_requirements(user, page, request=None):
    gated = gated_paths(page, request)
    if not gated:
        return []
    user_id = user.pk if user is not None and user.is_authenticated else None
    found = progress.facts([path for path, _step in gated], [user_id]) if user_id else {}
    requirements = []
    for path, step in gated:
        why = _("This training is step %(number)s of the learning path „%(path)s”.") % {
            "number": step.number,
            "path": path.title,
        }
        for earlier in path.earlier_required(step):
            if user_id is not None and user_id in found.get(earlier.fact, {}):
                continue
            requirements.append(
                Requirement(
                    what=action_text(earlier),
                    url=earlier.target.url(),
                    why=why,
                    why_url=path.url,
                )
            )
    return requirements
