"""Form fields shared by the apps' public and staff forms.

Django's model choice fields hand a submitted id to the database as typed: an id beyond the
64-bit range raises OverflowError on SQLite (a 500) instead of "not one of the choices". These
fields turn such a value into the usual validation error first."""

from django import forms
from django.core.exceptions import ValidationError

from cms.converters import parse_id


def _check_ids(field, values):
    for value in values:
        if value in field.empty_values:
            continue
        if parse_id(str(value)) is None:
            raise ValidationError(
                field.error_messages["invalid_choice"]
                if "invalid_choice" in field.error_messages
                else field.error_messages["invalid_pk_value"],
                code="invalid_choice",
                params={"value": str(value)[:40], "pk": str(value)[:40]},
            )


class IdChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        _check_ids(self, [value])
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        _check_ids(self, value)
        return super()._check_values(value)
