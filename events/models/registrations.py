"""A person's registration for one session, and its statuses. The status moves only through
the services (events.registration, events.waiting_list, events.attendance, ...), which keep
the capacity rule (events.seats)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.teryt import VOIVODESHIP_CHOICES
from events.models.sessions import Session


class Status(models.TextChoices):
    PENDING = "pending", _("waiting for e-mail confirmation")
    AWAITING_APPROVAL = "approval", _("waiting for approval")
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waiting list")
    OFFERED = "offered", _("seat offered")
    CANCELLED = "cancelled", _("cancelled")
    ATTENDED = "attended", _("attended")
    NO_SHOW = "no_show", _("did not attend")


# The statuses that occupy a seat: the capacity rule counts these.
SEAT_STATUSES = [Status.CONFIRMED, Status.OFFERED, Status.ATTENDED, Status.NO_SHOW]
# Statuses in which the person still takes part (one per session and e-mail).
ACTIVE_STATUSES = [s for s in Status.values if s != Status.CANCELLED]


class Registration(models.Model):
    """A person's registration for one session. Guests (no account) confirm their e-mail first.
    Personal fields are anonymised by the retention task; status and organisation type stay,
    so the counts toward the programme's targets survive."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    email = models.EmailField(_("e-mail"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    organisation_type = models.CharField(_("organisation type"), max_length=8, blank=True)
    voivodeship = models.CharField(
        _("województwo"), max_length=2, choices=VOIVODESHIP_CHOICES, blank=True
    )
    language = models.CharField(_("language"), max_length=5, default="pl")
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consents = models.JSONField(_("consents"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    # Position on the waiting list: the time the person joined it (arrival order).
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=40, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # Calendar invite revision of this registration; the session's own sequence is added.
    sequence = models.PositiveIntegerField(default=0)
    certificate_code = models.CharField(max_length=64, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        permissions = [
            ("manage_registrations", _("Can manage registrations and sessions")),
            ("record_attendance", _("Can check people in and print attendance lists")),
            ("export_registrations", _("Can export registration lists")),
        ]
        ordering = ["session", "created_at", "id"]
        constraints = [
            # One live registration per session and e-mail; a cancelled one may be redone.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="cancelled"),
                name="events_one_registration_per_session_email",
            )
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self):
        return f"{self.full_name} <{self.email}> – {self.get_status_display()}"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def ics_sequence(self):
        return self.sequence + self.session.sequence

    @property
    def is_guest(self):
        return self.user_id is None
