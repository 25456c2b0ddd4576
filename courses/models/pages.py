"""The course tree editors build in Wagtail: CourseIndexPage (`/kursy/`) → CoursePage →
ModulePage (optional grouping) → LessonPage. Pages stay thin: what a participant may see or do
is decided in `courses/pages.py` and the modules it uses, the page only asks."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms.blocks import RICH_TEXT_FEATURES, BaseContentBlocks
from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from courses.blocks import H5PBlock, QuizBlock


class CourseIndexPage(NormalisedSearchMixin, Page):
    """`/kursy/`: the online courses."""

    intro = RichTextField(_("introduction"), blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course index")

    def route(self, request, path_components):
        """Find a course, module or lesson by its URL path without walking the tree level by
        level (Wagtail's default), kept per content version in process memory (see
        courses/outline.py): deep lesson URLs cost no more than shallow ones, and a warm one
        costs no query. A lesson also learns its course here. Anything unexpected falls back
        to the default walk."""
        from courses.outline import page_by_url_path  # the outline imports these models

        models_by_depth = {1: [CoursePage], 2: [LessonPage, ModulePage], 3: [LessonPage]}
        candidates = models_by_depth.get(len(path_components), [])
        if candidates:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = page_by_url_path(request, candidates, url_path, self.path)
            if page is not None:
                if not page.live:
                    raise Http404
                if len(path_components) > 1:
                    course = page_by_url_path(
                        request, [CoursePage], self.url_path + path_components[0] + "/", self.path
                    )
                    if course is not None and page.path.startswith(course.path):
                        page._course_cache = course
                return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from courses import pages  # courses.pages imports these models

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = pages.course_cards(self, request.user)
        return context

    search_fields = [*Page.search_fields, index.SearchField("intro"), NORMALISED_SEARCH_FIELD]


class Audience(models.TextChoices):
    JST = "jst", _("local government staff (JST)")
    NGO = "ngo", _("NGO board members and staff")
    BOTH = "both", _("local government and NGO")


class CompletionRule(models.TextChoices):
    REQUIRED = "required", _("all required lessons completed")
    ALL = "all", _("all lessons completed")


class CoursePage(NormalisedSearchMixin, Page):
    """One online course. Its lessons sit directly under it or grouped in modules; the
    completion rule says which of them a participant must complete."""

    intro = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    audience = models.CharField(
        _("audience"), max_length=8, choices=Audience.choices, default=Audience.BOTH
    )
    duration_hours = models.DecimalField(
        _("duration in hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One outcome per line; they are printed on the certificate."),
    )
    prerequisites = RichTextField(
        _("prerequisites"), blank=True, features=["bold", "italic", "ul", "ol", "link"]
    )
    instruments = ParentalManyToManyField(
        "practices.Instrument", blank=True, related_name="courses", verbose_name=_("instruments")
    )
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=10,
        choices=CompletionRule.choices,
        default=CompletionRule.REQUIRED,
        help_text=_(
            "Which lessons a participant must complete. With no lesson marked as required, "
            "every lesson counts."
        ),
    )
    certificate_enabled = models.BooleanField(_("issue a certificate on completion"), default=True)
    certificate_place = models.CharField(
        _("place of issue"), max_length=100, blank=True, default="Kraków"
    )
    enrolment_key = models.CharField(
        _("enrolment key"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty to let anyone enrol; otherwise participants must type it."),
    )
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(_("enrolment closes"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("duration_hours"),
                FieldPanel("learning_outcomes"),
                FieldPanel("prerequisites"),
                FieldPanel("instruments"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("completion_rule"),
                FieldPanel("certificate_enabled"),
                FieldPanel("certificate_place"),
            ],
            heading=_("Completion and certificate"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_key"),
                FieldPanel("enrolment_opens_at"),
                FieldPanel("enrolment_closes_at"),
            ],
            heading=_("Enrolment"),
        ),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        if (
            self.enrolment_opens_at
            and self.enrolment_closes_at
            and self.enrolment_closes_at <= self.enrolment_opens_at
        ):
            raise ValidationError(
                {"enrolment_closes_at": _("Enrolment must close after it opens.")}
            )

    @property
    def outcomes_list(self):
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        from courses import pages  # courses.pages imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.course_page_context(self, request.user, request))
        return context

    search_fields = [*Page.search_fields, index.SearchField("intro"), NORMALISED_SEARCH_FIELD]


class ModulePage(NormalisedSearchMixin, Page):
    """An optional group of lessons inside a course (a chapter)."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def get_context(self, request, *args, **kwargs):
        from courses import pages  # courses.pages imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.module_page_context(self, request.user))
        return context

    search_fields = [*Page.search_fields, index.SearchField("intro"), NORMALISED_SEARCH_FIELD]


class LessonBlocks(BaseContentBlocks):
    """The shared content blocks plus the interactive ones: a server-graded quiz and an H5P
    exercise (their apps report a passed activity through cms.activities; courses completes
    the lesson)."""

    quiz = QuizBlock()
    h5p = H5PBlock()


class CompletionMode(models.TextChoices):
    VIEWED = "viewed", _("the participant marks it as read")
    ACTIVITY = "activity", _("a quiz or H5P exercise in it is passed")


class LessonPage(NormalisedSearchMixin, Page):
    """One lesson. `required` says whether it counts toward completing the course;
    `completion_mode` says what completes it."""

    body = StreamField(LessonBlocks(), verbose_name=_("content"), blank=True)
    required = models.BooleanField(
        pgettext_lazy("lesson", "required"),
        default=True,
        help_text=_("Required lessons count toward completion."),
    )
    completion_mode = models.CharField(
        _("what completes the lesson"),
        max_length=10,
        choices=CompletionMode.choices,
        default=CompletionMode.VIEWED,
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("required"),
                FieldPanel("completion_mode"),
                FieldPanel("duration_minutes"),
            ],
            heading=_("Completion"),
        ),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.CoursePage", "courses.ModulePage"]
    subpage_types = []
    search_fields = [*Page.search_fields, index.SearchField("body"), NORMALISED_SEARCH_FIELD]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def clean(self):
        super().clean()
        if self.completion_mode == CompletionMode.ACTIVITY and not any(
            block.block_type in ("quiz", "h5p") for block in self.body
        ):
            raise ValidationError(
                {
                    "completion_mode": _(
                        "Add a quiz or an H5P exercise, or let the participant mark the lesson "
                        "as read."
                    )
                }
            )

    @property
    def completion_text(self):
        if self.completion_mode == CompletionMode.ACTIVITY:
            return _("Pass the quiz or exercise in this lesson to complete it.")
        return _('Read the lesson and press "Mark as completed".')

    def get_context(self, request, *args, **kwargs):
        from courses import pages  # courses.pages imports these models

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.lesson_page_context(self, request.user, request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        pre_test = (getattr(response, "context_data", None) or {}).get("pre_test")
        if pre_test:
            # An enrolled participant takes the course's pre-test before the first lesson.
            messages.info(
                request,
                _(
                    "Before the first lesson, please take the short pre-test “%(title)s”. Your "
                    "score in it does not affect completing the course: it only shows how much "
                    "you learn."
                )
                % {"title": pre_test["title"]},
            )
            return redirect(pre_test["url"])
        return response


def completion_rule_text(count, rule):
    """The course's completion rule in plain words ("Ukończ 6 obowiązkowych lekcji")."""
    if rule == CompletionRule.ALL:
        return ngettext("Complete %(count)d lesson.", "Complete all %(count)d lessons.", count) % {
            "count": count
        }
    return ngettext(
        "Complete %(count)d required lesson.", "Complete %(count)d required lessons.", count
    ) % {"count": count}
