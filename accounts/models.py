"""Participant profile: who the person is for the programme's monitoring.

The user's names live on Django's User (first_name, last_name), the login is the verified
e-mail (django-allauth). The profile adds what the programme reports on. A participant whose
mandatory monitoring data is incomplete does not count toward the targets (see
`missing_monitoring_fields`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.teryt import VOIVODESHIP_CHOICES, JstType, validate_teryt, voivodeship_from_teryt


class OrganisationType(models.TextChoices):
    JST = "jst", _("local government (JST)")
    NGO = "ngo", _("non-governmental organisation (NGO)")
    OTHER = "other", pgettext_lazy("organisation type", "other")


class Gender(models.TextChoices):
    FEMALE = "f", _("woman")
    MALE = "m", _("man")
    UNDISCLOSED = "x", _("prefer not to say")


class AgeGroup(models.TextChoices):
    UNDER_25 = "-24", _("under 25")
    FROM_25 = "25-34", _("25–34")
    FROM_35 = "35-44", _("35–44")
    FROM_45 = "45-54", _("45–54")
    FROM_55 = "55-", _("55 or more")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=8, choices=OrganisationType.choices, blank=True
    )
    organisation_name = models.CharField(_("organisation name"), max_length=255, blank=True)
    jst_type = models.CharField(
        _("type of local government"), max_length=32, choices=JstType.choices, blank=True
    )
    jst_teryt = models.CharField(
        _("TERYT code of the local government"),
        max_length=10,
        blank=True,
        help_text=_(
            "For local government staff: the TERYT code of your gmina, powiat or województwo."
        ),
    )
    voivodeship = models.CharField(
        _("województwo"), max_length=2, choices=VOIVODESHIP_CHOICES, blank=True
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices, blank=True)
    language = models.CharField(
        _("language of e-mails"), max_length=5, choices=settings.LANGUAGES, default="pl"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")

    def __str__(self):
        return self.user.get_full_name() or self.user.email

    def clean(self):
        if self.jst_teryt:
            self.jst_teryt = validate_teryt(self.jst_teryt, self.jst_type or None)
            self.voivodeship = self.voivodeship or voivodeship_from_teryt(self.jst_teryt)

    def missing_monitoring_fields(self):
        """Names of the mandatory monitoring fields still empty (the person is 'not yet
        countable' toward the indicators until this is empty)."""
        missing = []
        if not (self.user.first_name and self.user.last_name):
            missing.append("name")
        if not self.organisation_type:
            missing.append("organisation_type")
        if not self.organisation_name:
            missing.append("organisation_name")
        if self.organisation_type == OrganisationType.JST and not self.jst_teryt:
            missing.append("jst_teryt")
        if not self.position:
            missing.append("position")
        return missing
