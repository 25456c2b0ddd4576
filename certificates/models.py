"""Certificates (zaświadczenia) for courses and events. Everything printed on a certificate is
copied into the row when it is issued, so later edits of a course or a profile never change a
certificate already given; the verification code lets anyone confirm it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_SIGNATORY_ROLE = "Koordynator(ka) Programu MWF"


class Certificate(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", _("online course")
        EVENT = "event", _("training attendance")
        PATH = "path", _("learning path")

    code = models.CharField(_("verification code"), max_length=32, unique=True)
    register_number = models.CharField(_("register number"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    source_key = models.CharField(
        _("source"),
        max_length=120,
        unique=True,
        help_text=_("What the certificate is for, e.g. course:12:user:5 (one certificate each)."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    # Frozen at issue.
    email = models.EmailField(_("e-mail"), blank=True)
    full_name = models.CharField(_("full name"), max_length=255)
    title = models.CharField(_("title"), max_length=255)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, null=True, blank=True)
    outcomes = models.TextField(_("learning outcomes"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=255)
    dates_text = models.CharField(_("dates"), max_length=255, blank=True)
    place = models.CharField(_("place of issue"), max_length=100, blank=True)
    signatory_name = models.CharField(_("signed by"), max_length=150, blank=True)
    signatory_role = models.CharField(_("signatory's role"), max_length=150, blank=True)
    # The language the certificate is written in (its PDF, its e-mail): the language of the
    # course or training it attests, so a participant of an English course gets it in English.
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    issued_at = models.DateTimeField(_("issued at"))
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        permissions = [
            ("view_certificate_register", _("Can see the certificate register")),
            ("download_any_certificate", _("Can download anyone's certificate")),
        ]
        ordering = ["-issued_at"]

    def __str__(self):
        return f"{self.register_number} – {self.full_name}"

    @property
    def outcomes_list(self):
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """Who signs the certificates: printed under the signature line of every certificate
    issued from now on (certificates already issued keep the signatory they were issued with)."""

    signatory_name = models.CharField(
        _("signatory's name"),
        max_length=150,
        blank=True,
        help_text=_("For example: dr Anna Kowalska. Leave empty to print only the role."),
    )
    signatory_role = models.CharField(
        _("signatory's role"),
        max_length=150,
        blank=True,
        default=DEFAULT_SIGNATORY_ROLE,
        help_text=_("Printed under the name, e.g. the programme coordinator."),
    )

    panels = [FieldPanel("signatory_name"), FieldPanel("signatory_role")]

    class Meta:
        verbose_name = _("certificate signature")
