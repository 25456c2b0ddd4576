"""The participant's forms: the details asked at sign-up, and the profile (names on the user,
the monitoring data)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationType, Profile
from accounts.services import profile_for, save_profile
from cms.teryt import validate_teryt, voivodeship_from_teryt


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta:
        model = Profile
        fields = [
            "organisation_type",
            "organisation_name",
            "jst_type",
            "jst_teryt",
            "voivodeship",
            "position",
            "gender",
            "age_group",
            "language",
        ]
        help_texts = {
            "organisation_name": _("For local government staff: the name of the office or unit."),
            "voivodeship": _("Filled in from the TERYT code for local government staff."),
            "gender": _("Optional. Used only in anonymous statistics required by the funder."),
            "age_group": _("Optional. Used only in anonymous statistics required by the funder."),
        }

    field_order = ["first_name", "last_name", *Meta.fields]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        for name in ("organisation_type", "organisation_name", "position"):
            self.fields[name].required = True
        self.fields["organisation_type"].choices = [("", "---------"), *OrganisationType.choices]
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["jst_teryt"].widget.attrs["inputmode"] = "numeric"

    def clean(self):
        data = super().clean()
        if data.get("organisation_type") == OrganisationType.JST:
            code = data.get("jst_teryt", "")
            if not code:
                self.add_error("jst_teryt", _("Give the TERYT code of your local government unit."))
            else:
                try:
                    data["jst_teryt"] = validate_teryt(code, data.get("jst_type") or None)
                except ValidationError as exc:
                    self.add_error("jst_teryt", exc)
                else:
                    data["voivodeship"] = voivodeship_from_teryt(data["jst_teryt"])
        elif data.get("jst_teryt"):
            try:
                data["jst_teryt"] = validate_teryt(data["jst_teryt"])
            except ValidationError as exc:
                self.add_error("jst_teryt", exc)
        return data

    def _post_clean(self):
        super()._post_clean()
        # The model's own clean() re-derives the województwo; keep the form's cleaned value.
        if "voivodeship" in self.cleaned_data:
            self.instance.voivodeship = self.cleaned_data["voivodeship"]


class SignupDetailsForm(forms.Form):
    """What allauth's sign-up form asks besides e-mail and password (ACCOUNT_SIGNUP_FORM_CLASS).

    The name is printed on every certificate, so it is asked before the account exists: a
    participant who never opens "Twój profil" still gets a certificate made out to them, never to
    their e-mail address. The organisation type decides which of the programme's targets
    (officials or NGO board members) the person counts toward."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_type = forms.ChoiceField(
        label=_("I represent"),
        choices=[("", "---------"), *OrganisationType.choices],
        help_text=_("Your name appears on your certificates exactly as written here."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self):
        cleaned = super().clean()
        for name in ("first_name", "last_name"):
            value = " ".join(cleaned.get(name, "").split())
            if name in cleaned and not value:
                self.add_error(name, _("This field is required."))
            cleaned[name] = value
        return cleaned

    def signup(self, request, user):
        """Called by allauth once the user row exists, inside the sign-up transaction."""
        names = {key: self.cleaned_data[key] for key in ("first_name", "last_name")}
        profile = profile_for(user)
        profile.organisation_type = self.cleaned_data["organisation_type"]
        save_profile(user, profile, names)
