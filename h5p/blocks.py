"""The lesson block that plays an H5P package. Its constructor arguments are part of the lessons'
StreamField migrations (courses app): change rendering freely, change fields only with a
courses migration."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


class H5PBlock(blocks.StructBlock):
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
        template = "h5p/blocks/h5p_block.html"

    def get_context(self, value, parent_context=None):
        """Adds `h5p`: the player URL (H5P origin, signed), the site endpoints and whether the
        viewer's answers count; None when there is no lesson to attach results to (previews)."""
        from h5p.services import block_context

        context = super().get_context(value, parent_context=parent_context)
        context["h5p"] = block_context(value, parent_context or {})
        return context
