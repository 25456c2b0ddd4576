"""The player's saved state ("content user data"), per participant and package; a state
saved for older content of a replaced package is not handed back."""

from django.utils.translation import gettext_lazy as _

from cms import json_input
from h5p import conf
from h5p.models import H5PPackage, H5PUserData
from h5p.xapi import StatementRejected


def load_state(user, package: H5PPackage):
    row = H5PUserData.objects.filter(user=user, package=package).first()
    if row is None or row.content_hash != package.content_hash:
        return None
    return row.state


def save_state(user, package: H5PPackage, state):
    """Save the player's state (a JSON text) or clear it (None)."""
    if state is None:
        H5PUserData.objects.filter(user=user, package=package).delete()
        return
    if not isinstance(state, str) or len(state.encode()) > conf.max_state_bytes():
        raise StatementRejected("state", _("The saved state is too large or not text."))
    try:
        # The text is handed back to the player as it is: it must be JSON this platform can
        # store and send again (no lone surrogate, no NUL, no endless nesting).
        json_input.loads(state, max_bytes=conf.max_state_bytes())
    except json_input.InvalidJSON:
        raise StatementRejected("state", _("The saved state is not JSON.")) from None
    H5PUserData.objects.update_or_create(
        user=user,
        package=package,
        defaults={"state": state, "content_hash": package.content_hash},
    )
