"""The JST implementation tracker's rules fed by other apps' domain events."""

from django.db import transaction
from django.utils.translation import gettext as _

from dashboard.models import JstMilestone, Milestone, SupportedJst
from practices.models import Instrument


def add_selected_jst(*, teryt, name, jst_type, instrument_slugs, selected_on, call_title, **_extra):
    """A JST selected in a recruitment call becomes a supported JST (or, supported already, gains
    the instruments it chose) with its first milestone, the diagnosis, dated the selection day.
    Idempotent: an event delivered twice changes nothing more."""
    with transaction.atomic():
        jst, created = SupportedJst.objects.get_or_create(
            teryt=teryt, defaults={"name": name, "jst_type": jst_type}
        )
        jst.instruments.add(*Instrument.objects.filter(slug__in=instrument_slugs))
        if not jst.milestones.filter(stage=Milestone.DIAGNOSIS).exists():
            JstMilestone.objects.create(
                jst=jst,
                stage=Milestone.DIAGNOSIS,
                date=selected_on,
                note=(_("Selected in the call “%(call)s”") % {"call": call_title})[:255],
                sort_order=0,
            )
    return jst
