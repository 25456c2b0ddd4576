"""Site-wide settings editable in the admin (organisation, contact, partners, social links)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    role = blocks.CharBlock(label=_("Role in the programme"), required=False, max_length=200)
    # Site settings are one per site, not per language: the English role sits beside the Polish.
    role_en = blocks.CharBlock(label=_("Role in English"), required=False, max_length=200)
    url = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "group"
        label = _("Partner")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer, e-mails, certificates and the accessibility statement say about the
    organiser. Editors change it in Settings → Site settings, no developer needed."""

    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    address = models.TextField(_("postal address"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    partners = StreamField([("partner", PartnerBlock())], blank=True, verbose_name=_("partners"))
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_('Linked as "Deklaracja dostępności" from every page.'),
    )
    privacy_policy = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer and from every form that collects personal data."),
    )
    # The information the accessibility act (19 July 2019, art. 6 pt 3 (c)) asks of a public
    # entity's website, linked from every page's header. Any page may be chosen: the ground
    # does not name the page types of the floor above (home/easy_read.py, home/sign_language.py).
    easy_read_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("easy-to-read text page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_('Linked as "Tekst łatwy do czytania" from the header of every page.'),
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Polish Sign Language page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_('Linked as "Polski język migowy" from the header of every page.'),
    )
    funding_note = models.TextField(
        _("funding note"), blank=True, help_text=_("Shown in the footer of every page.")
    )
    funding_note_en = models.TextField(
        _("funding note in English"), blank=True, help_text=_("Shown on the English pages.")
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("funding_note"),
                FieldPanel("funding_note_en"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_policy"),
                FieldPanel("easy_read_page"),
                FieldPanel("sign_language_page"),
            ],
            heading=_("Legal pages"),
        ),
        FieldPanel("partners"),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("linkedin_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


class SearchSynonym(models.Model):
    """A group of phrases that mean the same in the programme's vocabulary ("BO", "budżet
    obywatelski"), in one language: a query holding any of them searches for all of them
    (cms.search). Editors keep the list in Snippets → Search synonyms."""

    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    phrases = models.TextField(
        _("phrases"),
        help_text=_("One phrase per line, e.g. “BO” and “budżet obywatelski” on two lines."),
    )

    panels = [FieldPanel("language"), FieldPanel("phrases")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "phrases"]

    def __str__(self):
        return " = ".join(self.phrase_list())

    def phrase_list(self):
        return [" ".join(line.split()) for line in self.phrases.splitlines() if line.strip()]

    def clean(self):
        phrases = self.phrase_list()
        if len(phrases) < 2:
            raise ValidationError({"phrases": _("Write at least two phrases, one per line.")})
        if any(len(phrase) > 100 for phrase in phrases) or len(phrases) > 20:
            raise ValidationError(
                {"phrases": _("At most 20 phrases of up to 100 characters each.")}
            )


class UnansweredSearch(models.Model):
    """A query of the site search that found nothing, with how often it was asked: the admin's
    report "Searches without results" (Reports), so editors can add a synonym or a promotion.
    How often every query is asked is in Wagtail's own "Search terms" report."""

    query_string = models.CharField(_("query"), max_length=255)
    language = models.CharField(_("language"), max_length=8)
    hits = models.PositiveIntegerField(_("times asked"), default=0)
    last_asked = models.DateTimeField(_("last asked"), auto_now=True)

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        constraints = [
            models.UniqueConstraint(
                fields=["query_string", "language"], name="unique_unanswered_search"
            )
        ]

    def __str__(self):
        return self.query_string
