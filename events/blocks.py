"""Blocks of a training page: the programme (day headings and items) and the trainers."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks


class AgendaItemBlock(blocks.StructBlock):
    """One point of the programme: a time slot, a topic and what it covers."""

    time = blocks.CharBlock(label=_("Time"), max_length=40, help_text=_("e.g. 10:00–11:30"))
    title = blocks.CharBlock(label=_("Topic"), max_length=200)
    description = blocks.RichTextBlock(
        label=_("Description"), required=False, features=["bold", "italic", "ul", "link"]
    )

    class Meta:
        icon = "time"
        label = _("Programme item")
        template = "events/blocks/agenda_item.html"
        preview_value = {"time": "10:00–11:30", "title": "Otwarty konkurs ofert krok po kroku"}


class AgendaBlocks(blocks.StreamBlock):
    day = blocks.CharBlock(
        label=_("Day heading"), max_length=120, template="events/blocks/agenda_day.html"
    )
    item = AgendaItemBlock()


class TrainerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=pgettext_lazy("person", "Name"), max_length=150)
    role = blocks.CharBlock(label=_("Role or affiliation"), max_length=200, required=False)
    bio = blocks.TextBlock(label=_("Short biography"), required=False)

    class Meta:
        icon = "user"
        label = _("Trainer")
        template = "events/blocks/trainer.html"
