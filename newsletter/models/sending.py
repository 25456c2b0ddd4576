"""Sending an issue: a Dispatch (one issue to chosen lists, now or at a time) and one Delivery
row per recipient, created when sending starts.

Exactly once: a worker holds a lease on the dispatch, claims a batch of deliveries (status
"sending", with its run token) and sends them one by one; a row becomes "sent" at the point of
record of `newsletter.sending` (just before the end of the SMTP message). If the worker dies,
the next worker puts the dead run's rows still "sending" back to "pending": none of them was
accepted by the server.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .subscribers import NewsletterList, Subscriber


class DispatchQuerySet(models.QuerySet):
    def with_progress(self):
        """Sent / failed / remaining counts on every row, in the listing's one query."""
        open_statuses = ["pending", "sending", "retry"]
        return self.annotate(
            n_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            n_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            n_remaining=Count("deliveries", filter=Q(deliveries__status__in=open_statuses)),
        ).order_by("-created_at")


class Dispatch(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        # Started: a task is freezing the message and the recipients (newsletter.sending).
        PREPARING = "preparing", _("Preparing the recipients")
        RUNNING = "running", _("Sending")
        PAUSED = "paused", _("Paused")
        DONE = "done", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    page = models.ForeignKey(
        "newsletter.NewsletterPage",
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("issue"),
    )
    lists = models.ManyToManyField(NewsletterList, verbose_name=_("lists"), related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    scheduled_for = models.DateTimeField(_("send at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    # The message frozen when sending starts: later edits of the page do not change a send.
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    html_body = models.TextField(blank=True)
    text_body = models.TextField(blank=True)
    # The worker's lease (see the module docstring).
    lease_token = models.CharField(max_length=40, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    objects = DispatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")

    def __str__(self):
        return f"{self.subject or self.page.title} ({self.get_status_display()})"

    def progress(self):
        """Counts by delivery status in one aggregate query."""
        statuses = Delivery.Status
        counts = self.deliveries.aggregate(
            total=Count("pk"),
            sent=Count("pk", filter=Q(status=statuses.SENT)),
            failed=Count("pk", filter=Q(status=statuses.FAILED)),
            skipped=Count("pk", filter=Q(status=statuses.SKIPPED)),
        )
        counts["remaining"] = counts["total"] - sum(
            counts[key] for key in ("sent", "failed", "skipped")
        )
        counts["percent"] = (
            round(100 * (counts["total"] - counts["remaining"]) / counts["total"])
            if counts["total"]
            else 0
        )
        return counts


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        RETRY = "retry", _("Failed, will retry")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed meanwhile)")

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    email = models.EmailField(max_length=254)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    claim = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_after = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "email"], name="newsletter_delivery_once")
        ]
        indexes = [models.Index(fields=["dispatch", "status"], name="newsletter_delivery_queue")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.email}: {self.status}"
