"""Business rules of sending an issue: creating a dispatch, freezing the message and the
recipients when it starts, and the resumable, rate-limited, at-most-once send loop that the
django-q2 tasks (and the `newsletter_send` command) run. See `newsletter.models.sending`."""

import contextlib
import logging
import threading
import time
import uuid
from datetime import timedelta

from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cms.tasks import enqueue
from newsletter import conf
from newsletter.models import Delivery, Dispatch, Subscriber, SuppressedAddress, email_hash
from newsletter.rendering import (
    RenderedIssue,
    build_message,
    personal_url_templates,
    personal_urls,
    render_issue,
)

logger = logging.getLogger(__name__)


class SendingError(Exception):
    pass


def create_dispatch(page, lists, *, scheduled_for=None, user=None):
    """Send `page` (its published version) to `lists`, now or at `scheduled_for`."""
    if not page.live:
        raise SendingError("Publish the issue before sending it.")
    with transaction.atomic():
        dispatch = Dispatch.objects.create(page=page, scheduled_for=scheduled_for, created_by=user)
        dispatch.lists.set(lists)
        if scheduled_for is None or scheduled_for <= timezone.now():
            start_dispatch(dispatch.pk)
    return dispatch


def start_dispatch(dispatch_id):
    """Freeze subject and bodies, create one delivery per recipient, and queue the sending.
    Recipients: confirmed subscribers of any of the lists, each once, never a suppressed one."""
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().get(pk=dispatch_id)
        if dispatch.status != Dispatch.Status.SCHEDULED:
            return dispatch
        page = dispatch.page.specific
        rendered = render_issue(page)
        dispatch.subject, dispatch.html_body, dispatch.text_body = (
            rendered.subject,
            rendered.html,
            rendered.text,
        )
        dispatch.status = Dispatch.Status.RUNNING
        dispatch.started_at = timezone.now()
        dispatch.save()
        suppressed = set(SuppressedAddress.objects.values_list("email_hash", flat=True))
        recipients = (
            Subscriber.objects.filter(
                status=Subscriber.Status.CONFIRMED, lists__in=dispatch.lists.all()
            )
            .values_list("pk", "email")
            .distinct()
            .order_by("pk")
        )
        batch = []
        for subscriber_id, email in recipients.iterator(chunk_size=2000):
            if email_hash(email) in suppressed:
                continue
            batch.append(Delivery(dispatch=dispatch, subscriber_id=subscriber_id, email=email))
            if len(batch) >= 2000:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                batch = []
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
        enqueue("newsletter.tasks.send_dispatch", dispatch.pk)
    return dispatch


def pause(dispatch):
    Dispatch.objects.filter(pk=dispatch.pk, status=Dispatch.Status.RUNNING).update(
        status=Dispatch.Status.PAUSED
    )


def resume(dispatch):
    if Dispatch.objects.filter(pk=dispatch.pk, status=Dispatch.Status.PAUSED).update(
        status=Dispatch.Status.RUNNING
    ):
        enqueue("newsletter.tasks.send_dispatch", dispatch.pk)


def cancel(dispatch):
    Dispatch.objects.filter(
        pk=dispatch.pk, status__in=[Dispatch.Status.SCHEDULED, Dispatch.Status.PAUSED]
    ).update(status=Dispatch.Status.CANCELLED, finished_at=timezone.now())


# --- the send loop ----------------------------------------------------------------------------


def _acquire_lease(dispatch_id, token, seconds):
    now = timezone.now()
    return (
        Dispatch.objects.filter(pk=dispatch_id, status=Dispatch.Status.RUNNING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_token=token, lease_until=now + timedelta(seconds=seconds))
    )


def _renew_lease(dispatch_id, token, seconds):
    return Dispatch.objects.filter(
        pk=dispatch_id, lease_token=token, status=Dispatch.Status.RUNNING
    ).update(lease_until=timezone.now() + timedelta(seconds=seconds))


def _release_dead_claims(dispatch_id, token):
    """Rows claimed by a run that no longer holds the lease (it died). Each dead batch was sent
    in id order with every success marked at once, so only its lowest unmarked row can have
    reached the SMTP server: that one is set aside as "interrupted", the others are requeued."""
    dead = Delivery.objects.filter(dispatch_id=dispatch_id, status=Delivery.Status.SENDING).exclude(
        claim=token
    )
    for claim in set(dead.values_list("claim", flat=True)):
        first = dead.filter(claim=claim).order_by("pk").first()
        Delivery.objects.filter(pk=first.pk).update(
            status=Delivery.Status.INTERRUPTED,
            last_error="The worker stopped while sending; not resent to avoid a duplicate.",
        )
        dead.filter(claim=claim).update(status=Delivery.Status.PENDING, claim="")


def _finish_if_complete(dispatch_id):
    open_rows = Delivery.objects.filter(
        dispatch_id=dispatch_id,
        status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY, Delivery.Status.SENDING],
    )
    if not open_rows.exists():
        Dispatch.objects.filter(pk=dispatch_id, status=Dispatch.Status.RUNNING).update(
            status=Dispatch.Status.DONE, finished_at=timezone.now()
        )
        return True
    return False


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
    batches and sends them in id order, so a crash leaves at most one uncertain delivery per
    lane. The keyword arguments override the settings."""
    token = uuid.uuid4().hex
    lease_seconds = lease_seconds or conf.get("NEWSLETTER_LEASE_SECONDS")
    if not _acquire_lease(dispatch_id, token, lease_seconds):
        return "busy"
    try:
        _release_dead_claims(dispatch_id, token)
        dispatch = Dispatch.objects.get(pk=dispatch_id)
        loop = _Loop(
            dispatch_id=dispatch_id,
            token=token,
            rendered=RenderedIssue(dispatch.subject, dispatch.html_body, dispatch.text_body),
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
        return "done" if _finish_if_complete(dispatch_id) else "waiting"
    finally:
        Dispatch.objects.filter(pk=dispatch_id, lease_token=token).update(lease_until=None)


def _threads_can_share_the_database():
    """Lanes need their own database connections seeing committed rows (so not inside a
    transaction, as in tests) and a database that takes concurrent writers: PostgreSQL. SQLite
    (one writer at a time, the development default) sends in a single lane."""
    return not db_connection.in_atomic_block and db_connection.vendor == "postgresql"


@contextlib.contextmanager
def _quick_commits():
    """A lane commits once per message (the mark that makes at-most-once work). Those commits
    must survive the *worker* dying, which they do as soon as the database server has them, so
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
    ):
        self.dispatch_id, self.token, self.rendered = dispatch_id, token, rendered
        self.lease_seconds, self.batch_size = lease_seconds, batch_size
        self.connection_factory = connection_factory
        self.url_templates = personal_url_templates()
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
                if not _renew_lease(self.dispatch_id, self.token, self.lease_seconds):
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
            mail.close()
            if own_db_connection:
                db_connection.close()

    def _lane(self, claim, mail):
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
                self.send_one(mail, pk, email, subscriber_id, attempts)

    def send_one(self, mail, pk, email, subscriber_id, attempts):
        message = build_message(
            self.rendered, email, personal_urls(_SubscriberRef(subscriber_id), self.url_templates)
        )
        try:
            mail.open()  # no-op while open; reopens after an error
            mail.send_messages([message])
        except Exception as exc:  # any SMTP or socket error: record it, retry later
            mail.close()
            failed = attempts + 1 >= self.max_attempts
            Delivery.objects.filter(pk=pk).update(
                status=Delivery.Status.FAILED if failed else Delivery.Status.RETRY,
                attempts=F("attempts") + 1,
                retry_after=timezone.now() + self.retry_delay,
                last_error=f"{type(exc).__name__}: {exc}"[:500],
                claim="",
            )
            logger.warning("Newsletter delivery %s failed: %s", pk, exc)
            return
        Delivery.objects.filter(pk=pk).update(
            status=Delivery.Status.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            last_error="",
        )


class _SubscriberRef:
    """Just enough of a subscriber for the personal token (avoids loading the row)."""

    def __init__(self, pk):
        self.pk = pk


def release_interrupted(dispatch):
    """An editor decides that the interrupted deliveries should be sent (accepting that a person
    may get the issue twice)."""
    count = dispatch.deliveries.filter(status=Delivery.Status.INTERRUPTED).update(
        status=Delivery.Status.PENDING, claim=""
    )
    if count:
        Dispatch.objects.filter(pk=dispatch.pk, status=Dispatch.Status.DONE).update(
            status=Dispatch.Status.RUNNING, finished_at=None
        )
        enqueue("newsletter.tasks.send_dispatch", dispatch.pk)
    return count


def tick():
    """Every minute (django-q2 schedule): start due scheduled dispatches and resume running ones
    that no live worker holds (crashed, or waiting for retries)."""
    now = timezone.now()
    for pk in Dispatch.objects.filter(
        status=Dispatch.Status.SCHEDULED, scheduled_for__lte=now
    ).values_list("pk", flat=True):
        start_dispatch(pk)
    for pk in (
        Dispatch.objects.filter(status=Dispatch.Status.RUNNING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    ):
        enqueue("newsletter.tasks.send_dispatch", pk)


def send_test(page, email):
    """The latest draft of `page` to one address, marked as a test, with test links."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    rendered = render_issue(draft)
    subscriber = Subscriber.objects.filter(email=email.lower()).first()
    message = build_message(rendered, email, personal_urls(subscriber), subject_prefix="[TEST] ")
    message.send()
