"""Controlled vocabularies of a catalogue entry (besides the editable instrument snippet)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BenefitArea(models.TextChoices):
    """Areas of public benefit (u.d.p.p.w. art. 4), grouped as the catalogue needs them."""

    SOCIAL = "pomoc_spoleczna", _("social assistance and inclusion")
    HEALTH = "zdrowie", _("health")
    EDUCATION = "edukacja", _("education and upbringing")
    CULTURE = "kultura", _("culture, arts and heritage")
    SPORT = "sport", _("sport and physical activity")
    TOURISM = "turystyka", _("tourism and leisure")
    ECOLOGY = "ekologia", _("ecology and environment")
    SENIORS = "seniorzy", _("seniors")
    YOUTH = "mlodziez", _("children and youth")
    DISABILITY = "niepelnosprawnosc", _("people with disabilities")
    COMMUNITY = "rozwoj_lokalny", _("local community development")
    SAFETY = "bezpieczenstwo", _("public safety and rescue")
    NGO_SUPPORT = "wsparcie_ngo", _("support for NGOs and volunteering")
    EMPLOYMENT = "rynek_pracy", _("employment and professional activation")
    OTHER = "inne", _("other")


class PracticeStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ONGOING = "ongoing", _("ongoing")
    RECURRING = "recurring", _("recurring every year")
    COMPLETED = "completed", _("completed")
