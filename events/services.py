"""The business rules of training registrations. Every status change goes through here.

The capacity rule
-----------------
No session is ever overbooked. Each session keeps two counts, `seats_taken` (registrations in
SEAT_STATUSES) and `waitlisted_count`, changed only here, in the same transaction as the status
change they follow. A place is taken by `_take_place()` with one conditional UPDATE that checks
and increments at once (`_TAKE_PLACE_SQL`): a seat while one is free and nobody waits,
otherwise a place at the end of the waiting list, or no row when the session is full without
a list. The UPDATE row-locks the session until the transaction ends, so two requests for the
last seat queue on that lock; PostgreSQL re-evaluates the statement against the row the first
one committed, and the second one joins the waiting list (or is refused). The registration
is inserted under the same lock, so ids and `waitlisted_at` follow the arrival order. pretix
locks, recounts and inserts; here the count is kept instead of recounted, which saves the
lock query and the recount and leaves two statements (the UPDATE and the INSERT) and the
COMMIT inside the lock. Every other path
(cancellation, offers, moves, attendance) locks the session row first (`_locked_session`) and
adjusts the counts with `_move_counts()`; `recount_session()` rebuilds them from the rows.

What is checked before the lock, and why that is safe: the registration window and the
duplicate check are read without the lock. A cancelled session is re-checked by the UPDATE
itself. A duplicate that races past the check is stopped by the partial unique constraint
(session, e-mail) among live registrations: the INSERT fails, the whole transaction (with its
count change) rolls back, and the person gets the "already registered" message.

Why SQLite is safe too: `select_for_update()` is a no-op there, but SQLite has a single writer
per database, and the settings open every transaction with `BEGIN IMMEDIATE`
(`"transaction_mode": "IMMEDIATE"` in cms/settings/base.py), which takes the write lock at the
start of the transaction. Writers are therefore serialised for the whole check-increment-insert
sequence and no other writer can slip in between.

Mail and domain events are queued with `cms.tasks.enqueue` / `cms.domain_events.announce`, i.e.
only after the transaction commits.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
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
    """Seats held, counted from the registrations (the kept count must always equal it)."""
    return session.registrations.filter(status__in=SEAT_STATUSES).count()


def _count_field(status):
    if status in SEAT_STATUSES:
        return "seats_taken"
    if status == Status.WAITLISTED:
        return "waitlisted_count"
    return None


def _move_counts(session_id, old_status, new_status):
    """Follow a registration's status change in the session's counts. Call it in the
    transaction of the change, with the session locked."""
    old, new = _count_field(old_status), _count_field(new_status)
    if old == new:
        return
    changes = {}
    if old:
        changes[old] = F(old) - 1
    if new:
        changes[new] = F(new) + 1
    Session.objects.filter(pk=session_id).update(**changes)


def recount_session(session_id):
    """Rebuild a session's counts from its registrations (after bulk changes, demo data)."""
    with transaction.atomic():
        _locked_session(session_id)
        counts = Registration.objects.filter(session_id=session_id).aggregate(
            taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
            waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        )
        Session.objects.filter(pk=session_id).update(
            seats_taken=counts["taken"], waitlisted_count=counts["waiting"]
        )


# THE capacity rule in one statement: a free seat while nobody waits, otherwise the end of the
# waiting list when the session has one; a session that is cancelled, or full without a
# waiting list, matches no row. The SET expressions all read the row as it was before the
# update, and RETURNING gives it after: `waitlisted_count` is 0 only if a seat was taken (a
# seat needs an empty list; joining the list makes it at least 1). PostgreSQL and SQLite 3.35+
# both have UPDATE ... RETURNING.
_TAKE_PLACE_SQL = """
UPDATE {table} SET
    seats_taken = seats_taken
        + CASE WHEN seats_taken < capacity AND waitlisted_count = 0 THEN 1 ELSE 0 END,
    waitlisted_count = waitlisted_count
        + CASE WHEN seats_taken < capacity AND waitlisted_count = 0 THEN 0 ELSE 1 END
WHERE id = %s
    AND NOT cancelled
    AND ((seats_taken < capacity AND waitlisted_count = 0) OR waiting_list)
RETURNING waitlisted_count
"""


def _take_place(session_id, registration, now=None):
    """THE capacity rule: a seat (confirmed) or a place at the end of the waiting list, decided
    and counted by one conditional UPDATE that also locks the session row until the end of the
    transaction (see the module docstring). Nobody jumps the queue: while anyone is waiting,
    newcomers join the list. Sets `registration.status` (not saved); raises RegistrationError
    when there is no place."""
    table = connection.ops.quote_name(Session._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(_TAKE_PLACE_SQL.format(table=table), [session_id])
        row = cursor.fetchone()
    if row is None:
        if Session.objects.filter(pk=session_id, cancelled=True).exists():
            raise RegistrationError("cancelled", _("This session has been cancelled."))
        raise RegistrationError(
            "full", _("This session is full and has no waiting list. Choose another date.")
        )
    if row[0] == 0:
        registration.status = Status.CONFIRMED
        registration.offer_expires_at = None
    else:
        registration.status = Status.WAITLISTED
        # Taken under the lock, so the waiting list keeps the arrival order.
        registration.waitlisted_at = now or timezone.now()


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
                _take_place(session.pk, registration, now)
            # Taken after the place (under the lock), so created_at follows the arrival order.
            registration.created_at = now or timezone.now()
            if email_verified:
                registration.email_confirmed_at = registration.created_at
            registration.save(force_insert=True)
    except IntegrityError:
        # The unique constraint caught a person registering twice at the same moment; the
        # count change rolled back with the insert.
        raise _duplicate() from None
    _notify(registration, registration.status)
    _announce_status(registration)
    return registration


def _duplicate():
    return RegistrationError(
        "duplicate",
        _(
            "This e-mail address is already registered for this session. "
            "Use the link from our e-mail to see or change the registration."
        ),
    )


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
            _take_place(session.pk, registration, now)
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
        _take_place(session.pk, registration, now)
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
        free = session.capacity - session.seats_taken
        if free <= 0 or not session.waitlisted_count:
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
        if offered:
            Session.objects.filter(pk=session.pk).update(
                seats_taken=F("seats_taken") + len(offered),
                waitlisted_count=F("waitlisted_count") - len(offered),
            )
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
        _move_counts(session.pk, registration.status, Status.CANCELLED)
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
            _move_counts(session.pk, registration.status, Status.CANCELLED)
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
            registration.cancel_reason = "offer_expired"
            registration.save()
            _notify(registration, "offer_expired")
            announce(signals.seat_freed, sender=Session, session_id=session.pk)
            count += 1
        offer_free_seats(session.pk, now=now)
    return count


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
            _locked_session(session_id)  # the same order as confirm_email: session, then row
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
        if target.capacity - target.seats_taken <= 0:
            raise RegistrationError("full", _("The target session has no free seat."))
        held_seat = registration.status in SEAT_STATUSES
        _move_counts(old_session.pk, registration.status, None)
        _move_counts(target.pk, None, Status.CONFIRMED)
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
        recount_session(session.pk)
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
