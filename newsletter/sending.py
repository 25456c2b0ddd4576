"""Business rules of sending an issue: creating a dispatch, freezing the message and the
recipients when it starts, and the resumable, rate-limited, at-most-once send loop that the
django-q2 tasks (and the `newsletter_send` command) run. See `newsletter.models.sending`."""

import logging
import time
import uuid
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from cms.tasks import enqueue
from newsletter import conf
from newsletter.models import Delivery, Dispatch, Subscriber, SuppressedAddress, email_hash
from newsletter.rendering import RenderedIssue, build_message, personal_urls, render_issue

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
    connection=None,
    batch_size=None,
    rate=None,
    lease_seconds=None,
):
    """Send what is left of a running dispatch. Returns "done", "busy" (another live worker holds
    it), "stopped" (paused, cancelled or lease lost), "continue" (time budget used up) or
    "waiting" (only retries whose time has not come are left). Safe to call again at any time:
    this is how a crashed or stopped send resumes. The keyword arguments override the settings
    (NEWSLETTER_BATCH_SIZE, NEWSLETTER_SEND_RATE, NEWSLETTER_LEASE_SECONDS, the mail backend)."""
    token = uuid.uuid4().hex
    lease_seconds = lease_seconds or conf.get("NEWSLETTER_LEASE_SECONDS")
    if not _acquire_lease(dispatch_id, token, lease_seconds):
        return "busy"
    _release_dead_claims(dispatch_id, token)
    dispatch = Dispatch.objects.get(pk=dispatch_id)
    batch_size = batch_size or conf.get("NEWSLETTER_BATCH_SIZE")
    interval = 1.0 / (rate or conf.get("NEWSLETTER_SEND_RATE"))
    max_attempts = conf.get("NEWSLETTER_MAX_ATTEMPTS")
    retry_delay = timedelta(seconds=conf.get("NEWSLETTER_RETRY_DELAY"))
    started = time.monotonic()
    renew_at = started + lease_seconds / 3
    next_send = started
    connection = connection or get_connection(
        conf.get("NEWSLETTER_EMAIL_BACKEND"), timeout=max(1, min(30, lease_seconds // 2))
    )
    rendered = RenderedIssue(dispatch.subject, dispatch.html_body, dispatch.text_body)
    try:
        while True:
            if time_budget is not None and time.monotonic() - started > time_budget:
                return "continue"
            now = timezone.now()
            queue = Delivery.objects.filter(dispatch_id=dispatch_id).filter(
                Q(status=Delivery.Status.PENDING)
                | Q(status=Delivery.Status.RETRY, retry_after__lte=now)
            )
            ids = list(queue.order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not ids:
                if _finish_if_complete(dispatch_id):
                    return "done"
                return "waiting"
            if not _renew_lease(dispatch_id, token, lease_seconds):
                return "stopped"
            renew_at = time.monotonic() + lease_seconds / 3
            Delivery.objects.filter(
                pk__in=ids, status__in=[Delivery.Status.PENDING, Delivery.Status.RETRY]
            ).update(status=Delivery.Status.SENDING, claim=token)
            rows = (
                Delivery.objects.filter(pk__in=ids, claim=token, status=Delivery.Status.SENDING)
                .order_by("pk")
                .values_list("pk", "email", "subscriber_id", "attempts")
            )
            for pk, email, subscriber_id, attempts in rows:
                if time.monotonic() > renew_at:
                    if not _renew_lease(dispatch_id, token, lease_seconds):
                        return "stopped"  # our remaining claims are released by the next run
                    renew_at = time.monotonic() + lease_seconds / 3
                delay = next_send - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                next_send = max(next_send + interval, time.monotonic() - 1)
                message = build_message(
                    rendered, email, personal_urls(_SubscriberRef(subscriber_id))
                )
                try:
                    connection.open()  # no-op while open; reopens after an error
                    connection.send_messages([message])
                except Exception as exc:  # any SMTP or socket error: record it, retry later
                    connection.close()
                    failed = attempts + 1 >= max_attempts
                    Delivery.objects.filter(pk=pk).update(
                        status=Delivery.Status.FAILED if failed else Delivery.Status.RETRY,
                        attempts=F("attempts") + 1,
                        retry_after=timezone.now() + retry_delay,
                        last_error=f"{type(exc).__name__}: {exc}"[:500],
                        claim="",
                    )
                    logger.warning("Newsletter delivery %s failed: %s", pk, exc)
                    continue
                Delivery.objects.filter(pk=pk).update(
                    status=Delivery.Status.SENT,
                    sent_at=timezone.now(),
                    attempts=F("attempts") + 1,
                    last_error="",
                )
    finally:
        connection.close()
        Dispatch.objects.filter(pk=dispatch_id, lease_token=token).update(lease_until=None)


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
