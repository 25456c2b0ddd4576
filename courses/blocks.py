"""The activity blocks of a lesson body: a server-graded quiz and an H5P exercise. Courses
declares them (their fields are part of the lessons' StreamField migrations: change fields only
with a courses migration) and names the chosen models as "app.Model" strings; the quizzes and
h5p apps render them, through the renderers they register in cms.activities."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms import activities


class ActivityBlock(blocks.StructBlock):
    """A block rendered by the activity app registered for `kind`; without one (the app is not
    installed) it renders nothing."""

    kind = ""

    def get_template(self, value=None, context=None):
        renderer = activities.block_renderer(self.kind)
        return renderer.template if renderer else None

    def render_basic(self, value, context=None):
        return ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        renderer = activities.block_renderer(self.kind)
        if renderer is not None and renderer.context is not None:
            context.update(renderer.context(value, parent_context or {}))
        return context


class QuizBlock(ActivityBlock):
    kind = "quiz"

    quiz = SnippetChooserBlock("quizzes.Quiz", label=_("Quiz"))
    required = blocks.BooleanBlock(
        label=_("Passing it completes the lesson"), required=False, default=True
    )

    class Meta:
        icon = "tasks"
        label = _("Quiz")


class H5PBlock(ActivityBlock):
    kind = "h5p"

    package = SnippetChooserBlock("h5p.H5PPackage", label=_("H5P exercise"))
    required = blocks.BooleanBlock(
        label=_("Required to complete the lesson"),
        required=False,
        default=False,
        help_text=_(
            "H5P scores are computed in the participant's browser and can be forged: for a "
            "lesson that leads to a certificate, use a server-graded quiz."
        ),
    )
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"), min_value=0, max_value=100, default=60, required=False
    )

    class Meta:
        icon = "code"
        label = _("H5P exercise")
