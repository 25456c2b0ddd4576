"""The easy-to-read text page ("Tekst łatwy do czytania", ETR) and its plain-text version.

The act of 19 July 2019 on ensuring accessibility (art. 6 pt 3 (c)) asks a public entity's
website for information about its scope of activity as easy-to-read text and as a
machine-readable text file. Both come from this page: the editor writes short paragraphs
(one idea each, an optional pictogram beside), the form refuses sentences that are too long
(home/readability.py), and `as_plain_text()` makes the .txt version served at a stable URL
(home/views.py)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from home import readability


def _too_long_message(sentence):
    return ngettext(
        "“%(sentence)s” – this sentence has %(words)d word, at most %(limit)d are allowed. "
        "Split it into shorter sentences, one idea each.",
        "“%(sentence)s” – this sentence has %(words)d words, at most %(limit)d are allowed. "
        "Split it into shorter sentences, one idea each.",
        sentence.words,
    ) % {
        "words": sentence.words,
        "limit": readability.MAX_WORDS_PER_SENTENCE,
        "sentence": sentence.text,
    }


def _paragraph_help():
    return gettext(
        "Short sentences, one idea each: at most %(words)d words in a sentence, "
        "%(sentences)d sentences in a paragraph. Each sentence starts on a new line."
    ) % {
        "words": readability.MAX_WORDS_PER_SENTENCE,
        "sentences": readability.MAX_SENTENCES_PER_PARAGRAPH,
    }


class EasyReadParagraphBlock(blocks.StructBlock):
    """One idea in a few short sentences, with an optional pictogram that shows it."""

    text = blocks.TextBlock(
        label=_("Text"),
        max_length=600,
        help_text=lazy(_paragraph_help, str)(),
    )
    pictogram = ImageChooserBlock(label=_("Pictogram"), required=False)
    pictogram_alt = blocks.CharBlock(
        label=_("Pictogram description"),
        required=False,
        max_length=200,
        help_text=_("What the pictogram shows. Required when there is a pictogram."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        text = value.get("text") or ""
        problems = [_too_long_message(s) for s in readability.too_long(text)]
        count = len(readability.sentences(text))
        if count > readability.MAX_SENTENCES_PER_PARAGRAPH:
            problems.append(
                ngettext(
                    "This paragraph has %(count)d sentence, at most %(limit)d are allowed. "
                    "Start a new paragraph for the next idea.",
                    "This paragraph has %(count)d sentences, at most %(limit)d are allowed. "
                    "Start a new paragraph for the next idea.",
                    count,
                )
                % {"count": count, "limit": readability.MAX_SENTENCES_PER_PARAGRAPH}
            )
        if problems:
            errors["text"] = ValidationError(" ".join(problems))
        if value.get("pictogram") and not (value.get("pictogram_alt") or "").strip():
            errors["pictogram_alt"] = ValidationError(_("Describe what the pictogram shows."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["sentences"] = [s.text for s in readability.sentences(value.get("text") or "")]
        return context

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "home/blocks/easy_read_paragraph.html"


class EasyReadBlocks(blocks.StreamBlock):
    """Headings and short paragraphs; the whole text keeps the average sentence short."""

    heading = blocks.CharBlock(
        label=_("Section heading"),
        max_length=80,
        form_classname="title",
        template="blocks/heading_block.html",
    )
    paragraph = EasyReadParagraphBlock()

    def clean(self, value):
        value = super().clean(value)
        average = readability.average_words(
            child.value["text"] for child in value if child.block_type == "paragraph"
        )
        if average > readability.MAX_AVERAGE_WORDS:
            raise blocks.StreamBlockValidationError(
                non_block_errors=ErrorList(
                    [
                        ValidationError(
                            _(
                                "The sentences of this text have %(average)s words on average, "
                                "at most %(limit)d are allowed. Shorten the longest sentences."
                            )
                            % {
                                "average": number_format(average, 1),
                                "limit": readability.MAX_AVERAGE_WORDS,
                            }
                        )
                    ]
                )
            )
        return value


class EasyReadPage(NormalisedSearchMixin, Page):
    """Information about the programme in easy-to-read text (one per language), printable in
    large type. Linked from every page's header through the site settings
    (SiteSettings.easy_read_page), and the source of the machine-readable .txt version."""

    body = StreamField(EasyReadBlocks(), verbose_name=_("text"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body"), NORMALISED_SEARCH_FIELD]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("easy-to-read text")

    def as_plain_text(self):
        """The text as UTF-8-ready plain text: the title, then each heading and paragraph with
        one sentence a line, blocks separated by a blank line."""
        parts = [self.title, "=" * len(self.title)]
        for child in self.body:
            if child.block_type == "heading":
                parts += ["", child.value, "-" * len(child.value)]
            else:
                sentences = readability.sentences(child.value["text"])
                parts += ["", *(s.text for s in sentences)]
        return "\n".join(parts) + "\n"
