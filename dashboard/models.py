"""The programme's own monitoring data.

- `Indicator`: an editable definition of one programme target (who counts, the target figure).
- `Person` and `TrainingRecord`: the dashboard's ledger of training records, fed by the domain
  events of courses and events (never by reading their tables). A person is one verified e-mail
  address, so a guest registration and an account with the same address are one person.
- `SupportedJst` with its milestones, documents and links to good practices: the JST
  implementation tracker behind the third indicator.
- `DataExport` and `DataRightsRequest`: what staff exported and which data-rights actions were
  taken; both are logged in Wagtail's audit log (the rows are the log's subjects and hold no
  names, so erasing a person never has to rewrite the audit trail).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import Orderable

from accounts.models import AgeGroup, Gender, OrganisationType
from cms.teryt import VOIVODESHIP_CHOICES, JstType, validate_teryt


class Milestone(models.IntegerChoices):
    """Stages of a JST's implementation of an instrument, in the order they are reached."""

    DIAGNOSIS = 1, _("diagnosis")
    DRAFT_RESOLUTION = 2, _("draft resolution")
    RESOLUTION_ADOPTED = 3, _("resolution adopted")
    FIRST_CALL = 4, _("first call or edition run")
    EVALUATION = 5, _("evaluation")


class TrainingMode(models.TextChoices):
    COURSE = "course", _("completed an online course")
    ATTENDANCE = "attendance", _("attended a training")
    EITHER = "either", _("either of the two")
    BOTH = "both", _("both a course and a training")


class Indicator(models.Model):
    """One programme target. People indicators count each person once, by the organisation type
    they had at the time of training; the JST indicator counts supported JSTs that reached a
    milestone."""

    class Kind(models.TextChoices):
        PEOPLE = "people", _("people trained")
        JST = "jst", _("JSTs supported")

    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PEOPLE)
    target = models.PositiveIntegerField(_("target"))
    organisation_type = models.CharField(
        _("organisation type at the time of training"),
        max_length=8,
        choices=OrganisationType.choices,
        blank=True,
        help_text=_("People indicators only. Empty: any organisation type."),
    )
    mode = models.CharField(
        _("a person counts as trained when they"),
        max_length=12,
        choices=TrainingMode.choices,
        default=TrainingMode.EITHER,
    )
    milestone = models.PositiveSmallIntegerField(
        _("milestone a JST must reach"),
        choices=Milestone.choices,
        default=Milestone.RESOLUTION_ADOPTED,
        help_text=_("JST indicators only."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("kind"),
        FieldPanel("target"),
        FieldPanel("organisation_type"),
        FieldPanel("mode"),
        FieldPanel("milestone"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        permissions = [
            ("view_dashboard", _("Can see the programme dashboard")),
            ("export_records", _("Can export lists of people and records")),
            ("manage_data_rights", _("Can act on a participant's data-rights request")),
            ("erase_accounts", _("Can erase a participant's account on request")),
            ("deactivate_staff_accounts", _("Can deactivate a staff account")),
        ]

    def __str__(self):
        return self.name


class Person(models.Model):
    """One trained person, matched by verified e-mail across guest registrations and accounts.
    `missing` lists the mandatory monitoring fields still empty; until it is empty the person is
    "not yet countable". Erasure blanks the identity and freezes the rest."""

    key = models.CharField(max_length=254, unique=True)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, blank=True)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices, blank=True)
    missing = models.CharField(max_length=255, blank=True)
    countable = models.BooleanField(default=False, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("trained person")
        verbose_name_plural = _("trained people")

    def __str__(self):
        return f"#{self.pk}"

    @property
    def missing_list(self):
        return [code for code in self.missing.split(",") if code]


class TrainingRecord(models.Model):
    """One completed course or one attended training of a person, as announced by its app.
    Organisation type and województwo are those at the time of training."""

    class Source(models.TextChoices):
        COURSE = "course", _("online course")
        ATTENDANCE = "attendance", _("training attendance")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="records")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    source_key = models.CharField(max_length=100, unique=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    organisation_type = models.CharField(
        _("organisation type"), max_length=8, choices=OrganisationType.choices, blank=True
    )
    voivodeship = models.CharField(
        _("województwo"), max_length=2, choices=VOIVODESHIP_CHOICES, blank=True
    )
    format = models.CharField(_("format"), max_length=20, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2, null=True, blank=True)
    date = models.DateField(_("date"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        indexes = [models.Index(fields=["organisation_type", "source", "person"])]

    def __str__(self):
        return f"{self.get_source_display()} #{self.pk}"


class RecordInstrument(models.Model):
    """An instrument a training record covered (by the slug of practices.Instrument)."""

    record = models.ForeignKey(TrainingRecord, on_delete=models.CASCADE, related_name="instruments")
    slug = models.SlugField(max_length=80)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "slug"], name="uniq_record_slug")]

    def __str__(self):
        return self.slug


class SupportedJst(ClusterableModel):
    """A local government the programme supports in implementing one or more instruments."""

    teryt = models.CharField(_("TERYT code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=200)
    jst_type = models.CharField(_("type"), max_length=30, choices=JstType.choices)
    instruments = models.ManyToManyField(
        "practices.Instrument", verbose_name=_("instruments"), blank=True, related_name="+"
    )
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("programme advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"groups__name": "Programme staff"},
    )
    notes = models.TextField(_("notes"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("teryt"), FieldPanel("jst_type")],
            heading=_("Local government"),
        ),
        FieldPanel("instruments"),
        FieldPanel("advisor"),
        InlinePanel("milestones", heading=_("Milestones"), label=_("milestone")),
        FieldPanel("notes"),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
        InlinePanel("practices", heading=_("Good practices it produced"), label=_("practice")),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("supported JST")
        verbose_name_plural = _("supported JSTs")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.teryt:
            try:
                self.teryt = validate_teryt(self.teryt, self.jst_type or None)
            except ValidationError as error:
                raise ValidationError({"teryt": error.messages}) from error


class JstMilestone(Orderable):
    jst = ParentalKey(SupportedJst, on_delete=models.CASCADE, related_name="milestones")
    stage = models.PositiveSmallIntegerField(_("milestone"), choices=Milestone.choices)
    date = models.DateField(_("date reached"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    panels = [FieldPanel("stage"), FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        indexes = [models.Index(fields=["stage", "date"])]


class JstDocument(Orderable):
    jst = ParentalKey(SupportedJst, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("document")]


class JstPracticeLink(Orderable):
    jst = ParentalKey(SupportedJst, on_delete=models.CASCADE, related_name="practices")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("good practice page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [PageChooserPanel("page")]


class DataExport(models.Model):
    """A list a staff member exported (the subject of its audit log entry)."""

    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict, blank=True)
    file_format = models.CharField(max_length=8)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.kind} ({self.file_format}, {self.rows})"


class DataRightsRequest(models.Model):
    """A data-rights action on one person's data: who acted is in the audit log, the person is
    kept as a bare user id (no name), so erasing them leaves the trail readable."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed the data")
        DOWNLOAD = "download", _("downloaded the data")
        WITHDRAW = "withdraw", _("withdrew a consent")
        ERASE = "erase", _("erased the account")

    subject_user_id = models.PositiveBigIntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    by_staff = models.BooleanField(default=False)
    reference = models.CharField(max_length=200, blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.get_action_display()}: user #{self.subject_user_id}"
