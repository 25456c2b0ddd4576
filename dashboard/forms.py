from django import forms
from django.utils.translation import gettext_lazy as _


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account will be closed and my personal data anonymised. "
            "This cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm that you want this.")},
    )
