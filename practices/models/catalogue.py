"""The good-practice catalogue: case studies of JST–NGO financial cooperation, their partners and
local law, and the proposals participants send in for moderation."""

from functools import lru_cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin, stored_text
from cms.teryt import VOIVODESHIP_CHOICES, VOIVODESHIPS, JstType, validate_teryt
from practices import fragments
from practices.blocks import AttachmentsStream, SectionStream
from practices.choices import BenefitArea, PracticeStatus
from practices.jsonld import practice_json_ld
from practices.serializers import ChoiceLabelField, InstrumentListField
from practices.text import fold

from .instruments import Instrument

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]
SECTION_FIELDS = [
    ("problem", _("problem")),
    ("objectives", _("objectives")),
    ("course", pgettext_lazy("how a practice went", "course")),
    ("results", _("results")),
    ("difficulties", _("difficulties")),
    ("success_factors", _("success factors")),
    ("transferability", _("transferability")),
]


class PracticeIndexPage(NormalisedSearchMixin, RoutablePageMixin, Page):
    """`/dobre-praktyki/`: the searchable catalogue of good practices, with its export and the
    proposal form for participants."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("good practice catalogue")

    @path("")
    def catalogue(self, request):
        # The views import the models (and the catalogue that queries them): a cycle at the top.
        from practices import views

        return views.catalogue_view(request, self)

    @path("eksport/<str:fmt>/", name="export")
    def export(self, request, fmt):
        # The views import the models: a cycle at the top.
        from practices import views

        return views.export_view(request, self, fmt)

    @path("zglos/", name="propose")
    def propose(self, request):
        # The views import the models: a cycle at the top.
        from practices import views

        return views.propose_view(request, self)

    search_fields = [*Page.search_fields, NORMALISED_SEARCH_FIELD]


@lru_cache(maxsize=32)
def locale_language(locale_id):
    """The language code of a locale (a locale's language never changes; saves a query per
    practice when thousands are generated)."""
    if locale_id is None:
        return settings.LANGUAGE_CODE
    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first() or ""


class PracticePage(NormalisedSearchMixin, Page):
    """A good practice (case study) with the fields of a catalogue entry. `voivodeship`,
    `instrument_keys`, `search_text` and `sort_title` are derived on save for the catalogue's
    filters, facets and diacritic-insensitive search."""

    lead = models.TextField(_("lead"), max_length=600)
    jst_name = models.CharField(
        pgettext_lazy("practice field", "local government (JST)"), max_length=200
    )
    jst_type = models.CharField(
        _("type of local government"), max_length=32, choices=JstType.choices
    )
    teryt = models.CharField(
        _("TERYT code"),
        max_length=10,
        help_text=_("7 digits for a gmina, 4 for a powiat, 2 for a województwo, e.g. 1261011."),
    )
    voivodeship = models.CharField(
        _("województwo"), max_length=2, choices=VOIVODESHIP_CHOICES, editable=False, db_index=True
    )
    powiat = models.CharField(_("powiat"), max_length=120, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    instruments = ParentalManyToManyField(
        Instrument, verbose_name=_("instruments"), related_name="practices"
    )
    benefit_area = models.CharField(
        _("area of public benefit"), max_length=40, choices=BenefitArea.choices
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(
        _("end year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default="ongoing"
    )
    budget_total = models.DecimalField(
        _("total budget (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_jst = models.DecimalField(
        _("JST contribution (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    budget_partner = models.DecimalField(
        _("NGO and residents' contribution (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_sources = models.CharField(_("sources of funding"), max_length=300, blank=True)
    problem = StreamField(SectionStream(), blank=True, verbose_name=_("problem"))
    objectives = StreamField(SectionStream(), blank=True, verbose_name=_("objectives"))
    course = StreamField(
        SectionStream(), blank=True, verbose_name=pgettext_lazy("how a practice went", "course")
    )
    results = StreamField(SectionStream(), blank=True, verbose_name=_("results"))
    difficulties = StreamField(SectionStream(), blank=True, verbose_name=_("difficulties"))
    success_factors = StreamField(SectionStream(), blank=True, verbose_name=_("success factors"))
    transferability = StreamField(SectionStream(), blank=True, verbose_name=_("transferability"))
    contact_unit = models.TextField(_("contact unit"), blank=True, max_length=600)
    attachments = StreamField(
        AttachmentsStream(), blank=True, verbose_name=_("attachments and photos")
    )
    proposing_organisation = models.CharField(
        _("proposed by (organisation)"), max_length=255, blank=True
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    editor_note = models.TextField(
        _("editor's note"),
        blank=True,
        help_text=_("Shown on the page, e.g. that the place and figures are an example."),
    )
    # Derived on save (see refresh_catalogue_fields); never edited by hand.
    instrument_keys = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    sort_title = models.CharField(max_length=255, editable=False, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("jst_name"),
                FieldRowPanel([FieldPanel("jst_type"), FieldPanel("teryt")]),
                FieldRowPanel([FieldPanel("powiat"), FieldPanel("population")]),
            ],
            heading=_("Local government"),
        ),
        FieldPanel("instruments", widget=forms.CheckboxSelectMultiple),
        FieldPanel("benefit_area"),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("budget_total"),
                        FieldPanel("budget_jst"),
                        FieldPanel("budget_partner"),
                    ]
                ),
                FieldPanel("funding_sources"),
            ],
            heading=_("Budget"),
        ),
        InlinePanel("partners", label=_("Partner organisations")),
        InlinePanel("local_law", label=_("Local law")),
        *[FieldPanel(name) for name, _label in SECTION_FIELDS],
        FieldPanel("contact_unit"),
        FieldPanel("attachments"),
        MultiFieldPanel(
            [
                FieldPanel("proposing_organisation"),
                FieldPanel("verified_on"),
                FieldPanel("keywords"),
                FieldPanel("editor_note"),
            ],
            heading=_("Curation"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("jst_name"),
        index.SearchField("search_text"),
        index.FilterField("voivodeship"),
        index.FilterField("jst_type"),
        index.FilterField("start_year"),
        NORMALISED_SEARCH_FIELD,
    ]
    api_fields = [
        APIField("lead"),
        APIField("jst_name"),
        APIField("jst_type"),
        APIField("jst_type_label", serializer=ChoiceLabelField(JstType.choices, source="jst_type")),
        APIField("teryt"),
        APIField("voivodeship"),
        APIField("voivodeship_name"),
        APIField("powiat"),
        APIField("population"),
        APIField("instruments", serializer=InstrumentListField()),
        APIField("benefit_area"),
        APIField("start_year"),
        APIField("end_year"),
        APIField("status"),
        APIField("budget_total"),
        APIField("budget_jst"),
        APIField("budget_partner"),
        APIField("funding_sources"),
        APIField("partners"),
        APIField("local_law"),
        *[APIField(name) for name, _label in SECTION_FIELDS],
        APIField("contact_unit"),
        APIField("proposing_organisation"),
        APIField("keywords"),
    ]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        permissions = [
            ("import_practices", _("Can import good practices from a spreadsheet")),
        ]
        indexes = [
            models.Index(fields=["start_year"], name="practice_start_year"),
            models.Index(fields=["budget_total"], name="practice_budget"),
            models.Index(fields=["sort_title"], name="practice_sort_title"),
        ]

    @property
    def voivodeship_name(self):
        return VOIVODESHIPS.get(self.voivodeship, "")

    def clean(self):
        super().clean()
        errors = {}
        try:
            self.teryt = validate_teryt(self.teryt, self.jst_type or None)
        except ValidationError as exc:
            errors["teryt"] = exc.messages
        if self.start_year and self.end_year and self.end_year < self.start_year:
            errors["end_year"] = [_("The end year cannot be before the start year.")]
        parts = [self.budget_jst or 0, self.budget_partner or 0]
        if self.budget_total is not None and sum(parts) > self.budget_total:
            errors["budget_total"] = [_("The contributions add up to more than the total budget.")]
        if errors:
            raise ValidationError(errors)

    def refresh_catalogue_fields(self, instruments=None, partner_names=None):
        """Derive the catalogue's columns: województwo from TERYT, the instrument keys
        (",3,7,") used by the instrument facet, and the folded search text."""
        if instruments is None:
            instruments = list(self.instruments.all())
        if partner_names is None:
            partner_names = [p.name for p in self.partners.all()]
        self.voivodeship = self.teryt[:2] if self.teryt[:2] in VOIVODESHIPS else ""
        ids = sorted(i.pk for i in instruments)
        self.instrument_keys = "," + ",".join(map(str, ids)) + "," if ids else ""
        words = [
            self.title,
            self.lead,
            self.jst_name,
            self.powiat,
            VOIVODESHIPS.get(self.voivodeship, ""),
            self.keywords,
            self.proposing_organisation,
            *partner_names,
            *(i.name for i in instruments),
            *(i.short_name for i in instruments),
        ]
        for language in ("pl", "en"):
            with translation.override(language):
                words.append(str(JstType(self.jst_type).label) if self.jst_type else "")
                words.append(str(BenefitArea(self.benefit_area).label) if self.benefit_area else "")
        # The normalised keys of every word between spaces, as cms.search.text_filter reads them.
        language = locale_language(self.locale_id)
        self.search_text = stored_text(" ".join(w for w in words if w), language)
        self.sort_title = fold(self.title)[:255]

    def save(self, *args, **kwargs):
        # Only full saves (creation, publishing a revision) refresh the derived columns: a draft
        # revision saves the live row with `update_fields` and must not leak draft values (a new
        # TERYT or instrument) into the live catalogue.
        if kwargs.get("update_fields") is None:
            self.refresh_catalogue_fields()
        return super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        # The selectors query these models: a cycle at the top.
        from practices import selectors

        context = super().get_context(request, *args, **kwargs)
        context["instruments"] = selectors.instruments_with_guides(self, request)
        # The catalogue is the practice's parent: its path is the practice's without the slug.
        context["catalogue_url"] = selectors.url_of_path(selectors.parent_path(self), request)
        context.update(fragments.page_parts(self, request, "practices/includes/practice_body.html"))
        return context

    def sections(self):
        return [(label, getattr(self, name)) for name, label in SECTION_FIELDS]

    def json_ld(self, request):
        return practice_json_ld(self, request)


class PracticePartner(Orderable):
    """A partner organisation of a practice (an NGO, with its KRS number when registered)."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("organisation"), max_length=255)
    krs = models.CharField(
        _("KRS number"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{10}$", _("A KRS number has 10 digits."))],
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("krs"), FieldPanel("role")]
    api_fields = [APIField("name"), APIField("krs"), APIField("role")]

    def __str__(self):
        return self.name


class PracticeLocalLaw(Orderable):
    """A local legal act behind a practice: a council resolution or an executive's order."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="local_law")
    number = models.CharField(_("number"), max_length=120)
    title = models.CharField(_("title"), max_length=300, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    url = models.URLField(_("link (BIP)"), blank=True)

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("adopted_on"),
        FieldPanel("url"),
    ]
    api_fields = [APIField("number"), APIField("title"), APIField("adopted_on"), APIField("url")]

    def __str__(self):
        return self.number


class PracticeProposal(models.Model):
    """Who proposed a practice through the site's form, kept apart from the page's revisions so
    that publishing an old revision never forgets that the proposer was already told."""

    page = models.OneToOneField(
        PracticePage, on_delete=models.CASCADE, related_name="proposal", verbose_name=_("practice")
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practice_proposals",
        verbose_name=_("proposer"),
    )
    organisation = models.CharField(_("organisation"), max_length=255)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    notified_at = models.DateTimeField(_("proposer notified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice proposal")
        verbose_name_plural = _("practice proposals")
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.organisation}: {self.page_id}"
