"""Forms of the knowledge base: the participants' proposal form and the editors' import form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.forms import IdChoiceField, IdMultipleChoiceField
from cms.teryt import JstType, validate_teryt
from cms.uploads import check_document
from practices.choices import BenefitArea, PracticeStatus
from practices.models import Instrument, PracticeIndexPage

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Extension -> the first bytes every genuine file of that type starts with.
# What participants may attach to a proposal (a subset of what editors may upload).
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods"]


def validate_attachment(upload):
    """Refuse files whose type is not allowed, whose content does not match their extension
    (the site's one content check, cms.uploads: a ZIP-based file must open as a ZIP), or which
    are too large."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Only PDF, DOCX, ODT, XLSX and ODS files can be attached; “%(name)s” is not one.")
            % {"name": upload.name}
        )
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name})
    check_document(upload, allowed=ATTACHMENT_EXTENSIONS)


class AccessibleFormMixin:
    """Links every field to its help text and error message (aria-describedby) and marks
    invalid fields (aria-invalid), so screen readers announce them (WCAG 1.3.1, 3.3.1)."""

    def _describe(self):
        for name, field in self.fields.items():
            widget_id = self.auto_id % name
            ids = []
            if field.help_text:
                ids.append(f"{widget_id}_help")
            if self.is_bound and name in self.errors:
                ids.append(f"{widget_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)

    def full_clean(self):
        super().full_clean()
        self._describe()


def _textarea(label, required=False, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProposalForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Title of the practice"), max_length=200)
    lead = _textarea(_("Short summary"), required=True, rows=3)
    organisation = forms.CharField(
        label=_("Your organisation or office"),
        max_length=255,
        help_text=_("Credited on the published page as the proposer."),
    )
    jst_name = forms.CharField(label=_("Local government (JST)"), max_length=200)
    jst_type = forms.ChoiceField(label=_("Type of local government"), choices=JstType.choices)
    teryt = forms.CharField(
        label=_("TERYT code"),
        max_length=12,
        help_text=_("7 digits for a gmina, 4 for a powiat or 2 for a województwo, e.g. 1261011."),
    )
    powiat = forms.CharField(label=_("Powiat"), max_length=120, required=False)
    # Warszawa has under 2 million; the bound keeps a typo within the database's integer.
    population = forms.IntegerField(
        label=_("Population"), min_value=0, max_value=100_000_000, required=False
    )
    instruments = IdMultipleChoiceField(
        label=_("Instruments used"),
        queryset=Instrument.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    benefit_area = forms.ChoiceField(label=_("Area of public benefit"), choices=BenefitArea.choices)
    start_year = forms.IntegerField(label=_("Start year"), min_value=1990, max_value=2100)
    end_year = forms.IntegerField(
        label=_("End year"), min_value=1990, max_value=2100, required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=PracticeStatus.choices)
    budget_total = forms.DecimalField(
        label=_("Total budget (PLN)"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    budget_jst = forms.DecimalField(
        label=_("JST contribution (PLN)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    budget_partner = forms.DecimalField(
        label=_("NGO and residents' contribution (PLN)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    partners = _textarea(
        _("Partner organisations"),
        help_text=_("One per line: name; KRS number (if any)."),
        rows=3,
    )
    local_law = _textarea(
        _("Local law"),
        help_text=_("One per line: resolution number; link to BIP (if any)."),
        rows=3,
    )
    problem = _textarea(_("Problem"), required=True)
    objectives = _textarea(_("Objectives"), required=True)
    course = _textarea(pgettext_lazy("how a practice went", "Course"))
    results = _textarea(pgettext_lazy("practice description", "Results"), required=True)
    difficulties = _textarea(_("Difficulties"))
    success_factors = _textarea(_("Success factors"))
    transferability = _textarea(_("Transferability"))
    contact_unit = _textarea(_("Contact unit"), rows=2)
    attachment_1 = forms.FileField(
        label=_("Attachment (resolution, rules, report)"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOCX, ODT, XLSX or ODS, up to 10 MB."),
    )
    attachment_2 = forms.FileField(
        label=_("Second attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, DOCX, ODT, XLSX or ODS, up to 10 MB."),
    )
    photo = forms.ImageField(
        label=_("Photo"), required=False, help_text=_("JPEG or PNG, up to 10 MB.")
    )
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        required=False,
        help_text=_("Required with a photo: a description for people who cannot see it."),
    )
    # A field people never see and bots fill in.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self._describe()

    def clean_teryt(self):
        return self.cleaned_data["teryt"].strip()

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > MAX_ATTACHMENT_BYTES:
            raise ValidationError(_("The photo is larger than 10 MB."))
        if photo and photo.image.format not in ("JPEG", "PNG"):
            raise ValidationError(_("The photo must be a JPEG or PNG image."))
        return photo

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise ValidationError(
                _(
                    "The form was refused as automated. If you are a person, leave the last field empty."
                )
            )
        if data.get("teryt") and data.get("jst_type"):
            try:
                data["teryt"] = validate_teryt(data["teryt"], data["jst_type"])
            except ValidationError as exc:
                self.add_error("teryt", exc)
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            self.add_error("end_year", _("The end year cannot be before the start year."))
        if data.get("photo") and not data.get("photo_alt"):
            self.add_error("photo_alt", _("Describe the photo, or leave the photo out."))
        total = data.get("budget_total")
        parts = (data.get("budget_jst") or 0) + (data.get("budget_partner") or 0)
        if total is not None and parts > total:
            self.add_error(
                "budget_total", _("The contributions add up to more than the total budget.")
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("The first row names the columns; see the list below."),
    )
    parent = IdChoiceField(
        label=_("Catalogue"), queryset=PracticeIndexPage.objects.all(), empty_label=None
    )
    publish = forms.BooleanField(
        label=_("Publish the imported practices at once"), required=False, initial=True
    )
