"""Blocks of this app: the signup form for any page's StreamField, and the blocks editors use
to write an issue (NewsletterPage). The "latest content" blocks fetch their items when the issue
is rendered, through public page queries only (never another app's internals)."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms import providers
from cms.blocks import RICH_TEXT_FEATURES


class NewsletterSignupBlock(blocks.StructBlock):
    """The newsletter signup form, placeable on any page (the same form as on /newsletter/)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=500)

    class Meta:
        icon = "mail"
        label = _("Newsletter signup form")
        template = "newsletter/blocks/signup_block.html"
        preview_value = {"heading": "Newsletter", "intro": "Nowości raz w miesiącu."}


class ButtonBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or an address"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choose a page or give an address."))
                }
            )
        return value

    def link(self, value):
        if value.get("page"):
            return value["page"].specific.get_full_url() or ""
        return value.get("url") or ""

    class Meta:
        icon = "link"
        label = _("Button")
        template = "newsletter/blocks/button_block.html"


class LatestPagesBlock(blocks.StructBlock):
    """Base of the blocks listing the newest items of one kind, fetched at render time."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    limit = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=10, default=3)

    model_label = None  # "app_label.ModelName", resolved lazily

    def get_items(self, value, request=None):
        try:
            model = apps.get_model(self.model_label)
        except (LookupError, ValueError):
            return []
        # One query: the model's own manager joins the page table (no `.specific()` pass).
        pages = (
            model.objects.live().public().order_by("-first_published_at")[: value.get("limit") or 3]
        )
        return [page_item(page, request) for page in pages]

    def get_context(self, value, parent_context=None):
        # public_cache imports newsletter.models, whose pages import these blocks: a cycle.
        from newsletter.public_cache import block_items

        context = super().get_context(value, parent_context)
        context["items"] = block_items(self, value, (parent_context or {}).get("request"))
        return context

    class Meta:
        template = "newsletter/blocks/latest_pages_block.html"


def page_item(page, request=None):
    summary = getattr(page, "search_description", "") or ""
    for attr in ("lead", "summary", "teaser"):
        if not summary and isinstance(getattr(page, attr, None), str):
            summary = getattr(page, attr)
    return {
        "title": page.title,
        "url": page.get_full_url(request) or "",
        "summary": summary[:300],
        # The upcoming trainings provider annotates the start of the next session.
        "date": getattr(page, "next_start", None),
    }


class UpcomingTrainingsBlock(LatestPagesBlock):
    """The next trainings, soonest first, from whichever app provides them (the events app
    registers its selector in `cms.providers`); none without a provider."""

    def get_items(self, value, request=None):
        upcoming_trainings = providers.get(providers.UPCOMING_TRAININGS)
        if upcoming_trainings is None:
            return []
        pages = upcoming_trainings(limit=value.get("limit") or 3)
        return [page_item(page, request) for page in pages]

    class Meta:
        icon = "date"
        label = _("Upcoming trainings")
        preview_value = {"heading": "Najbliższe szkolenia", "limit": 3}


class NewPracticesBlock(LatestPagesBlock):
    model_label = "practices.PracticePage"

    class Meta:
        icon = "doc-full"
        label = _("New good practices")
        preview_value = {"heading": "Nowe dobre praktyki", "limit": 3}


class NewCoursesBlock(LatestPagesBlock):
    model_label = "courses.CoursePage"

    class Meta:
        icon = "openquote"
        label = _("New courses")
        preview_value = {"heading": "Nowe kursy", "limit": 3}


class IssueBlocks(blocks.StreamBlock):
    """What an issue is made of. Every block has a web template and an e-mail rendering
    (newsletter/templates/newsletter/email/)."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=150, template="newsletter/blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), features=[f for f in RICH_TEXT_FEATURES if f != "document-link"]
    )
    button = ButtonBlock()
    upcoming_trainings = UpcomingTrainingsBlock()
    new_practices = NewPracticesBlock()
    new_courses = NewCoursesBlock()
