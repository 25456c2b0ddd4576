"""What a registration's change tells the world: the participant's e-mail and the domain event
of a confirmed seat. Both are queued with `cms.tasks.enqueue` / `cms.domain_events.announce`,
i.e. only after the transaction commits."""

from cms.domain_events import announce
from cms.tasks import enqueue
from events import signals
from events.models import Registration, Status

EMAIL_TASK = "events.tasks.send_registration_email"


def notify(registration, kind, *args):
    """Queue the e-mail of `kind` (see events.notifications) to the person registered."""
    enqueue(EMAIL_TASK, registration.pk, kind, *args)


def announce_status(registration):
    if registration.status == Status.CONFIRMED:
        announce(
            signals.registration_confirmed,
            sender=Registration,
            registration_id=registration.pk,
            session_id=registration.session_id,
            email=registration.email,
        )
