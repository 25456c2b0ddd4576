"""Reports and publications of the programme (`/publikacje/`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin


class PublicationIndexPage(NormalisedSearchMixin, Page):
    """`/publikacje/`: reports and publications of the programme."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["practices.PublicationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("publication index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["publications"] = (
            PublicationPage.objects.child_of(self)
            .live()
            .select_related("document")
            .order_by("-year", "title")
        )
        return context

    search_fields = [*Page.search_fields, NORMALISED_SEARCH_FIELD]


class PublicationPage(NormalisedSearchMixin, Page):
    """A report or publication with its PDF (a Wagtail document); the download link states the
    file type and size."""

    authors = models.CharField(_("authors"), max_length=300)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    abstract = RichTextField(_("abstract"), features=RICH_TEXT_FEATURES)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("authors"),
        FieldPanel("year"),
        FieldPanel("publisher"),
        FieldPanel("abstract"),
        FieldPanel("document"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("authors"),
        index.SearchField("abstract"),
        NORMALISED_SEARCH_FIELD,
    ]
    api_fields = [
        APIField("authors"),
        APIField("year"),
        APIField("publisher"),
        APIField("abstract"),
        APIField("document"),
    ]
    parent_page_types = ["practices.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
