"""The lesson block that places a quiz. Its constructor arguments are part of the lessons'
StreamField migrations (courses app): change rendering freely, change fields only with a
courses migration."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class QuizBlock(blocks.StructBlock):
    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    required = blocks.BooleanBlock(
        label=_("Passing it completes the lesson"), required=False, default=True
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")
        template = "quizzes/blocks/quiz_block.html"
