"""The page types of trainings: the event index and the training page, with the questions
and consents an editor adds to its registration form (inline on the page).

An `EventPage` is one training (description, programme, trainers, who it is for, which
instruments it covers). Its dated occurrences are `Session`s (events.models.sessions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from cms import prerequisites
from cms.blocks import BaseContentBlocks
from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from events.admin_forms import EventPageForm
from events.blocks import AgendaBlocks, TrainerBlock
from events.jsonld import event_jsonld
from events.models.sessions import Session


class EventFormat(models.TextChoices):
    IN_PERSON = "stacjonarne", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrydowe", _("hybrid")


class Audience(models.TextChoices):
    JST = "jst", _("local governments (JST)")
    NGO = "ngo", _("NGOs")
    BOTH = "both", _("local governments and NGOs")


class OneQueryViewRestrictionsMixin:
    """Wagtail checks view restrictions on every request with two queries (the ancestors, then
    their restrictions). The ancestors' paths are prefixes of this page's path, so one query
    does: restrictions on this page or an ancestor, or on the page an alias among them stands
    for (Wagtail resolves aliases to their source pages)."""

    def get_view_restrictions(self):
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path) + 1, step)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths) | Q(page__aliases__path__in=paths)
        ).distinct()


class EventIndexPage(NormalisedSearchMixin, OneQueryViewRestrictionsMixin, Page):
    """`/wydarzenia/`: upcoming and past trainings, filtered by GET parameters (works without
    JavaScript; the filter state lives in the URL)."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")

    def get_context(self, request, *args, **kwargs):
        # events.forms and events.selectors import the models: a top-level import is a cycle.
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

    search_fields = [*Page.search_fields, index.SearchField("intro"), NORMALISED_SEARCH_FIELD]


class EventPage(NormalisedSearchMixin, OneQueryViewRestrictionsMixin, RoutablePageMixin, Page):
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

    def for_language(self, language_code):
        """This training as people reading `language_code` know it: its live translation in
        that language, else this page. E-mails to a registrant name the training by the page
        they registered on, while the seat stays on the shared (Polish) session."""
        if self.locale.language_code == language_code:
            return self
        translated = (
            EventPage.objects.live()
            .filter(translation_key=self.translation_key, locale__language_code=language_code)
            .first()
        )
        return translated or self

    def get_context(self, request, *args, **kwargs):
        from events.selectors import confirmed_session_ids_for  # imports the models: a cycle

        context = super().get_context(request, *args, **kwargs)
        sessions = self.shared_sessions()
        now = timezone.now()
        base_url = self.get_url(request) or ""
        for session in sessions:
            session.state = session.registration_state(now)
            session.register_url = f"{base_url}zapisy/{session.pk}/"
        context["sessions"] = sessions
        context["instruments"] = [i.display_name for i in self.instruments.all()]
        context["confirmed_session_ids"] = confirmed_session_ids_for(request.user, sessions)
        context["requirements"] = prerequisites.unmet(request.user, self, request=request)
        context["jsonld"] = event_jsonld(self, sessions, request, now=now)
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    # <int:>, not the project's <id:>: a routable page's routes are built when the model is
    # imported, before cms registers its converter; the id is only compared in Python below.
    @path("zapisy/<int:session_id>/", name="register")
    def register_route(self, request, session_id):
        from events.views import register_view  # the views import the models: a cycle

        return register_view(request, self, session_id)

    def outcome_list(self):
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]

    search_fields = [*Page.search_fields, index.SearchField("lead"), NORMALISED_SEARCH_FIELD]


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
