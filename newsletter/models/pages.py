from django.conf import settings
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from newsletter.blocks import IssueBlocks
from newsletter.rendering import render_issue


class NewsletterIndexPage(NormalisedSearchMixin, Page):
    """`/newsletter/`: the signup form and the archive of issues."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["newsletter.NewsletterPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            NewsletterPage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context

    search_fields = [*Page.search_fields, NORMALISED_SEARCH_FIELD]


class NewsletterPage(NormalisedSearchMixin, Page):
    """One issue of the newsletter. Published, it is the web version in the archive; sent, it
    becomes an e-mail (HTML with inline styles and a text part) rendered by
    `newsletter.rendering`. Preview it as an e-mail with the "E-mail" preview mode."""

    preheader = models.CharField(
        _("preheader"),
        max_length=200,
        blank=True,
        help_text=_("The short line mail programs show after the subject."),
    )
    body = StreamField(IssueBlocks(), verbose_name=_("content"))

    content_panels = [*Page.content_panels, FieldPanel("preheader"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body"), NORMALISED_SEARCH_FIELD]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    preview_modes = [("", _("Web page")), ("email", _("E-mail"))]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def serve_preview(self, request, mode_name):
        if mode_name == "email":
            message = render_issue(self, preview=True)
            return HttpResponse(message.html)
        return super().serve_preview(request, mode_name)
