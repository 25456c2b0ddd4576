"""The lifecycle of a dispatch: created (now or scheduled), started, prepared, paused, resumed,
cancelled, finished; and the lease a worker holds on a running one.

Starting is cheap and safe inside a request: it only records the intent (status "preparing")
and queues `newsletter.tasks.prepare_dispatch` after the commit. The task freezes the message
and the recipients (one row per subscriber, which takes long for a large list) and queues the
sending. A prepare task that died is queued again by the minute tick; preparing twice is
harmless (the row lock and the status check let only the first one work).
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cms.tasks import enqueue
from newsletter.models import Delivery, Dispatch, Subscriber, SuppressedAddress, email_hash
from newsletter.rendering import build_message, issue_language, personal_urls, render_issue

PREPARE_TASK = "newsletter.tasks.prepare_dispatch"
SEND_TASK = "newsletter.tasks.send_dispatch"


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
            dispatch.refresh_from_db(fields=["status"])
    return dispatch


def start_dispatch(dispatch_id):
    """Record that a scheduled dispatch starts and queue its preparation (after the commit)."""
    with transaction.atomic():
        started = Dispatch.objects.filter(pk=dispatch_id, status=Dispatch.Status.SCHEDULED).update(
            status=Dispatch.Status.PREPARING
        )
        if started:
            enqueue(PREPARE_TASK, dispatch_id)
    return started


def prepare_dispatch(dispatch_id):
    """Freeze subject and bodies, create one delivery per recipient, and queue the sending.
    Recipients: confirmed subscribers of any of the lists, each once, never a suppressed one.
    Runs in a django-q2 task (a row per subscriber is too slow for a request)."""
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().get(pk=dispatch_id)
        if dispatch.status != Dispatch.Status.PREPARING:
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
        enqueue(SEND_TASK, dispatch.pk)
    return dispatch


def pause(dispatch):
    Dispatch.objects.filter(pk=dispatch.pk, status=Dispatch.Status.RUNNING).update(
        status=Dispatch.Status.PAUSED
    )


def resume(dispatch):
    if Dispatch.objects.filter(pk=dispatch.pk, status=Dispatch.Status.PAUSED).update(
        status=Dispatch.Status.RUNNING
    ):
        enqueue(SEND_TASK, dispatch.pk)


def cancel(dispatch):
    """A dispatch not sending yet (scheduled or being prepared) or paused stops for good."""
    Dispatch.objects.filter(
        pk=dispatch.pk,
        status__in=[Dispatch.Status.SCHEDULED, Dispatch.Status.PREPARING, Dispatch.Status.PAUSED],
    ).update(status=Dispatch.Status.CANCELLED, finished_at=timezone.now())


def finish_if_complete(dispatch_id):
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


# --- the worker's lease ------------------------------------------------------------------------


def acquire_lease(dispatch_id, token, seconds):
    now = timezone.now()
    return (
        Dispatch.objects.filter(pk=dispatch_id, status=Dispatch.Status.RUNNING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_token=token, lease_until=now + timedelta(seconds=seconds))
    )


def renew_lease(dispatch_id, token, seconds):
    return Dispatch.objects.filter(
        pk=dispatch_id, lease_token=token, status=Dispatch.Status.RUNNING
    ).update(lease_until=timezone.now() + timedelta(seconds=seconds))


def release_lease(dispatch_id, token):
    Dispatch.objects.filter(pk=dispatch_id, lease_token=token).update(lease_until=None)


def tick():
    """Every minute (django-q2 schedule): start due scheduled dispatches, queue again the
    preparation of those whose prepare task died, and resume running ones that no live worker
    holds (crashed, or waiting for retries)."""
    now = timezone.now()
    due = list(
        Dispatch.objects.filter(
            status=Dispatch.Status.SCHEDULED, scheduled_for__lte=now
        ).values_list("pk", flat=True)
    )
    for pk in due:
        start_dispatch(pk)
    for pk in (
        Dispatch.objects.filter(
            status=Dispatch.Status.PREPARING, created_at__lte=now - timedelta(minutes=1)
        )
        .exclude(pk__in=due)
        .values_list("pk", flat=True)
    ):
        enqueue(PREPARE_TASK, pk)
    for pk in (
        Dispatch.objects.filter(status=Dispatch.Status.RUNNING)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .values_list("pk", flat=True)
    ):
        enqueue(SEND_TASK, pk)


def send_test(page, email):
    """The latest draft of `page` to one address, marked as a test, with test links."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    rendered = render_issue(draft)
    subscriber = Subscriber.objects.filter(email=email.lower()).first()
    message = build_message(
        rendered,
        email,
        personal_urls(subscriber, language=issue_language(draft)),
        subject_prefix="[TEST] ",
    )
    message.send()
