"""What a person must do before registering for a training, asked without knowing who decides.

The events app asks `unmet(user, page)` on the training page, on the registration form and in
the registration service; an app that sets requirements (learning paths: "the workshop needs
the online course first") registers a checker at start-up with `register_checker()`. Neither
side imports the other, and with no checker registered every training is open as before.

A checker is `checker(user, page, request=None) -> list[Requirement]`: `user` may be anonymous
or None (a guest), `page` is the training page in any language (checkers match translations
through `page.translation_key`), and `request` (when there is one) lets a checker keep
per-request or per-content-version caches. It returns only the requirements still unmet.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Requirement:
    """One thing to do first: `what` the person must do and where (`url`); `why` it is asked
    (e.g. the learning path the training belongs to) and where to read about it (`why_url`)."""

    what: str
    url: str
    why: str = ""
    why_url: str = ""


_checkers = []


def register_checker(checker):
    if checker not in _checkers:
        _checkers.append(checker)


def unregister_checker(checker):
    if checker in _checkers:
        _checkers.remove(checker)


def unmet(user, page, request=None):
    """Every unmet requirement of every registered checker, without repeats, in their order."""
    found = []
    for checker in _checkers:
        for requirement in checker(user, page, request=request):
            if requirement not in found:
                found.append(requirement)
    return found


def refusal(requirements, *, signed_in):
    """The sentence a refused registration shows (the page lists the links under it)."""
    steps = "; ".join(requirement.what for requirement in requirements)
    if not signed_in:
        return _(
            "This training is open to participants who have completed the earlier steps: %(steps)s. "
            "Log in to your account so that we can see your progress."
        ) % {"steps": steps}
    return _("You cannot register yet. First: %(steps)s. The links are on this page.") % {
        "steps": steps
    }
