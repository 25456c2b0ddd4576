"""Forms of the public pages: the index filters, the registration and the answers update."""

import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationType, Profile
from cms.teryt import VOIVODESHIP_CHOICES
from events.models import Audience, EventFormat
from events.selectors import month_choices
from practices.models import Instrument

ALL = [("", _("all"))]


class EventFilterForm(forms.Form):
    """GET filters of the event index; the state lives in the URL, so links can be shared and
    everything works without JavaScript."""

    format = forms.ChoiceField(label=_("Format"), required=False, choices=ALL + EventFormat.choices)
    audience = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=ALL + [(Audience.JST, _("JST")), (Audience.NGO, _("NGO"))],
    )
    voivodeship = forms.ChoiceField(
        label=_("Voivodeship"), required=False, choices=ALL + VOIVODESHIP_CHOICES
    )
    month = forms.ChoiceField(label=_("Month"), required=False)
    instrument = forms.ChoiceField(label=_("Instrument"), required=False)

    def __init__(self, *args, index=None, **kwargs):
        super().__init__(*args, **kwargs)
        months = month_choices(index) if index is not None else []
        self.fields["month"].choices = ALL + [
            (m, formats.date_format(datetime.date(int(m[:4]), int(m[5:]), 1), "F Y"))
            for m in months
        ]
        self.fields["instrument"].choices = ALL + [
            (i.slug, i.display_name) for i in Instrument.objects.all()
        ]


def question_field_name(question):
    return f"q_{question.pk}"


def build_question_fields(questions, initial_answers=None):
    """Form fields for an event's extra questions, keyed `q_<id>`."""
    fields = {}
    initial_answers = initial_answers or {}
    for q in questions:
        common = {
            "label": q.label,
            "required": q.required,
            "help_text": q.help_text,
            "initial": (initial_answers.get(str(q.pk)) or {}).get("value"),
        }
        if q.kind == "textarea":
            field = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common
            )
        elif q.kind == "choice":
            field = forms.ChoiceField(
                choices=[("", "—")] + [(c, c) for c in q.choice_list()], **common
            )
        elif q.kind == "checkbox":
            field = forms.BooleanField(**common)
        else:
            field = forms.CharField(max_length=500, **common)
        fields[question_field_name(q)] = field
    return fields


def collect_answers(form, questions):
    return {
        str(q.pk): {"label": q.label, "value": form.cleaned_data.get(question_field_name(q))}
        for q in questions
    }


class AccessibleFormMixin:
    """Links every error to its field (aria-describedby, aria-invalid) for screen readers."""

    def add_aria(self):
        for name, field in self.fields.items():
            describedby = []
            if field.help_text:
                describedby.append(f"id_{name}_helptext")
            if self.is_bound and name in self.errors:
                describedby.insert(0, f"id_{name}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if describedby:
                field.widget.attrs["aria-describedby"] = " ".join(describedby)


class RegistrationForm(AccessibleFormMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(
        label=_("E-mail"),
        error_messages={"invalid": _("Enter a valid e-mail address, e.g. jan.kowalski@gmina.pl.")},
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=255)
    organisation_type = forms.ChoiceField(
        label=_("Organisation type"), choices=[("", "—")] + OrganisationType.choices
    )
    voivodeship = forms.ChoiceField(
        label=_("Voivodeship"), required=False, choices=[("", "—")] + VOIVODESHIP_CHOICES
    )

    def __init__(self, *args, page, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(page.questions.all())
        self.consent_rows = list(page.consents.all())
        self.fields.update(build_question_fields(self.questions))
        for consent in self.consent_rows:
            self.fields[f"consent_{consent.pk}"] = forms.BooleanField(
                label=consent.text,
                required=True,
                error_messages={"required": _("This consent is required to register.")},
            )
        if user is not None and user.is_authenticated:
            # A logged-in participant registers with the verified e-mail of the account.
            self.fields["email"].disabled = True
            self.fields["email"].help_text = _("The e-mail address of your account.")
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = {
                "first_name": "given-name",
                "last_name": "family-name",
            }[name]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def question_fields(self):
        return [self[f"q_{q.pk}"] for q in self.questions]

    def consent_fields(self):
        return [self[f"consent_{c.pk}"] for c in self.consent_rows]

    def base_fields_bound(self):
        return [
            self[n]
            for n in (
                "first_name",
                "last_name",
                "email",
                "organisation",
                "organisation_type",
                "voivodeship",
            )
        ]

    def answers(self):
        return collect_answers(self, self.questions)

    def consents_given(self, now):
        return [{"text": c.text, "given_at": now.isoformat()} for c in self.consent_rows]


class AnswersForm(AccessibleFormMixin, forms.Form):
    def __init__(self, *args, page, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(page.questions.all())
        self.fields.update(build_question_fields(self.questions, answers))

    def answers(self):
        return collect_answers(self, self.questions)


def initial_from_profile(user):
    """Prefill for a logged-in participant: names from User, organisation from the Profile."""
    initial = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        initial.update(
            organisation=profile.organisation_name,
            organisation_type=profile.organisation_type,
            voivodeship=profile.voivodeship,
            language=profile.language,
        )
    return initial
