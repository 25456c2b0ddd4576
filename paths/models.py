"""Learning paths: an editor's ordered combination of online courses, their pre-tests and
trainings (e.g. "Małe granty: kurs online → warsztat → konsultacje").

A `LearningPathPage` lists its `PathStep`s in order. A step points at a course page (done when
the course is completed), a course's pre-test (done when it is finished, whatever the score)
or a training page (done when attendance is recorded). A step is required or optional; a
training step may require the earlier required steps before anyone registers for it (asked by
events through cms.prerequisites, answered by paths.prerequisites). Progress is never stored
here: it is read from the courses, quizzes and events apps' public selectors (paths.progress),
so it cannot drift from the facts. Each translation of a path is a page with its own steps;
steps match their targets through the pages' translation keys, so a course completed in
English counts on the Polish path.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from quizzes.selectors import courses_with_pre_test

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


class LearningPathIndexPage(NormalisedSearchMixin, Page):
    """`/sciezki-edukacyjne/`: the learning paths of one language."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["paths.LearningPathPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("learning path index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["paths"] = (
            LearningPathPage.objects.child_of(self).live().public().specific().order_by("path")
        )
        return context

    search_fields = [*Page.search_fields, NORMALISED_SEARCH_FIELD]


class LearningPathPage(NormalisedSearchMixin, Page):
    """One learning path: its steps in order, and the certificate given when every required
    step is done."""

    intro = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    certificate_enabled = models.BooleanField(
        _("issue a path certificate when every required step is done"), default=True
    )
    hours = models.DecimalField(
        _("hours printed on the certificate"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("The whole path: the course and the trainings together."),
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One outcome per line; they are printed on the path certificate."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("steps", heading=_("Steps, in order"), label=_("step"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("certificate_enabled"),
                FieldPanel("hours"),
                FieldPanel("learning_outcomes"),
            ],
            heading=_("Path certificate"),
        ),
    ]
    parent_page_types = ["paths.LearningPathIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    @property
    def outcomes_list(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from paths import pages  # paths.pages imports these models: a cycle

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.path_page_context(self, request))
        return context

    search_fields = [*Page.search_fields, index.SearchField("intro"), NORMALISED_SEARCH_FIELD]


class StepKind(models.TextChoices):
    COURSE = "course", _("online course")
    PRE_TEST = "pretest", _("pre-test of a course")
    TRAINING = "training", _("training or consultation")


# Which page type each kind of step points at.
TARGET_TYPES = {
    StepKind.COURSE: "courses.CoursePage",
    StepKind.PRE_TEST: "courses.CoursePage",
    StepKind.TRAINING: "events.EventPage",
}


class PathStep(Orderable):
    """One step of a path: a course, a course's pre-test or a training, required or optional."""

    path_page = ParentalKey(LearningPathPage, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=10, choices=StepKind.choices)
    target = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("course or training"),
    )
    label = models.CharField(
        _("label"),
        max_length=120,
        blank=True,
        help_text=_('Optional, e.g. "Workshop" or "Individual consultations".'),
    )
    required = models.BooleanField(_("required for the path certificate"), default=True)
    requires_earlier_steps = models.BooleanField(
        _("registration needs the earlier required steps"),
        default=False,
        help_text=_(
            "Trainings only: nobody can register before completing the required steps above "
            "this one; the training page tells them why and links to what to do."
        ),
    )

    panels = [
        FieldPanel("kind"),
        PageChooserPanel("target", ["courses.CoursePage", "events.EventPage"]),
        FieldPanel("label"),
        FieldPanel("required"),
        FieldPanel("requires_earlier_steps"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("path step")
        verbose_name_plural = _("path steps")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target_id}"

    def clean(self):
        super().clean()
        if not (self.kind and self.target_id):
            return
        expected = TARGET_TYPES.get(self.kind)
        target_class = self.target.specific_class
        actual = f"{target_class._meta.app_label}.{target_class.__name__}" if target_class else ""
        if actual != expected:
            if self.kind == StepKind.TRAINING:
                message = _("Choose a training page for this step.")
            else:
                message = _("Choose an online course for this step.")
            raise ValidationError({"target": message})
        if self.kind == StepKind.PRE_TEST:
            if self.target_id not in courses_with_pre_test([self.target_id]):
                raise ValidationError(
                    {
                        "target": _(
                            "This course has no pre-test. Add one in Quizzes → Pre-tests and "
                            "post-tests, or choose the online course step."
                        )
                    }
                )
        if self.requires_earlier_steps and self.kind != StepKind.TRAINING:
            raise ValidationError(
                {
                    "requires_earlier_steps": _(
                        "Only registration for a training can wait for earlier steps."
                    )
                }
            )
