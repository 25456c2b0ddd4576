"""The send loop: what is left of a running dispatch goes out in lanes (threads, each with its
own SMTP and database connection), sharing one rate limit and the dispatch's lease, each
message committed as "sent" at the point of record (see `newsletter.sending`). Resumable at any
time: this is how a crashed or stopped send resumes."""

import contextlib
import logging
import smtplib
import threading
import time
import uuid
from datetime import timedelta

from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from newsletter import conf
from newsletter.models import Delivery, Dispatch
from newsletter.rendering import (
    MessageTemplate,
    RenderedIssue,
    build_message,
    issue_language,
    personal_url_templates,
    personal_urls,
)
from newsletter.sending.dispatch import (
    acquire_lease,
    finish_if_complete,
    release_lease,
    renew_lease,
)
from newsletter.sending.smtp import (
    REFUSED,
    close,
    drop,
    no_delay,
    reset,
    send_up_to_the_dot,
)

logger = logging.getLogger(__name__)


def _release_dead_claims(dispatch_id, token):
    """Rows claimed by a run that no longer holds the lease (it died or stalled). A row still
    "sending" was never committed as sent, so its message never passed the point of no return
    (see the module docstring): the server discarded whatever part of it arrived. All of them go
    back to the queue."""
    return (
        Delivery.objects.filter(dispatch_id=dispatch_id, status=Delivery.Status.SENDING)
        .exclude(claim__startswith=token)
        .update(status=Delivery.Status.PENDING, claim="")
    )


def run_dispatch(
    dispatch_id,
    *,
    time_budget=None,
    connection_factory=None,
    connections=None,
    batch_size=None,
    rate=None,
    lease_seconds=None,
):
    """Send what is left of a running dispatch. Returns "done", "busy" (another live worker holds
    it), "stopped" (paused, cancelled or lease lost), "continue" (time budget used up) or
    "waiting" (only retries whose time has not come are left). Safe to call again at any time:
    this is how a crashed or stopped send resumes.

    Sending runs in `connections` lanes (threads, each with its own SMTP and database
    connection, NEWSLETTER_SEND_CONNECTIONS), sharing one rate limit. Each lane claims its own
    batches and sends them in id order. The keyword arguments override the settings."""
    token = uuid.uuid4().hex
    lease_seconds = lease_seconds or conf.get("NEWSLETTER_LEASE_SECONDS")
    if not acquire_lease(dispatch_id, token, lease_seconds):
        return "busy"
    try:
        _release_dead_claims(dispatch_id, token)
        dispatch = Dispatch.objects.get(pk=dispatch_id)
        loop = _Loop(
            dispatch_id=dispatch_id,
            token=token,
            rendered=RenderedIssue(dispatch.subject, dispatch.html_body, dispatch.text_body),
            language=issue_language(dispatch.page),
            time_budget=time_budget,
            rate=rate or conf.get("NEWSLETTER_SEND_RATE"),
            lease_seconds=lease_seconds,
            batch_size=batch_size or conf.get("NEWSLETTER_BATCH_SIZE"),
            connection_factory=connection_factory
            or (
                lambda: get_connection(
                    conf.get("NEWSLETTER_EMAIL_BACKEND"),
                    timeout=max(1, min(30, lease_seconds // 2)),
                )
            ),
        )
        lanes = connections or conf.get("NEWSLETTER_SEND_CONNECTIONS")
        if lanes <= 1 or not _threads_can_share_the_database():
            results = [loop.lane(0, own_db_connection=False)]
        else:
            results = loop.run_lanes(lanes)
        if loop.stop.is_set() or "stopped" in results:
            return "stopped"
        if "continue" in results:
            return "continue"
        return "done" if finish_if_complete(dispatch_id) else "waiting"
    finally:
        release_lease(dispatch_id, token)


def _threads_can_share_the_database():
    """Lanes need their own database connections seeing committed rows (so not inside a
    transaction, as in tests): PostgreSQL, or an SQLite file (its writers take turns, each
    message's commit is short; not an in-memory database, private to one connection)."""
    if db_connection.in_atomic_block:
        return False
    if db_connection.vendor == "sqlite":
        return not db_connection.is_in_memory_db()
    return db_connection.vendor == "postgresql"


@contextlib.contextmanager
def _quick_commits():
    """A lane commits once per message (the point of record, see the module docstring). Those
    commits must survive the *worker* dying, which they do as soon as the database server has them, so
    the lane's connection does not wait for the disk flush of each one: PostgreSQL's
    `synchronous_commit = off` (a server crash may lose the last fraction of a second of marks:
    those few messages could then be sent twice), SQLite's `synchronous = OFF` (SQLite is the
    single-machine development default). NEWSLETTER_QUICK_COMMITS = False keeps full flushes."""
    if not conf.get("NEWSLETTER_QUICK_COMMITS") or db_connection.in_atomic_block:
        yield
        return
    vendor = db_connection.vendor
    with db_connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO OFF")
        elif vendor == "sqlite":
            cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SET synchronous_commit TO DEFAULT")
            elif vendor == "sqlite":
                cursor.execute("PRAGMA synchronous = FULL")


class _Loop:
    """State shared by the lanes of one run: lease, rate limit, deadline, stop flag."""

    def __init__(
        self,
        *,
        dispatch_id,
        token,
        rendered,
        time_budget,
        rate,
        lease_seconds,
        batch_size,
        connection_factory,
        language=None,
    ):
        self.dispatch_id, self.token, self.rendered = dispatch_id, token, rendered
        self.lease_seconds, self.batch_size = lease_seconds, batch_size
        self.connection_factory = connection_factory
        self.url_templates = personal_url_templates(language)
        self.interval = 1.0 / rate
        self.max_attempts = conf.get("NEWSLETTER_MAX_ATTEMPTS")
        self.retry_delay = timedelta(seconds=conf.get("NEWSLETTER_RETRY_DELAY"))
        now = time.monotonic()
        self.deadline = now + time_budget if time_budget is not None else None
        self.renew_at = now + lease_seconds / 3
        self.next_send = now
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def run_lanes(self, count):
        results = [None] * count
        errors = []

        def work(index):
            try:
                results[index] = self.lane(index, own_db_connection=True)
            except BaseException as exc:  # re-raised in the calling thread
                errors.append(exc)
                self.stop.set()

        threads = [threading.Thread(target=work, args=(i,), daemon=True) for i in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise errors[0]
        return results

    def keep_lease(self):
        """Renew the lease when due; False (and stop every lane) once it is lost."""
        with self.lock:
            if self.stop.is_set():
                return False
            if time.monotonic() >= self.renew_at:
                if not renew_lease(self.dispatch_id, self.token, self.lease_seconds):
                    self.stop.set()
                    return False
                self.renew_at = time.monotonic() + self.lease_seconds / 3
        return True

    def wait_turn(self):
        with self.lock:
            now = time.monotonic()
            slot = max(self.next_send, now)
            self.next_send = max(slot + self.interval, now - 1)
        if slot > now:
            time.sleep(slot - now)

    def claim(self, claim):
        """Claim the next batch for this lane (rows other lanes hold locked are skipped)."""
        now = timezone.now()
        queue = Delivery.objects.filter(dispatch_id=self.dispatch_id).filter(
            Q(status=Delivery.Status.PENDING)
            | Q(status=Delivery.Status.RETRY, retry_after__lte=now)
        )
        with transaction.atomic():
            ids = list(
                queue.select_for_update(skip_locked=True)
                .order_by("pk")
                .values_list("pk", flat=True)[: self.batch_size]
            )
            Delivery.objects.filter(pk__in=ids).update(status=Delivery.Status.SENDING, claim=claim)
        return (
            Delivery.objects.filter(pk__in=ids, claim=claim, status=Delivery.Status.SENDING)
            .order_by("pk")
            .values_list("pk", "email", "subscriber_id", "attempts")
        )

    def lane(self, index, *, own_db_connection):
        claim = f"{self.token}:{index}"
        mail = self.connection_factory()
        try:
            with _quick_commits():
                return self._lane(claim, mail)
        finally:
            close(mail)
            if own_db_connection:
                db_connection.close()

    def _lane(self, claim, mail):
        send = self.send_smtp if isinstance(mail, SMTPBackend) else self.send_other
        while True:
            if self.stop.is_set():
                return "stopped"
            if self.deadline is not None and time.monotonic() > self.deadline:
                return "continue"
            if not self.keep_lease():
                return "stopped"
            rows = list(self.claim(claim))
            if not rows:
                return "empty"
            for pk, email, subscriber_id, attempts in rows:
                if not self.keep_lease():
                    return "stopped"  # our remaining claims are released by the next run
                self.wait_turn()
                send(mail, claim, pk, email, subscriber_id, attempts)

    # -- the point of record and its undoing --

    def mark_sent(self, pk, claim):
        """Commit the row as sent, only while this lane still holds its claim (a run that lost
        its lease must not send what another run has taken over). False: leave it alone."""
        # Plain SQL: this runs once per message, and building the ORM's UPDATE costs more than
        # executing it.
        now = db_connection.ops.adapt_datetimefield_value(timezone.now())
        with db_connection.cursor() as cursor:
            cursor.execute(
                _MARK_SENT_SQL, [Delivery.Status.SENT, now, pk, claim, Delivery.Status.SENDING]
            )
            return cursor.rowcount

    def mark_failed(self, pk, claim, attempts, exc):
        """The server did not take the message: retry later, or give up after the last try."""
        failed = attempts + 1 >= self.max_attempts
        Delivery.objects.filter(pk=pk, claim=claim).update(
            status=Delivery.Status.FAILED if failed else Delivery.Status.RETRY,
            attempts=attempts + 1,
            sent_at=None,
            retry_after=timezone.now() + self.retry_delay,
            last_error=f"{type(exc).__name__}: {exc}"[:500],
            claim="",
        )
        logger.warning("Newsletter delivery %s failed: %s", pk, exc)

    # -- SMTP: two phases around the point of record --

    @cached_property
    def template(self):
        return MessageTemplate(self.rendered)

    def send_smtp(self, mail, claim, pk, email, subscriber_id, attempts):
        urls = personal_urls(_SubscriberRef(subscriber_id), self.url_templates)
        try:
            data = self.template.render(email, urls)
            if mail.open():  # a new connection (no-op while open; reopens after an error)
                no_delay(mail.connection)
            send_up_to_the_dot(
                mail.connection, self.template.sender, [self.template.recipient(email)], data
            )
        except REFUSED as exc:  # refused before DATA; the connection was reset or closed
            if getattr(mail.connection, "sock", None) is None:
                drop(mail)
            self.mark_failed(pk, claim, attempts, exc)
            return
        except Exception as exc:  # broken before the end of the message: never accepted
            drop(mail)
            self.mark_failed(pk, claim, attempts, exc)
            return
        except BaseException:  # interrupted: hang up without the dot (a QUIT would be text)
            drop(mail)
            raise
        connection = mail.connection
        try:
            # The point of record: from here on the row says "sent" and is never sent again.
            if not self.mark_sent(pk, claim):
                drop(mail)  # the claim was taken over: end without the dot, the server discards
                return
            connection.send(b".\r\n")
        except Exception as exc:  # the end of the message never left: not accepted
            drop(mail)
            self.mark_failed(pk, claim, attempts, exc)
            return
        except BaseException:  # interrupted: hang up without the dot (a QUIT would be text)
            drop(mail)
            raise
        try:
            code, reply = connection.getreply()
        except Exception:  # the dot left, the answer was lost (RFC 1047): count it as sent
            drop(mail)
            Delivery.objects.filter(pk=pk).update(last_error=UNCONFIRMED)
            return
        if code != 250:
            if code == 421:
                drop(mail)
            else:
                reset(mail)
            self.mark_failed(pk, claim, attempts, smtplib.SMTPDataError(code, reply))

    # -- any other backend (locmem, file, console: tests and development) --

    def send_other(self, mail, claim, pk, email, subscriber_id, attempts):
        message = build_message(
            self.rendered, email, personal_urls(_SubscriberRef(subscriber_id), self.url_templates)
        )
        if not self.mark_sent(pk, claim):
            return
        try:
            mail.open()
            mail.send_messages([message])
        except Exception as exc:
            close(mail)
            self.mark_failed(pk, claim, attempts, exc)


# The table name is the model's own; every value is a parameter.
_MARK_SENT_SQL = (
    f"UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, "  # noqa: S608
    "attempts = attempts + 1, last_error = '' WHERE id = %s AND claim = %s AND status = %s"
)
UNCONFIRMED = "Accepted by the server not confirmed: the connection was lost after the message."


class _SubscriberRef:
    """Just enough of a subscriber for the personal token (avoids loading the row)."""

    def __init__(self, pk):
        self.pk = pk
