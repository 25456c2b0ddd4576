"""Blocks shared by every app's StreamFields (the shared ground). App blocks import these."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text (WCAG 1.1.1): the editor says what it shows,
    or marks it decorative explicitly."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative (no alternative text)"), required=False, default=False
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("alt_text") and not value.get("decorative"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Describe the image, or mark it as decorative."))
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class CalloutBlock(blocks.StructBlock):
    """A highlighted note: a tip, a warning about a common mistake, or a legal reminder."""

    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"
        preview_value = {"kind": "tip", "title": "Wskazówka", "text": "<p>Treść wskazówki.</p>"}


class VideoBlock(blocks.StructBlock):
    """An embedded video with its transcript: the transcript is required for WCAG 1.2."""

    video = EmbedBlock(label=_("Video URL"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=["bold", "italic", "ul", "ol", "link"]
    )

    class Meta:
        icon = "media"
        label = _("Video with transcript")
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    """A download link that states the file type and size in its text (WCAG 2.4.4)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "blocks/document_block.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question and answer")


class BaseContentBlocks(blocks.StreamBlock):
    """The content blocks every page body offers; apps extend it with their own."""

    heading = blocks.CharBlock(
        label=_("Section heading"), form_classname="title", template="blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    callout = CalloutBlock()
    video = VideoBlock()
    document = DocumentBlock()
    faq = blocks.ListBlock(FaqItemBlock(), label=_("FAQ"), template="blocks/faq_block.html")
