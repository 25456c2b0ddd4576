"""Blocks of the knowledge base: the structured parts of an instrument guide (limits as values,
ordered procedure steps, pitfalls) and the attachments of a good practice."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks

from cms.blocks import RICH_TEXT_FEATURES, DocumentBlock, FaqItemBlock, ImageBlock

LIMIT_UNITS = [
    ("pln", _("PLN")),
    ("days", _("days")),
    ("working_days", _("working days")),
    ("months", _("months")),
    ("percent", _("percent of expenditure")),
    ("percent_residents", _("percent of residents")),
    ("items", pgettext_lazy("unit", "items")),
]
LIMIT_BOUNDS = [("max", _("at most")), ("min", _("at least")), ("exact", _("exactly"))]
MONTHS = [
    (1, _("January")),
    (2, _("February")),
    (3, _("March")),
    (4, _("April")),
    (5, _("May")),
    (6, _("June")),
    (7, _("July")),
    (8, _("August")),
    (9, _("September")),
    (10, _("October")),
    (11, _("November")),
    (12, _("December")),
]


class LimitBlock(blocks.StructBlock):
    """A quantitative limit of an instrument: an amount in PLN, a duration or a share, kept as a
    number with its unit (so it can be compared and shown consistently), never as prose."""

    label = blocks.CharBlock(label=_("What is limited"), max_length=200)
    bound = blocks.ChoiceBlock(label=_("Bound"), choices=LIMIT_BOUNDS, default="max")
    value = blocks.DecimalBlock(label=_("Value"), min_value=0, decimal_places=2)
    unit = blocks.ChoiceBlock(label=_("Unit"), choices=LIMIT_UNITS, default="pln")
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)

    class Meta:
        icon = "order"
        label = _("Limit")
        template = "practices/blocks/limit_block.html"


class DeadlineBlock(blocks.StructBlock):
    """A fixed date in the yearly cycle of an instrument (e.g. adopt by 30 November)."""

    label = blocks.CharBlock(label=_("What must happen"), max_length=200)
    day = blocks.IntegerBlock(label=_("Day"), min_value=1, max_value=31)
    month = blocks.ChoiceBlock(label=_("Month"), choices=MONTHS)
    note = blocks.CharBlock(label=_("Note"), required=False, max_length=300)

    def clean(self, value):
        value = super().clean(value)
        days_in_month = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}.get(int(value["month"]), 31)
        if value["day"] > days_in_month:
            raise blocks.StructBlockValidationError(
                block_errors={"day": ValidationError(_("This month has fewer days."))}
            )
        return value

    class Meta:
        icon = "date"
        label = _("Yearly deadline")
        template = "practices/blocks/deadline_block.html"


class LimitsStream(blocks.StreamBlock):
    limit = LimitBlock()
    deadline = DeadlineBlock()


class StepBlock(blocks.StructBlock):
    """One step of the procedure; the order of the list is the order of the procedure."""

    title = blocks.CharBlock(label=_("Step"), max_length=200)
    who = blocks.CharBlock(label=_("Who does it"), required=False, max_length=200)
    time_limit = blocks.CharBlock(label=_("Time limit"), required=False, max_length=200)
    description = blocks.RichTextBlock(
        label=_("Description"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "list-ol"
        label = _("Procedure step")


class PitfallBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Pitfall"), max_length=200)
    how_to_avoid = blocks.RichTextBlock(
        label=_("How to avoid it"), features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "warning"
        label = _("Pitfall")


class StepsStream(blocks.StreamBlock):
    step = StepBlock()


class PitfallsStream(blocks.StreamBlock):
    pitfall = PitfallBlock()


class FaqStream(blocks.StreamBlock):
    question = FaqItemBlock()


class DocumentsStream(blocks.StreamBlock):
    document = DocumentBlock()


class AttachmentsStream(blocks.StreamBlock):
    """Attachments of a practice: resolutions, rules, templates and reports, and photos (whose
    alternative text is required by the shared ImageBlock)."""

    document = DocumentBlock()
    image = ImageBlock()


class SectionStream(blocks.StreamBlock):
    """The prose sections of a case study (problem, objectives, course, ...)."""

    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    document = DocumentBlock()
