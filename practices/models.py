"""Knowledge base: the cooperation instruments (a controlled vocabulary that courses and events
also tag their content with), instrument guides, good practices and publications."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet


@register_snippet
class Instrument(models.Model):
    """A JST–NGO financial cooperation instrument (regranting, small grants, ...). Editors can
    extend the list; other apps tag their content with it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_name"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self):
        return self.name


class InstrumentIndexPage(Page):
    """`/instrumenty/`: the guides to the cooperation instruments."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("instrument guide index")


class PracticeIndexPage(Page):
    """`/dobre-praktyki/`: the searchable catalogue of good practices."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("good practice catalogue")


class PublicationIndexPage(Page):
    """`/publikacje/`: reports and publications of the programme."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("publication index")
