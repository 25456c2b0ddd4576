"""The edit form of a training page in the Wagtail admin."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    """Refuses to delete a session people registered for: it must be cancelled instead, so
    they are told (and the counts keep their rows)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("sessions")
        if formset is not None and formset.is_valid():
            deleted = [f.instance.pk for f in formset.deleted_forms if f.instance.pk]
            # Asked through the session model of the formset: this module is imported by the
            # page model, before the registration model exists.
            if (
                deleted
                and formset.model.objects.filter(
                    pk__in=deleted, registrations__isnull=False
                ).exists()
            ):
                raise ValidationError(
                    _(
                        "A session with registrations cannot be removed. Cancel it instead "
                        "(Registrations → the session → Cancel the whole session): everyone "
                        "registered is then notified."
                    )
                )
        return cleaned
