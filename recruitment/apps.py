"""Recruitment of the JSTs the programme supports in implementing the instruments: the public
call page, gminy's and powiaty's applications (drafts, submission before the deadline), staff
scoring by two independent scorers, the ranking and the selection.

Selecting a JST announces `recruitment.signals.jst_selected`; the dashboard, a floor above,
turns it into a supported JST of its implementation tracker. This app never names the dashboard.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("JST recruitment")
