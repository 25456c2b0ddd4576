"""The pages on top of the domain apps: the home page, standard pages and the accessibility
statement. The home page gathers content from several domains."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseContentBlocks


class HomePage(Page):
    """The site root (one per language). Presents the programme, its targets and partners."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseContentBlocks(), blank=True, verbose_name=_("body"))
    target_jst = models.PositiveIntegerField(_("target: JST representatives trained"), default=640)
    target_ngo = models.PositiveIntegerField(_("target: NGO board members trained"), default=320)
    target_jst_supported = models.PositiveIntegerField(_("target: JSTs supported"), default=20)

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("target_jst"),
        FieldPanel("target_ngo"),
        FieldPanel("target_jst_supported"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A plain content page: about the project, privacy policy, help."""

    lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseContentBlocks(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
