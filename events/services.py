"""The business rules of training registrations. Every status change goes through here.

The capacity rule
-----------------
No session is ever overbooked. The rule lives in `_allocate()` and is only ever called with the
session's row locked by `_locked_session()` inside a transaction: lock the session row
(`SELECT ... FOR UPDATE`), recount the seat-holding registrations, then insert or update the
registration, all in one transaction. Two concurrent requests for the last seat therefore queue
on the row lock; the second one recounts after the first has committed and lands on the waiting
list. A partial unique constraint (session, e-mail) among live registrations stops duplicates
even if two requests for the same person race.

Why SQLite is safe too: `select_for_update()` is a no-op there, but SQLite has a single writer
per database, and the settings open every transaction with `BEGIN IMMEDIATE`
(`"transaction_mode": "IMMEDIATE"` in cms/settings/base.py), which takes the write lock at the
start of the transaction, before the recount. Writers are therefore serialised for the whole
lock-recount-insert sequence and no other writer can slip in between the count and the insert.
(Without IMMEDIATE, two deferred transactions could both read the count and one would fail on
upgrade to a write lock; they would never both insert, but one would get an error.)

Mail and domain events are queued with `cms.tasks.enqueue` / `cms.domain_events.announce`, i.e.
only after the transaction commits.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.domain_events import announce
from cms.tasks import enqueue
from events import signals
from events.models import ACTIVE_STATUSES, SEAT_STATUSES, Registration, Session, Status

EMAIL_TASK = "events.tasks.send_registration_email"


class RegistrationError(Exception):
    """A rule stops the action; `message` is shown to the person as is."""

    def __init__(self, code, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


# --- the capacity rule ---------------------------------------------------------------------------


def _locked_session(session_id):
    """The session row, locked until the end of the current transaction."""
    # of=("self",): lock the session row only, not the joined page row editors save.
    return Session.objects.select_for_update(of=("self",)).select_related("page").get(pk=session_id)


def seats_taken(session):
    return session.registrations.filter(status__in=SEAT_STATUSES).count()


def _recount(session, email=None, exclude_pk=None):
    """Seats taken, people waiting and (given an e-mail) that person's live registrations, in
    one query: the lock is held for as few round trips as possible."""
    rows = session.registrations.all()
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    aggregates = {
        "taken": Count("pk", filter=Q(status__in=SEAT_STATUSES)),
        "waiting": Count("pk", filter=Q(status=Status.WAITLISTED)),
    }
    if email:
        aggregates["same_person"] = Count("pk", filter=Q(email=email, status__in=ACTIVE_STATUSES))
    return rows.aggregate(**aggregates)


def _allocate(session, registration, now, counts=None):
    """THE capacity rule. Must be called with `session` locked (see `_locked_session`).

    Recounts the seats (unless `counts` were just taken under the same lock) and puts the
    registration on a seat (confirmed) or on the waiting list. Nobody jumps the queue: while
    anyone is waiting, newcomers join the end of the list.
    """
    if counts is None:
        counts = _recount(session, exclude_pk=registration.pk)
    free = session.capacity - counts["taken"]
    if free > 0 and not counts["waiting"]:
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
    elif session.waiting_list:
        registration.status = Status.WAITLISTED
        registration.waitlisted_at = now
    else:
        raise RegistrationError(
            "full", _("This session is full and has no waiting list. Choose another date.")
        )


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


def _notify(registration, kind):
    enqueue(EMAIL_TASK, registration.pk, kind)


def _announce_status(registration):
    if registration.status == Status.CONFIRMED:
        announce(
            signals.registration_confirmed,
            sender=Registration,
            registration_id=registration.pk,
            session_id=registration.session_id,
            email=registration.email,
        )


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
    """Register a person for a session: lock, recount, insert – one transaction.

    A guest (`email_verified=False`) waits for e-mail confirmation and takes no seat yet; a
    logged-in participant with a verified e-mail is placed at once (or awaits approval when the
    event asks for it)."""
    email = normalise_email(email)
    if not (first_name or "").strip() or not (last_name or "").strip():
        raise RegistrationError("name", _("Enter your first and last name."))
    try:
        with transaction.atomic():
            registration = _register_locked(
                session_id,
                now,
                email=email,
                user=user,
                email_verified=email_verified,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                organisation=organisation.strip(),
                organisation_type=organisation_type,
                voivodeship=voivodeship,
                language=language if language in dict(settings.LANGUAGES) else "pl",
                answers=answers or {},
                consents=consents or [],
            )
    except IntegrityError:
        # The unique constraint caught a race the check under the lock cannot see (it does
        # not happen with the lock, but the database has the last word).
        raise RegistrationError(
            "duplicate", _("This e-mail address is already registered for this session.")
        ) from None
    _notify(registration, registration.status)
    _announce_status(registration)
    return registration


def _register_locked(session_id, now, *, email, email_verified, **fields):
    session = _locked_session(session_id)
    # Taken under the lock, so created_at / waitlisted_at follow the arrival order.
    now = now or timezone.now()
    _check_open(session, now)
    counts = _recount(session, email=email)
    if counts["same_person"]:
        raise RegistrationError(
            "duplicate",
            _(
                "This e-mail address is already registered for this session. "
                "Use the link from our e-mail to see or change the registration."
            ),
        )
    registration = Registration(session=session, email=email, created_at=now, **fields)
    if not email_verified:
        registration.status = Status.PENDING
    else:
        registration.email_confirmed_at = now
        if session.page.manual_approval:
            registration.status = Status.AWAITING_APPROVAL
        else:
            _allocate(session, registration, now, counts)
    registration.save()
    return registration


def _relock(registration):
    """Lock the registration's session, then reload the registration under that lock."""
    session = _locked_session(registration.session_id)
    fresh = Registration.objects.select_related("session").get(pk=registration.pk)
    fresh.session = session
    return session, fresh


def confirm_email(registration, now=None):
    """A guest confirmed the e-mail address (POST from the confirmation page)."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _relock(registration)
        if registration.status != Status.PENDING:
            return registration  # confirming twice changes nothing
        if session.cancelled or session.starts_at <= now:
            raise RegistrationError("past", _("This session is no longer open."))
        registration.email_confirmed_at = now
        if session.page.manual_approval:
            registration.status = Status.AWAITING_APPROVAL
        else:
            _allocate(session, registration, now)
        registration.save()
    _notify(registration, registration.status)
    _announce_status(registration)
    return registration


def approve(registration, now=None):
    """Staff accept a registration awaiting approval: it takes a seat or joins the list."""
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _relock(registration)
        if registration.status != Status.AWAITING_APPROVAL:
            raise RegistrationError("state", _("This registration is not awaiting approval."))
        _allocate(session, registration, now)
        registration.save()
    _notify(registration, registration.status)
    _announce_status(registration)
    return registration


def offer_free_seats(session_id, now=None):
    """Offer every free seat to the next people on the waiting list, in arrival order.
    Runs after a cancellation, an expired offer or a capacity raise."""
    now = now or timezone.now()
    offered = []
    with transaction.atomic():
        session = _locked_session(session_id)
        if session.cancelled or session.starts_at <= now:
            return []
        free = session.capacity - seats_taken(session)
        if free <= 0:
            return []
        hours = session.page.offer_hours or 48
        queue = session.registrations.filter(status=Status.WAITLISTED).order_by(
            "waitlisted_at", "id"
        )[:free]
        for registration in queue:
            registration.status = Status.OFFERED
            registration.offer_expires_at = min(
                now + datetime.timedelta(hours=hours), session.starts_at
            )
            registration.save(update_fields=["status", "offer_expires_at"])
            _notify(registration, "offered")
            offered.append(registration)
    return offered


def accept_offer(registration, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        session, registration = _relock(registration)
        if registration.status != Status.OFFERED:
            raise RegistrationError("state", _("There is no seat offer for this registration."))
        if registration.offer_expires_at and registration.offer_expires_at <= now:
            raise RegistrationError("expired", _("This seat offer has expired."))
        # The offered seat was reserved when the offer was made, so no recount is needed.
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.save(update_fields=["status", "offer_expires_at"])
    _notify(registration, "confirmed")
    _announce_status(registration)
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
        session, registration = _relock(registration)
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
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.cancel_reason = reason
        registration.offer_expires_at = None
        registration.sequence += 1
        registration.save()
        _notify(registration, "cancelled")
        if held_seat:
            announce(signals.seat_freed, sender=Session, session_id=session.pk)
    if held_seat:
        offer_free_seats(session.pk, now=now)
    return registration


def expire_offers(now=None):
    """Offers not answered in time pass to the next person (run by a django-q2 schedule)."""
    now = now or timezone.now()
    expired = Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    count = 0
    for registration in expired:
        with transaction.atomic():
            session, registration = _relock(registration)
            if registration.status != Status.OFFERED or registration.offer_expires_at > now:
                continue
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancel_reason = "offer_expired"
            registration.save()
            _notify(registration, "offer_expired")
            announce(signals.seat_freed, sender=Session, session_id=session.pk)
            count += 1
        offer_free_seats(session.pk, now=now)
    return count


def update_answers(registration, answers):
    if registration.status in (Status.CANCELLED, Status.ATTENDED, Status.NO_SHOW):
        raise RegistrationError("state", _("This registration can no longer be changed."))
    registration.answers = answers
    registration.save(update_fields=["answers"])
    return registration


def mark_attendance(registration, attended, now=None):
    """Check-in: attended or no-show, for a confirmed participant once the session started."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("session__page")
            .get(pk=registration.pk)
        )
        if registration.status not in (Status.CONFIRMED, Status.ATTENDED, Status.NO_SHOW):
            raise RegistrationError("state", _("Only confirmed participants can be checked in."))
        registration.status = Status.ATTENDED if attended else Status.NO_SHOW
        registration.attendance_marked_at = now
        registration.save(update_fields=["status", "attendance_marked_at"])
        session = registration.session
        event = session.page
        announce(
            signals.attendance_marked,
            sender=Registration,
            registration_id=registration.pk,
            session_id=session.pk,
            event_id=event.pk,
            event_title=event.title,
            attended=bool(attended),
            email=registration.email,
            user_id=registration.user_id,
            first_name=registration.first_name,
            last_name=registration.last_name,
            organisation_type=registration.organisation_type or "other",
            voivodeship=registration.voivodeship or "",
            format=event.format,
            instrument_slugs=list(event.instruments.values_list("slug", flat=True)),
            session_date=timezone.localdate(session.starts_at),
            marked_at=now,
        )
        if attended:
            enqueue("events.tasks.issue_attendance_certificate", registration.pk)
    return registration


def move_registration(registration, target_session, now=None):
    """Staff move a person to another session of the same training (seat needed there)."""
    now = now or timezone.now()
    if target_session.pk == registration.session_id:
        raise RegistrationError("same", _("The person is already in this session."))
    with transaction.atomic():
        # Lock both sessions in a fixed order so two opposite moves cannot deadlock.
        first, second = sorted([registration.session_id, target_session.pk])
        locked = {first: _locked_session(first), second: _locked_session(second)}
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
        if target.capacity - _recount(target)["taken"] <= 0:
            raise RegistrationError("full", _("The target session has no free seat."))
        held_seat = registration.status in SEAT_STATUSES
        registration.session = target
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
        registration.reminder_sent_at = None
        registration.sequence += 1
        registration.save()
        enqueue(EMAIL_TASK, registration.pk, "moved", old_session.pk)
        _announce_status(registration)
        if held_seat:
            announce(signals.seat_freed, sender=Session, session_id=old_session.pk)
    if held_seat:
        offer_free_seats(old_session.pk, now=now)
    return registration


def cancel_session(session, now=None):
    """Cancel a whole session and tell everyone registered (with a calendar cancellation)."""
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked_session(session.pk)
        session.cancelled = True
        session.save(update_fields=["cancelled"])
        live = session.registrations.filter(status__in=ACTIVE_STATUSES).exclude(
            status__in=[Status.ATTENDED, Status.NO_SHOW]
        )
        count = 0
        for registration in live:
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancel_reason = "session_cancelled"
            registration.sequence += 1
            registration.save()
            _notify(registration, "session_cancelled")
            count += 1
    return count


def notify_session_changes(session_ids):
    """After an editor publishes a training: tell participants of sessions whose time or place
    changed (updated invite), and offer seats a capacity raise freed."""
    for session in Session.objects.filter(pk__in=session_ids):
        if session.sequence > session.notified_sequence:
            with transaction.atomic():
                session = _locked_session(session.pk)
                for registration in session.registrations.filter(
                    status__in=[Status.CONFIRMED, Status.OFFERED]
                ):
                    _notify(registration, "changed")
                session.notified_sequence = session.sequence
                Session.objects.filter(pk=session.pk).update(notified_sequence=session.sequence)
        offer_free_seats(session.pk)


def send_due_reminders(now=None):
    """Queue the reminder for confirmed participants of sessions starting within 24 hours."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__cancelled=False,
        session__starts_at__gt=now,
        session__starts_at__lte=now + datetime.timedelta(hours=24),
    )
    ids = list(due.values_list("pk", flat=True))
    with transaction.atomic():
        Registration.objects.filter(pk__in=ids).update(reminder_sent_at=now)
        for pk in ids:
            enqueue(EMAIL_TASK, pk, "reminder")
    return len(ids)


def retention_days():
    return int(getattr(settings, "EVENTS_GUEST_DATA_RETENTION_DAYS", 730))


def anonymise_registration(registration, now=None):
    """Remove a person's data from a registration while keeping what the counts need
    (session, status, organisation type, województwo)."""
    now = now or timezone.now()
    registration.email = f"anonim-{registration.public_id}@anonymised.invalid"
    registration.first_name = ""
    registration.last_name = ""
    registration.organisation = ""
    registration.answers = {}
    registration.consents = []
    registration.user = None
    registration.anonymised_at = now
    registration.save()
    return registration


def anonymise_expired_guests(now=None):
    """Anonymise guests' personal data a configurable period after their session ended."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    stale = Registration.objects.filter(
        Q(user__isnull=True), anonymised_at__isnull=True, session__ends_at__lt=cutoff
    )
    count = 0
    for registration in stale:
        anonymise_registration(registration, now)
        count += 1
    return count
