"""The capacity rule: no session is ever overbooked. Locking a session, keeping its counts and
taking a place all live here; every status change of a registration goes through them.

Each session keeps two counts, `seats_taken` (registrations in SEAT_STATUSES) and
`waitlisted_count`, changed only through this module, in the same transaction as the status
change they follow. A place is taken by `take_place()` with one conditional UPDATE that checks
and increments at once (`_TAKE_PLACE_SQL`): a seat while one is free and nobody waits,
otherwise a place at the end of the waiting list, or no row when the session is full without
a list. The UPDATE row-locks the session until the transaction ends, so two requests for the
last seat queue on that lock; PostgreSQL re-evaluates the statement against the row the first
one committed, and the second one joins the waiting list (or is refused). The registration
is inserted under the same lock (events.registration), so ids and `waitlisted_at` follow the
arrival order. pretix locks, recounts and inserts; here the count is kept instead of
recounted, which saves the lock query and the recount and leaves two statements (the UPDATE
and the INSERT) and the COMMIT inside the lock. Every other path (cancellation, offers, moves,
attendance) locks the session row first (`lock_session`) and adjusts the counts with
`move_counts()`; `recount_session()` rebuilds them from the rows.

Why SQLite is safe too: `select_for_update()` is a no-op there, but SQLite has a single writer
per database, and the settings open every transaction with `BEGIN IMMEDIATE`
(`"transaction_mode": "IMMEDIATE"` in config/settings/base.py), which takes the write lock at the
start of the transaction. Writers are therefore serialised for the whole check-increment-insert
sequence and no other writer can slip in between.
"""

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.errors import RegistrationError
from events.models import SEAT_STATUSES, Registration, Session, Status


def lock_session(session_id):
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


def move_counts(session_id, old_status, new_status):
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
        lock_session(session_id)
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


def take_place(session_id, registration, now=None):
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


def relock(registration):
    """Lock the registration's session, then reload the registration under that lock."""
    session = lock_session(registration.session_id)
    fresh = Registration.objects.select_related("session").get(pk=registration.pk)
    fresh.session = session
    return session, fresh
