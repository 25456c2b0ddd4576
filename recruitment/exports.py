"""The ranking of a call as a spreadsheet (CSV/XLSX through cms.spreadsheets, which defuses
anything an applicant typed that a spreadsheet would read as a formula)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.teryt import VOIVODESHIPS, voivodeship_from_teryt
from recruitment import services


def ranking_sheets(call):
    header = [
        _("Rank"),
        _("Application no."),
        _("Local government"),
        _("Type"),
        _("TERYT code"),
        _("Województwo"),
        _("Instruments"),
        _("Status"),
        _("Score 1"),
        _("Score 2"),
        _("Average"),
        _("Submitted"),
        _("Contact person"),
        _("E-mail"),
        _("Phone"),
    ]
    rows = [header]
    for application in services.ranking(call):
        totals = (
            [*application.totals, None, None][:2]
            if application.average is not None
            else [
                None,
                None,
            ]
        )
        rows.append(
            [
                application.position,
                application.number,
                application.jst_name,
                application.get_jst_type_display(),
                application.teryt,
                VOIVODESHIPS.get(voivodeship_from_teryt(application.teryt), ""),
                [i.display_name for i in application.instruments.all()],
                application.get_status_display(),
                *totals,
                application.average,
                timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M"),
                application.contact_name,
                application.contact_email,
                application.contact_phone,
            ]
        )
    return [(_("Ranking"), rows)]
