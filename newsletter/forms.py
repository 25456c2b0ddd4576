"""Public forms: signup (with the consent checkbox and a honeypot), preferences, and the admin
forms for sending and importing."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.converters import parse_id
from cms.forms import IdMultipleChoiceField
from newsletter import services
from newsletter.models import ConsentText, NewsletterList, SuppressedAddress, email_hash


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.pl."),
        },
    )
    # Optional: the short form (e-mail and one button, e.g. on the home page) leaves the choice
    # of lists to the confirmation page (ConfirmListsForm).
    lists = IdMultipleChoiceField(
        label=_("What would you like to receive?"),
        queryset=NewsletterList.objects.filter(is_public=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # In the short form the consent is the button itself (`name="consent" value="on"`, the
    # wording printed above it): pressing it is the clear affirmative act RODO asks for, and the
    # e-mailed link confirms it (double opt-in).
    consent = forms.BooleanField(
        error_messages={"required": _("Without your consent we cannot send you the newsletter.")}
    )
    # The version of the wording the person saw, so the record stores exactly that text.
    consent_version = forms.CharField(widget=forms.HiddenInput, required=False)
    source_page = forms.CharField(widget=forms.HiddenInput, required=False)
    source_url = forms.CharField(widget=forms.HiddenInput, required=False)
    # Honeypot: hidden from people (the `hidden` wrapper), filled in by form-filling robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, consent_text=None, **kwargs):
        """`consent_text`: the current wording if the caller has it (False: there is none)."""
        super().__init__(*args, **kwargs)
        self.consent_text = ConsentText.current() if consent_text is None else consent_text
        self.consent_text = self.consent_text or None
        if self.consent_text is not None:
            self.fields["consent"].label = self.consent_text.display_text
            self.fields["consent_version"].initial = self.consent_text.version

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_source_url(self):
        return self.cleaned_data["source_url"][:500]

    def clean_source_page(self):
        # Where the form was shown; a damaged value is dropped, never an error for the visitor.
        # (str.isdigit() also takes "²" and numbers beyond the database's integers.)
        return parse_id(self.cleaned_data["source_page"])

    def clean_consent_version(self):
        version = self.cleaned_data["consent_version"]
        number = parse_id(version)
        text = None if number is None else ConsentText.objects.filter(version=number).first()
        if text is None:
            raise forms.ValidationError(_("The consent text has changed. Read it again, please."))
        # What the person saw and ticked is what gets recorded.
        self.consent_text = text
        self.fields["consent"].label = text.text
        return version

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))


class PreferencesForm(forms.Form):
    lists = IdMultipleChoiceField(
        label=_("Lists you receive"),
        queryset=NewsletterList.objects.filter(is_public=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ConfirmListsForm(forms.Form):
    """On the confirmation page, for a signup made without choosing lists."""

    lists = IdMultipleChoiceField(
        label=_("What would you like to receive?"),
        queryset=NewsletterList.objects.filter(is_public=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one list.")},
    )


class SendForm(forms.Form):
    lists = IdMultipleChoiceField(
        label=_("Send to these lists"),
        queryset=NewsletterList.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one list.")},
    )
    scheduled_for = forms.DateTimeField(
        label=_("Send at (leave empty to send now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_('One address per row in a column named "email" (or the first column).'),
    )
    lists = IdMultipleChoiceField(
        label=_("Add to these lists"),
        queryset=NewsletterList.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "How and when these people agreed to receive the newsletter, and where the proof "
            "is kept (for example: paper forms signed at the training of 12 May 2026, archived "
            "in the project office). Recorded with every imported address."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Upload a CSV file."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("Save the file as UTF-8 CSV, please.")) from exc


class SuppressionForm(WagtailAdminModelForm):
    """Add an address to the suppression list by hand. Only its hash is stored."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "Only a fingerprint (SHA-256 hash) of the address is stored. A subscriber with this "
            "address is unsubscribed."
        ),
    )

    class Meta:
        model = SuppressedAddress
        fields = ["reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        manual = (SuppressedAddress.Reason.MANUAL, SuppressedAddress.Reason.BOUNCED)
        self.fields["reason"].choices = [
            c for c in SuppressedAddress.Reason.choices if c[0] in manual
        ]
        self.fields["reason"].initial = SuppressedAddress.Reason.MANUAL
        self.order_fields(["email", "reason"])

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if SuppressedAddress.objects.filter(email_hash=email_hash(email)).exists():
            raise forms.ValidationError(_("This address is already on the suppression list."))
        return email

    def save(self, commit=True):
        entry, _created = services.suppress_address(
            self.cleaned_data["email"], reason=self.cleaned_data["reason"]
        )
        self.instance = entry
        return entry


class SuppressionReasonForm(WagtailAdminModelForm):
    class Meta:
        model = SuppressedAddress
        fields = ["reason"]
