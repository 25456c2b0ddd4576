"""Trainings: the event index, event pages with their sessions, and the registrations.

An `EventPage` is one training (description, programme, trainers, who it is for, which
instruments it covers). It has one or more `Session`s (inline, orderable): the dated occurrences
people register for, each with its own capacity and registration window. A `Registration` is a
person's place in one session; its status moves only through `events.services`, which holds the
capacity rule (no overbooking) in one function.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from cms.blocks import BaseContentBlocks
from cms.teryt import VOIVODESHIP_CHOICES, VOIVODESHIPS


class EventFormat(models.TextChoices):
    IN_PERSON = "stacjonarne", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrydowe", _("hybrid")


class Audience(models.TextChoices):
    JST = "jst", _("local governments (JST)")
    NGO = "ngo", _("NGOs")
    BOTH = "both", _("local governments and NGOs")


class AgendaItemBlock(blocks.StructBlock):
    """One point of the programme: a time slot, a topic and what it covers."""

    time = blocks.CharBlock(label=_("Time"), max_length=40, help_text=_("e.g. 10:00–11:30"))
    title = blocks.CharBlock(label=_("Topic"), max_length=200)
    description = blocks.RichTextBlock(
        label=_("Description"), required=False, features=["bold", "italic", "ul", "link"]
    )

    class Meta:
        icon = "time"
        label = _("Programme item")
        template = "events/blocks/agenda_item.html"
        preview_value = {"time": "10:00–11:30", "title": "Otwarty konkurs ofert krok po kroku"}


class AgendaBlocks(blocks.StreamBlock):
    day = blocks.CharBlock(
        label=_("Day heading"), max_length=120, template="events/blocks/agenda_day.html"
    )
    item = AgendaItemBlock()


class TrainerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=150)
    role = blocks.CharBlock(label=_("Role or affiliation"), max_length=200, required=False)
    bio = blocks.TextBlock(label=_("Short biography"), required=False)

    class Meta:
        icon = "user"
        label = _("Trainer")
        template = "events/blocks/trainer.html"


class OneQueryViewRestrictionsMixin:
    """Wagtail checks view restrictions on every request with two queries (the ancestors, then
    their restrictions). The ancestors' paths are prefixes of this page's path, so one query
    does: restrictions on this page or an ancestor, or on the page an alias among them stands
    for (Wagtail resolves aliases to their source pages)."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()


class EventIndexPage(OneQueryViewRestrictionsMixin, Page):
    """`/wydarzenia/`: upcoming and past trainings, filtered by GET parameters (works without
    JavaScript; the filter state lives in the URL)."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        from events.forms import EventFilterForm
        from events.selectors import filtered_event_pages

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None, index=self)
        filters = form.cleaned_data if form.is_valid() else {}
        upcoming, past = filtered_event_pages(self, filters)
        context.update(filter_form=form, upcoming=upcoming, past=past)
        return context

    def route(self, request, path_components):
        # Children are trainings only: fetch the specific page in one query instead of
        # Wagtail's two (the generic page by slug, then its specific row).
        if path_components:
            child = EventPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)


class EventPageForm(WagtailAdminPageForm):
    """Refuses to delete a session people registered for: it must be cancelled instead, so
    they are told (and the counts keep their rows)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("sessions")
        if formset is not None and formset.is_valid():
            deleted = [f.instance.pk for f in formset.deleted_forms if f.instance.pk]
            if deleted and Registration.objects.filter(session_id__in=deleted).exists():
                raise ValidationError(
                    _(
                        "A session with registrations cannot be removed. Cancel it instead "
                        "(Registrations → the session → Cancel the whole session): everyone "
                        "registered is then notified."
                    )
                )
        return cleaned


class EventPage(OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
    """One training: what it is, for whom, its programme and its sessions."""

    base_form_class = EventPageForm

    lead = models.TextField(_("lead"), blank=True)
    description = StreamField(BaseContentBlocks(), blank=True, verbose_name=_("description"))
    agenda = StreamField(AgendaBlocks(), blank=True, verbose_name=_("programme"))
    trainers = StreamField([("trainer", TrainerBlock())], blank=True, verbose_name=_("trainers"))
    format = models.CharField(
        _("format"), max_length=12, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    audience = models.CharField(
        _("audience"), max_length=4, choices=Audience.choices, default=Audience.BOTH
    )
    instruments = ParentalManyToManyField(
        "practices.Instrument",
        blank=True,
        related_name="event_pages",
        verbose_name=_("instruments"),
    )
    manual_approval = models.BooleanField(
        _("staff approve each registration"),
        default=False,
        help_text=_("Registrations wait for a staff decision before a seat is given."),
    )
    cancellation_deadline_hours = models.PositiveIntegerField(
        _("participants may cancel until (hours before the start)"), default=24
    )
    offer_hours = models.PositiveIntegerField(
        _("hours a waiting-list seat offer stays open"), default=48
    )
    hours = models.DecimalField(
        _("training hours (for the certificate)"), max_digits=5, decimal_places=1, default=0
    )
    outcomes = models.TextField(
        _("learning outcomes (for the certificate)"), blank=True, help_text=_("One per line.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("audience"), FieldPanel("instruments")],
            heading=_("Who and what"),
        ),
        FieldPanel("description"),
        FieldPanel("agenda"),
        FieldPanel("trainers"),
        InlinePanel("sessions", label=_("Sessions"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("manual_approval"),
                FieldPanel("cancellation_deadline_hours"),
                FieldPanel("offer_hours"),
            ],
            heading=_("Registration rules"),
        ),
        InlinePanel("questions", label=_("Extra questions")),
        InlinePanel("consents", label=_("Required consents")),
        MultiFieldPanel([FieldPanel("hours"), FieldPanel("outcomes")], heading=_("Certificate")),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def shared_sessions(self):
        """The sessions people see and register for on this page, in order.

        A translation of a training (wagtail-localize copies the page, and with it the inline
        sessions, into the /en/ tree) is the same training: it shows and fills the sessions of
        the page in the default language (Polish) with the same translation key, one pool of
        seats. A page without such a counterpart uses its own sessions. One query."""
        rows = list(
            Session.objects.filter(page__translation_key=self.translation_key)
            .filter(Q(page_id=self.pk) | Q(page__locale__language_code=settings.LANGUAGE_CODE))
            .order_by("sort_order", "pk")
        )
        source = [s for s in rows if s.page_id != self.pk]
        return source or rows

    def get_context(self, request, *args, **kwargs):
        from events.jsonld import event_jsonld
        from events.selectors import confirmed_session_ids_for

        context = super().get_context(request, *args, **kwargs)
        sessions = self.shared_sessions()
        now = timezone.now()
        base_url = self.get_url(request) or ""
        for session in sessions:
            session.state = session.registration_state(now)
            session.register_url = f"{base_url}zapisy/{session.pk}/"
        context["sessions"] = sessions
        context["instruments"] = list(self.instruments.values_list("name", flat=True))
        context["confirmed_session_ids"] = confirmed_session_ids_for(request.user, sessions)
        context["jsonld"] = event_jsonld(self, sessions, request, now=now)
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("zapisy/<int:session_id>/", name="register")
    def register_route(self, request, session_id):
        from events.views import register_view

        return register_view(request, self, session_id)

    def outcome_list(self):
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


# A change of any of these sends updated invites (the session's `sequence` grows).
CHANGE_FIELDS = ("starts_at", "ends_at", "venue_name", "street", "city", "online")
# Written only by events.services (with the session locked), never by a page save.
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

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
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
    # Kept by events.services in the same transaction as every status change, under the
    # session's lock: seats held (SEAT_STATUSES) and people on the waiting list. The capacity
    # rule reads them instead of recounting the registrations; `services.recount_session()`
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


class EventQuestion(Orderable):
    """An extra question asked at registration (dietary needs, accessibility needs, ...)."""

    KIND_CHOICES = [
        ("text", _("short text")),
        ("textarea", _("long text")),
        ("choice", _("one of the choices")),
        ("checkbox", _("yes / no")),
    ]
    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=255)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=KIND_CHOICES, default="text")
    choices = models.TextField(_("choices (one per line)"), blank=True)
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("choices"),
        FieldPanel("required"),
    ]

    def choice_list(self):
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


class EventConsent(Orderable):
    """A consent every registrant must give; the exact wording is stored with the
    registration."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="consents")
    text = models.TextField(_("consent wording"))
    panels = [FieldPanel("text")]


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
