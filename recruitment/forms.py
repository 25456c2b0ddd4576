"""Forms of the JST recruitment: the applicant's form (every field optional, so a draft is saved
whatever is missing; what submission needs is `services.submission_problems`) and the scorer's
evaluation form (one points field per criterion)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import IdMultipleChoiceField
from cms.safe_text import clean_text
from cms.teryt import validate_teryt
from cms.uploads import check_document, extension_of
from practices.forms import AccessibleFormMixin
from practices.models import Instrument
from recruitment import services
from recruitment.models import APPLICANT_TYPES, Programme


def _text(label, max_length=200, **kwargs):
    return forms.CharField(label=label, max_length=max_length, required=False, **kwargs)


def _area(label, help_text="", rows=4):
    return forms.CharField(
        label=label,
        required=False,
        max_length=5000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def check_attachment(upload):
    """Allowed type, genuine content (the site's one check, cms.uploads), at most 10 MB."""
    if extension_of(upload.name) not in services.ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            _("Only PDF, DOCX, ODT, XLSX and ODS files can be attached; “%(name)s” is not one.")
            % {"name": upload.name}
        )
    if upload.size > services.MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("“%(name)s” is larger than 10 MB.") % {"name": upload.name})
    check_document(upload, allowed=services.ATTACHMENT_EXTENSIONS)


class ApplicationForm(AccessibleFormMixin, forms.Form):
    """Every field is optional: the draft keeps what is there. A field with a format error is
    shown again as typed, with the message, and the other fields are saved."""

    jst_name = _text(_("Name of the local government"), help_text=_("e.g. Gmina Wieliczka"))
    jst_type = forms.ChoiceField(
        label=_("Type"), choices=[("", "—"), *APPLICANT_TYPES], required=False
    )
    teryt = _text(
        _("TERYT code"),
        max_length=20,
        help_text=_("7 digits for a gmina, 4 for a powiat (e.g. 1219063 or 1217)."),
    )
    contact_name = _text(_("Contact person"))
    contact_position = _text(_("Position"))
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = _text(_("Phone"), max_length=40)
    instruments = IdMultipleChoiceField(
        label=_("Instruments the JST wants to implement"),
        queryset=Instrument.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cooperation_programme = forms.ChoiceField(
        label=_("Annual programme of cooperation with NGOs"),
        choices=[("", "—"), *Programme.choices],
        required=False,
    )
    calls_last_year = forms.IntegerField(
        label=_("Open calls for proposals run last year"),
        min_value=0,
        max_value=10000,
        required=False,
    )
    grants_last_year = forms.DecimalField(
        label=_("Amount granted to NGOs last year (PLN)"),
        min_value=0,
        max_value=10**12,
        max_digits=14,
        decimal_places=2,
        required=False,
        help_text=_("All grants together, in złoty, e.g. 250000."),
    )
    barriers = _area(
        _("Barriers"), _("What makes financial cooperation with NGOs difficult today?")
    )
    goals = _area(
        _("What the JST wants to achieve"),
        _("What should change after the programme's support?"),
    )
    authorised = forms.BooleanField(
        label=_("I am authorised to apply on behalf of this local government."), required=False
    )
    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, requirements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.requirements = list(requirements)
        for requirement, label in self.requirements:
            self.fields[f"file_{requirement.pk}"] = forms.FileField(
                label=label.name,
                required=False,
                help_text=label.description or _("PDF, DOCX, ODT, XLSX or ODS, up to 10 MB."),
            )
        self.fields["instruments"].label_from_instance = lambda i: i.display_name
        if not self.is_bound:
            self.initial.setdefault("opened_at", timezone.now().isoformat())

    def clean_teryt(self):
        code = self.cleaned_data.get("teryt", "")
        return validate_teryt(code) if code.strip() else ""

    def clean_opened_at(self):
        try:
            value = datetime.datetime.fromisoformat(self.cleaned_data.get("opened_at") or "")
        except ValueError:
            return None
        return value if timezone.is_aware(value) else None

    def clean(self):
        data = super().clean()
        for name in (
            "jst_name",
            "contact_name",
            "contact_position",
            "contact_phone",
            "barriers",
            "goals",
        ):
            if data.get(name):
                data[name] = clean_text(data[name]).strip()
        if data.get("teryt") and data.get("jst_type"):
            try:
                validate_teryt(data["teryt"], data["jst_type"])
            except ValidationError as error:
                self.add_error("teryt", error)
        for requirement, _label in self.requirements:
            upload = data.get(f"file_{requirement.pk}")
            if upload:
                try:
                    check_attachment(upload)
                except ValidationError as error:
                    self.add_error(f"file_{requirement.pk}", error)
        return data

    def valid_data(self):
        """The values that passed their checks: a draft stores these even when other fields
        have errors."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and not name.startswith("file_") and name != "opened_at"
        }
        return data

    def valid_files(self):
        return {
            requirement.pk: self.cleaned_data[f"file_{requirement.pk}"]
            for requirement, _label in self.requirements
            if self.cleaned_data.get(f"file_{requirement.pk}")
            and f"file_{requirement.pk}" not in self.errors
        }


class EvaluationForm(AccessibleFormMixin, forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[
            ("no", _("I declare that I have no conflict of interest with this local government.")),
            ("yes", _("I have a conflict of interest and withdraw from scoring it.")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Justify your points (required unless you withdraw)."),
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion, label in self.criteria:
            self.fields[f"points_{criterion.pk}"] = forms.IntegerField(
                label=label.name,
                min_value=0,
                max_value=criterion.max_points,
                required=False,
                help_text=_("0–%(max)s points; weight %(weight)s%%")
                % {"max": criterion.max_points, "weight": f"{criterion.weight.normalize():f}"},
            )

    def clean(self):
        data = super().clean()
        if data.get("conflict") is False:
            for criterion, _label in self.criteria:
                name = f"points_{criterion.pk}"
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Give the points for this criterion."))
            if not (data.get("comment") or "").strip():
                self.add_error("comment", _("Write a comment that justifies your points."))
        return data

    def points(self):
        return {
            criterion.pk: self.cleaned_data.get(f"points_{criterion.pk}")
            for criterion, _label in self.criteria
        }
