"""The dated sessions of a training: what people register for, each with its own capacity,
registration window and place. The seat counts on a session are kept by the capacity rule
(events.seats)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page

from cms.teryt import VOIVODESHIP_CHOICES, VOIVODESHIPS

# A change of any of these sends updated invites (the session's `sequence` grows).
CHANGE_FIELDS = ("starts_at", "ends_at", "venue_name", "street", "city", "online")
# Written only by the services (with the session locked), never by a page save.
KEPT_BY_SERVICES = ("cancelled", "notified_sequence", "seats_taken", "waitlisted_count")


class SessionQuerySet(models.QuerySet):
    def shared(self):
        """Leave out the copies a translation of a training carries (wagtail-localize copies
        the inline sessions with the page): the sessions of a page in the default language,
        or of a page that has no default-language counterpart. Feeds and staff lists show
        each real session once."""
        default_pages = Page.objects.filter(
            translation_key=OuterRef("page__translation_key"),
            locale__language_code=settings.LANGUAGE_CODE,
        )
        return self.filter(
            Q(page__locale__language_code=settings.LANGUAGE_CODE) | ~Exists(default_pages)
        )


class Session(Orderable):
    """A dated occurrence of a training. Times are stored in UTC and shown in Europe/Warsaw
    (TIME_ZONE). `sequence` grows whenever the time or place changes, so calendar invites
    already sent are updated, not duplicated."""

    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="sessions")
    objects = SessionQuerySet.as_manager()
    title = models.CharField(
        _("session name"), max_length=200, blank=True, help_text=_("e.g. Kraków, group 1")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    online = models.BooleanField(_("online session"), default=False)
    join_url = models.URLField(
        _("join link"), blank=True, help_text=_("Shown only to confirmed participants.")
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    voivodeship = models.CharField(
        _("województwo"), max_length=2, choices=VOIVODESHIP_CHOICES, blank=True
    )
    accessibility = models.TextField(
        _("accessibility information"),
        blank=True,
        help_text=_("Step-free access, induction loop, toilets, parking, sign language..."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), default=20)
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    notified_sequence = models.PositiveIntegerField(default=0, editable=False)
    # Kept by the services in the same transaction as every status change, under the
    # session's lock: seats held (SEAT_STATUSES) and people on the waiting list. The capacity
    # rule reads them instead of recounting the registrations; `seats.recount_session()`
    # rebuilds them from the rows.
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    waitlisted_count = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("online"),
        FieldPanel("join_url"),
        FieldPanel("venue_name"),
        FieldPanel("street"),
        FieldPanel("postal_code"),
        FieldPanel("city"),
        FieldPanel("voivodeship"),
        FieldPanel("accessibility"),
        FieldPanel("capacity"),
        FieldPanel("waiting_list"),
        FieldPanel("registration_opens_at"),
        FieldPanel("registration_closes_at"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="events_session_ends_after_start",
            )
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        label = self.title or self.city or (_("online") if self.online else "")
        return f"{self.page.title} – {local:%Y-%m-%d %H:%M} {label}".strip()

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if not self.online and not (self.venue_name and self.city):
            errors["venue_name"] = _("Give the venue and city, or mark the session as online.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        old = None
        if self.pk and not kwargs.get("force_insert"):
            old = Session.objects.filter(pk=self.pk).values(*CHANGE_FIELDS, "sequence").first()
        if old is None:
            # A new row (also the copy of a page, or of a page for its translation) has no
            # registrations, whatever counts the copied session carried.
            self.seats_taken = self.waitlisted_count = 0
        else:
            # Invites already sent must be updated when the time or the place changes.
            changed = any(getattr(self, k) != old[k] for k in CHANGE_FIELDS)
            self.sequence = old["sequence"] + (1 if changed else 0)
            if kwargs.get("update_fields") is None:
                # Publishing a page saves the sessions from its revision, which may be older
                # than the counts and the cancellation the services keep: never write those
                # from here.
                kwargs["update_fields"] = [
                    f.name
                    for f in self._meta.concrete_fields
                    if not f.primary_key and f.name not in KEPT_BY_SERVICES
                ]
        super().save(*args, **kwargs)

    @property
    def voivodeship_name(self):
        return VOIVODESHIPS.get(self.voivodeship, "")

    @property
    def address(self):
        parts = [self.venue_name, self.street, f"{self.postal_code} {self.city}".strip()]
        return ", ".join(p for p in parts if p)

    def registration_state(self, now=None):
        """'open', 'not_yet', 'closed', 'past' or 'cancelled' (for display and the service)."""
        now = now or timezone.now()
        if self.cancelled:
            return "cancelled"
        if self.starts_at <= now:
            return "past"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "closed"
        return "open"
