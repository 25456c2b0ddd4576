"""The cooperation instruments (a controlled vocabulary that courses and events also tag their
content with) and the guides that explain each of them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from cms.translated_fields import in_language
from practices import fragments
from practices.blocks import DocumentsStream, FaqStream, LimitsStream, PitfallsStream, StepsStream
from practices.jsonld import guide_json_ld
from practices.serializers import InstrumentField


class Instrument(models.Model):
    """A JST–NGO financial cooperation instrument (regranting, small grants, ...). Editors can
    extend the list; other apps tag their content with it through their own M2M fields, and the
    guide of the instrument lists that content (see `practices.related`)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    # English under /en/ (cms.translated_fields says why columns, not translated snippets).
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    short_name_en = models.CharField(_("short name in English"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        FieldPanel("name_en"),
        FieldPanel("short_name_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the active language (the Polish one when no English is given)."""
        return in_language(self, "name")

    @property
    def display_short_name(self):
        return in_language(self, "short_name") or self.display_name


class InstrumentIndexPage(NormalisedSearchMixin, Page):
    """`/instrumenty/`: the guides to the cooperation instruments."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["practices.InstrumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("instrument guide index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = (
            InstrumentPage.objects.child_of(self)
            .live()
            .select_related("instrument")
            .order_by("instrument__sort_order", "title")
        )
        return context

    search_fields = [*Page.search_fields, NORMALISED_SEARCH_FIELD]


class InstrumentPage(NormalisedSearchMixin, Page):
    """A guide to one instrument: legal basis, who starts it, its limits as values, the ordered
    procedure, documents, pitfalls and FAQ. The practices that use the instrument and the course
    modules and events tagged with it are computed, never typed in."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="guides"
    )
    lead = models.TextField(_("lead"), max_length=600)
    legal_act = models.CharField(_("legal act"), max_length=255)
    legal_provision = models.CharField(
        _("provision"), max_length=120, blank=True, help_text=_("E.g. art. 19a.")
    )
    legal_act_url = models.URLField(_("link to the act"), blank=True)
    legal_state_date = models.DateField(
        _("law as of"), help_text=_("The date the legal information was last checked.")
    )
    initiator = models.TextField(_("who starts it"), max_length=600)
    limits = StreamField(LimitsStream(), blank=True, verbose_name=_("limits and deadlines"))
    steps = StreamField(StepsStream(), blank=True, verbose_name=_("procedure steps"))
    documents = StreamField(
        DocumentsStream(), blank=True, verbose_name=_("documents and templates")
    )
    pitfalls = StreamField(PitfallsStream(), blank=True, verbose_name=_("pitfalls"))
    faq = StreamField(FaqStream(), blank=True, verbose_name=_("FAQ"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("instrument"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("legal_act"),
                FieldPanel("legal_provision"),
                FieldPanel("legal_act_url"),
                FieldPanel("legal_state_date"),
            ],
            heading=_("Legal basis"),
        ),
        FieldPanel("initiator"),
        FieldPanel("limits"),
        FieldPanel("steps"),
        FieldPanel("documents"),
        FieldPanel("pitfalls"),
        FieldPanel("faq"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("legal_act"),
        index.SearchField("initiator"),
        index.SearchField("steps"),
        index.SearchField("faq"),
        NORMALISED_SEARCH_FIELD,
    ]
    api_fields = [
        APIField("instrument", serializer=InstrumentField()),
        APIField("lead"),
        APIField("legal_act"),
        APIField("legal_provision"),
        APIField("legal_act_url"),
        APIField("legal_state_date"),
        APIField("initiator"),
        APIField("limits"),
        APIField("steps"),
        APIField("documents"),
        APIField("pitfalls"),
        APIField("faq"),
    ]
    parent_page_types = ["practices.InstrumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("instrument guide")

    def get_context(self, request, *args, **kwargs):
        # Both query the models of this package: a cycle at the top.
        from practices import related, selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(
            fragments.page_parts(
                self,
                request,
                "practices/includes/guide_body.html",
                extra=lambda page: {"instrument_slug": page.instrument.slug},
            )
        )
        context["related_practices"] = selectors.practices_using(
            self.instrument_id, self.locale_id, request
        )
        context["tagged_groups"] = related.tagged_pages(
            self.instrument_id, self.locale_id, request=request
        )
        return context

    def json_ld(self, request):
        return guide_json_ld(self, request)
