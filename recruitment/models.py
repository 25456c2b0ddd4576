"""The JST recruitment's data.

- `RecruitmentCallPage` (`/wsparcie-jst/`): the call as editors write it, with its scoring
  criteria (`CallCriterion`, weights in per cent) and the attachments every application must
  carry (`RequiredAttachment`), both inline. Applications always belong to the call page in the
  default language (Polish); the English page is its translation and shows the same call.
- `Application`: one gmina's or powiat's application, a draft until submitted; one submitted
  application per TERYT unit per call (a partial unique constraint backs the service's check).
- `ApplicationAttachment`: one file per required attachment, in private storage (MEDIA_ROOT's
  `private/recruitment/`, which no route serves as a folder; `views.attachment` hands it out to
  the applicant and to staff).
- `Evaluation` and `CriterionScore`: one scorer's declaration of (no) conflict of interest, points
  per criterion and comment; `total` is written when it is submitted (0–100 when the weights sum
  to 100), so the ranking needs no per-criterion arithmetic.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.search import NORMALISED_SEARCH_FIELD, NormalisedSearchMixin
from cms.teryt import JstType

# The kinds of local government that may apply: gminy (of every type) and powiaty.
APPLICANT_TYPES = [
    (value, label) for value, label in JstType.choices if value != JstType.VOIVODESHIP
]


class RecruitmentCallPage(NormalisedSearchMixin, Page):
    """A call for JSTs to join the programme's implementation support."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    rules = RichTextField(_("rules of the call"))
    deadline = models.DateTimeField(
        _("deadline"), help_text=_("Applications can be submitted until this moment.")
    )
    places = models.PositiveSmallIntegerField(
        _("places"), default=20, help_text=_("How many JSTs the call selects.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("rules"),
        MultiFieldPanel(
            [FieldPanel("deadline"), FieldPanel("places")], heading=_("Deadline and places")
        ),
        InlinePanel(
            "criteria",
            heading=_("Scoring criteria"),
            label=_("criterion"),
            help_text=_("The weights should add up to 100."),
        ),
        InlinePanel(
            "required_attachments", heading=_("Required attachments"), label=_("attachment")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("rules"),
        NORMALISED_SEARCH_FIELD,
    ]
    # Set by the project: a domain app does not name the page types above it.
    parent_page_types = settings.SECTION_PARENT_PAGE_TYPES
    subpage_types = []

    class Meta:
        verbose_name = _("JST recruitment call")
        verbose_name_plural = _("JST recruitment calls")

    def get_context(self, request, *args, **kwargs):
        # Business rules live in services; a cycle (services imports this module) is avoided.
        from recruitment import services

        context = super().get_context(request, *args, **kwargs)
        context.update(services.call_page_context(self, request.user))
        return context


class CallCriterion(Orderable):
    """One criterion applications are scored against: 0 to `max_points` points per scorer, counted
    with `weight` per cent of the total."""

    call = ParentalKey(RecruitmentCallPage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("what scorers look at"), blank=True)
    weight = models.DecimalField(
        _("weight (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("weight"),
        FieldPanel("max_points"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")

    def __str__(self):
        return self.name


class RequiredAttachment(Orderable):
    call = ParentalKey(
        RecruitmentCallPage, on_delete=models.CASCADE, related_name="required_attachments"
    )
    name = models.CharField(_("attachment"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("required attachment")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    UNDER_EVALUATION = "under_evaluation", _("under evaluation")
    SELECTED = "selected", _("selected")
    NOT_SELECTED = "not_selected", _("not selected")


class Programme(models.TextChoices):
    """Does the JST adopt the annual cooperation programme (u.d.p.p.w. art. 5a)?"""

    YES = "yes", _("yes, adopted for this year")
    LATE = "late", _("yes, but adopted late or without consultation")
    NO = "no", _("no")


class Application(models.Model):
    """A gmina's or powiat's application to a call. Everything but the call is optional while it
    is a draft; `services.submission_problems` says what submission still needs."""

    call = models.ForeignKey(
        RecruitmentCallPage,
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant account"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="jst_applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # The unit.
    jst_name = models.CharField(_("name of the local government"), max_length=200, blank=True)
    jst_type = models.CharField(_("type"), max_length=30, choices=APPLICANT_TYPES, blank=True)
    teryt = models.CharField(_("TERYT code"), max_length=7, blank=True)
    # The contact person.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    # What it wants and where it stands.
    instruments = models.ManyToManyField(
        "practices.Instrument", verbose_name=_("instruments"), blank=True, related_name="+"
    )
    cooperation_programme = models.CharField(
        _("annual cooperation programme"), max_length=10, choices=Programme.choices, blank=True
    )
    calls_last_year = models.PositiveIntegerField(
        _("open calls run last year"), null=True, blank=True
    )
    grants_last_year = models.DecimalField(
        _("amount granted to NGOs last year (PLN)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    barriers = models.TextField(_("barriers"), blank=True)
    goals = models.TextField(_("what the JST wants to achieve"), blank=True)
    authorised = models.BooleanField(_("authorised to apply"), default=False)
    # The language the applicant wrote in: the confirmation and the PDF use it.
    language = models.CharField(max_length=8, default="pl")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("JST application")
        verbose_name_plural = _("JST applications")
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            # One application per account per call (the form edits it) ...
            models.UniqueConstraint(
                fields=["call", "applicant"], name="recruitment_one_application_per_account"
            ),
            # ... and one submitted application per unit per call.
            models.UniqueConstraint(
                fields=["call", "teryt"],
                condition=~Q(status="draft"),
                name="recruitment_one_submitted_per_unit",
            ),
        ]
        permissions = [
            ("score_applications", _("Can score JST applications")),
            ("select_applications", _("Can select JST applications")),
            ("export_applications", _("Can export JST applications")),
        ]

    def __str__(self):
        return self.jst_name or _("Application no. %(n)s") % {"n": self.pk}

    @property
    def number(self):
        """The reference applicants and staff quote: call id / application id."""
        return f"{self.call_id}/{self.pk}"

    @property
    def is_draft(self):
        return self.status == Status.DRAFT


def attachment_path(instance, filename):
    # A random folder: names are never guessed, and two files of one name never clash.
    return f"private/recruitment/{instance.application_id}/{uuid.uuid4().hex}/{filename}"


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    requirement = models.ForeignKey(RequiredAttachment, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="recruitment_one_file_per_requirement"
            )
        ]

    def __str__(self):
        return self.original_name


class Evaluation(models.Model):
    """One scorer's assessment of one application. With `conflict` the scorer declared a conflict
    of interest and withdrew: no points, and another scorer takes the place."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="evaluations"
    )
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    conflict = models.BooleanField(_("conflict of interest"))
    comment = models.TextField(_("comment"), blank=True)
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "scorer"], name="recruitment_one_evaluation_per_scorer"
            )
        ]

    def __str__(self):
        return f"{self.application} – {self.scorer}"


class CriterionScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CallCriterion, on_delete=models.CASCADE, related_name="+")
    points = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="recruitment_one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"
