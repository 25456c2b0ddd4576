"""A person's registration: register, confirm the e-mail, approve, cancel, change answers, move
to another session, and the expiry of unconfirmed guests. The place itself is taken by the
capacity rule (events.seats); a freed seat goes to the waiting list (events.waiting_list).

What is checked before the lock, and why that is safe: the registration window and the
duplicate check are read without the lock. A cancelled session is re-checked by the UPDATE
itself. A duplicate that races past the check is stopped by the partial unique constraint
(session, e-mail) among live registrations: the INSERT fails, the whole transaction (with its
count change) rolls back, and the person gets the "already registered" message.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import prerequisites
from cms.domain_events import announce
from events import signals
from events.announcements import announce_status, notify
from events.errors import RegistrationError
from events.models import ACTIVE_STATUSES, SEAT_STATUSES, Registration, Session, Status
from events.seats import lock_session, move_counts, relock, take_place
from events.waiting_list import offer_free_seats


def _check_open(session, now):
    state = session.registration_state(now)
    messages = {
        "cancelled": _("This session has been cancelled."),
        "past": _("This session has already taken place."),
        "not_yet": _("Registration for this session has not opened yet."),
        "closed": _("Registration for this session is closed."),
    }
    if state != "open":
        raise RegistrationError(state, messages[state])


def normalise_email(email):
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationError(
            "email", _("Enter a valid e-mail address, e.g. jan.kowalski@gmina.pl.")
        ) from None
    return email


def register(
    session_id,
    *,
    email,
    first_name,
    last_name,
    organisation="",
    organisation_type="",
    voivodeship="",
    language="pl",
    answers=None,
    consents=None,
    user=None,
    email_verified=False,
    now=None,
):
    """Register a person for a session: check, take a place, insert – one transaction.

    A guest (`email_verified=False`) waits for e-mail confirmation and takes no seat yet; a
    logged-in participant with a verified e-mail is placed at once (or awaits approval when the
    event asks for it)."""
    email = normalise_email(email)
    if not (first_name or "").strip() or not (last_name or "").strip():
        raise RegistrationError("name", _("Enter your first and last name."))
    # Read without the lock (see the module docstring): the window, the approval mode and
    # whether this e-mail is already registered, in one query.
    session = (
        Session.objects.select_related("page")
        .only(
            "starts_at",
            "registration_opens_at",
            "registration_closes_at",
            "cancelled",
            "page__manual_approval",
            "page__translation_key",
        )
        .annotate(
            already=Exists(
                Registration.objects.filter(
                    session=OuterRef("pk"), email=email, status__in=ACTIVE_STATUSES
                )
            )
        )
        .get(pk=session_id)
    )
    _check_open(session, now or timezone.now())
    if session.already:
        raise _duplicate()
    _check_prerequisites(session.page, user)
    registration = Registration(
        session=session,
        email=email,
        user=user,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=organisation.strip(),
        organisation_type=organisation_type,
        voivodeship=voivodeship,
        language=language if language in dict(settings.LANGUAGES) else "pl",
        answers=answers or {},
        consents=consents or [],
    )
    try:
        with transaction.atomic():
            if not email_verified:
                registration.status = Status.PENDING
            elif session.page.manual_approval:
                registration.status = Status.AWAITING_APPROVAL
            else:
                take_place(session.pk, registration, now)
            # Taken after the place (under the lock), so created_at follows the arrival order.
            registration.created_at = now or timezone.now()
            if email_verified:
                registration.email_confirmed_at = registration.created_at
            registration.save(force_insert=True)
    except IntegrityError:
        # The unique constraint caught a person registering twice at the same moment; the
        # count change rolled back with the insert.
        raise _duplicate() from None
    notify(registration, registration.status)
    announce_status(registration)
    return registration


def _check_prerequisites(page, user):
    """A training may ask for earlier steps first (a course, a pre-test: cms.prerequisites);
    a guest cannot show them, so a guest is asked to log in."""
    unmet = prerequisites.unmet(user, page)
    if unmet:
        signed_in = user is not None and user.is_authenticated
        raise RegistrationError("prerequisites", prerequisites.refusal(unmet, signed_in=signed_in))


def _duplicate():
    return RegistrationError(
        "duplicate",
        _(
            "This e-mail address is already registered for this session. "
            "Use the link from our e-mail to see or change the registration."
        ),
    )


def confirm_email(registration, now=None):
    """A guest confirmed the e-mail address (POST from the confirmation page)."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = relock(registration)
        if registration.status != Status.PENDING:
            return registration  # confirming twice changes nothing
        if session.cancelled or session.starts_at <= now:
            raise RegistrationError("past", _("This session is no longer open."))
        if registration.created_at <= now - confirmation_window():
            # The schedule (expire_unconfirmed) cancels it; until then it cannot be confirmed.
            raise RegistrationError(
                "expired",
                _("The time to confirm this registration has passed. Please register again."),
            )
        registration.email_confirmed_at = now
        if session.page.manual_approval:
            registration.status = Status.AWAITING_APPROVAL
        else:
            take_place(session.pk, registration, now)
        registration.save()
    notify(registration, registration.status)
    announce_status(registration)
    return registration


def approve(registration, now=None):
    """Staff accept a registration awaiting approval: it takes a seat or joins the list."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = relock(registration)
        if registration.status != Status.AWAITING_APPROVAL:
            raise RegistrationError("state", _("This registration is not awaiting approval."))
        take_place(session.pk, registration, now)
        registration.save()
    notify(registration, registration.status)
    announce_status(registration)
    return registration


def cancellation_deadline(session):
    return session.starts_at - datetime.timedelta(hours=session.page.cancellation_deadline_hours)


def can_cancel(registration, now=None):
    now = now or timezone.now()
    return registration.status in (
        Status.PENDING,
        Status.AWAITING_APPROVAL,
        Status.CONFIRMED,
        Status.WAITLISTED,
        Status.OFFERED,
    ) and now < cancellation_deadline(registration.session)


def cancel(registration, *, by_staff=False, reason="participant", now=None):
    """Cancel a registration. Participants may do it until the event's deadline; staff any
    time. A freed seat is offered to the waiting list at once."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = relock(registration)
        if registration.status == Status.CANCELLED:
            return registration
        if registration.status in (Status.ATTENDED, Status.NO_SHOW):
            raise RegistrationError("state", _("Attendance has already been recorded."))
        if not by_staff and not can_cancel(registration, now):
            raise RegistrationError(
                "deadline",
                _("The cancellation deadline has passed. Please contact the organiser."),
            )
        held_seat = registration.status in SEAT_STATUSES
        move_counts(session.pk, registration.status, Status.CANCELLED)
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.cancel_reason = reason
        registration.offer_expires_at = None
        registration.sequence += 1
        registration.save()
        notify(registration, "cancelled")
        if held_seat:
            announce(signals.seat_freed, sender=Session, session_id=session.pk)
    if held_seat:
        offer_free_seats(session.pk, now=now)
    return registration


def confirmation_window():
    """How long a guest's registration waits for the e-mail confirmation before it expires:
    setting EVENTS_GUEST_CONFIRMATION_HOURS (default 24)."""
    return datetime.timedelta(hours=int(getattr(settings, "EVENTS_GUEST_CONFIRMATION_HOURS", 24)))


def expire_unconfirmed(now=None):
    """Cancel guests' registrations whose e-mail was not confirmed in time (run by a django-q2
    schedule), so they stop blocking the address and cluttering the staff lists.

    A registration waiting for confirmation holds no seat and no place on the waiting list:
    the place is decided when the e-mail is confirmed (`confirm_email`), so its expiry frees
    nothing and the counts and the waiting list stay as they are."""
    now = now or timezone.now()
    cutoff = now - confirmation_window()
    stale = Registration.objects.filter(status=Status.PENDING, created_at__lte=cutoff)
    count = 0
    for pk, session_id in stale.values_list("pk", "session_id"):
        with transaction.atomic():
            lock_session(session_id)  # the same order as confirm_email: session, then row
            updated = Registration.objects.filter(
                pk=pk, status=Status.PENDING, created_at__lte=cutoff
            ).update(status=Status.CANCELLED, cancelled_at=now, cancel_reason="unconfirmed")
            count += updated
    return count


def update_answers(registration, answers):
    if registration.status in (Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW):
        raise RegistrationError("state", _("This registration can no longer be changed."))
    registration.answers = answers
    registration.save(update_fields=["answers"])
    return registration


def move_registration(registration, target_session, now=None):
    """Staff move a person to another session of the same training (seat needed there)."""
    now = now or timezone.now()
    if target_session.pk == registration.session_id:
        raise RegistrationError("same", _("The person is already in this session."))
    with transaction.atomic():
        # Lock both sessions in a fixed order so two opposite moves cannot deadlock.
        first, second = sorted([registration.session_id, target_session.pk])
        locked = {first: lock_session(first), second: lock_session(second)}
        target = locked[target_session.pk]
        registration = Registration.objects.get(pk=registration.pk)
        old_session = locked[registration.session_id]
        if registration.status not in (Status.CONFIRMED, Status.OFFERED, Status.WAITLISTED):
            raise RegistrationError("state", _("Only active registrations can be moved."))
        if target.starts_at <= now or target.cancelled:
            raise RegistrationError("past", _("The target session is not open."))
        if target.registrations.filter(
            email=registration.email, status__in=ACTIVE_STATUSES
        ).exists():
            raise RegistrationError("duplicate", _("The person is already in that session."))
        if target.capacity - target.seats_taken <= 0:
            raise RegistrationError("full", _("The target session has no free seat."))
        held_seat = registration.status in SEAT_STATUSES
        move_counts(old_session.pk, registration.status, None)
        move_counts(target.pk, None, Status.CONFIRMED)
        registration.session = target
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.reminder_sent_at = None
        registration.sequence += 1
        registration.save()
        notify(registration, "moved", old_session.pk)
        announce_status(registration)
        if held_seat:
            announce(signals.seat_freed, sender=Session, session_id=old_session.pk)
    if held_seat:
        offer_free_seats(old_session.pk, now=now)
    return registration
