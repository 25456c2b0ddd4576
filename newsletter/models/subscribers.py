"""Who receives the newsletter and on what basis: lists, versioned consent wording, subscribers,
the consent log and the suppression list.

Privacy decisions (RODO art. 5 and 7):
- A consent record keeps the exact wording shown (a copy, not only a reference), the lists, the
  time of signup and of confirmation, the source page and the method. Double opt-in proves that
  the person controls the mailbox, which is the proof the controller needs.
- The client's IP address is NOT stored. It proves little (shared NAT, mobile carriers, proxies),
  is personal data that would need its own retention rule, and the confirmation from the mailbox
  already shows who agreed. The IP is used only for rate limiting, as a hashed cache key that
  expires within minutes.
- The suppression list keeps a SHA-256 hash of the address, never the address itself, so it can
  outlive erasure of the subscriber and still stop an import from adding the person back.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.translated_fields import in_language


def normalise_email(email):
    return (email or "").strip().lower()


def email_hash(email):
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


class NewsletterList(models.Model):
    """An audience a subscriber can join (for example JST, NGO, all news). A dispatch goes to
    one or more lists; a subscriber on several of them gets the issue once."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    # English under /en/ (cms.translated_fields says why columns, not translated snippets).
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description_en = models.CharField(_("description in English"), max_length=255, blank=True)
    is_public = models.BooleanField(
        _("offered in the signup form"),
        default=True,
        help_text=_("Hidden lists can only be filled by import."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The name in the active language (the Polish one when no English is given)."""
        return in_language(self, "name")

    @property
    def display_description(self):
        return in_language(self, "description")


class ConsentText(models.Model):
    """One version of the consent wording shown next to the signup checkbox. The newest version
    is shown; a version that people have agreed to is never edited (add a new one instead), so
    every consent record points at the wording the person actually saw."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    text = models.TextField(
        _("consent text"),
        help_text=_(
            "Shown next to the checkbox. Name the controller, the purpose and how to withdraw."
        ),
    )
    text_en = models.TextField(
        _("consent text in English"),
        blank=True,
        help_text=_(
            "The same consent as shown on the English pages; a record keeps the words shown."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")

    def __str__(self):
        return _("Version %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs):
        if not self.version:
            self.version = (type(self).objects.aggregate(m=Max("version"))["m"] or 0) + 1
        super().save(*args, **kwargs)

    @property
    def display_text(self):
        """The wording in the active language (the Polish one when no English is given)."""
        return in_language(self, "text")

    def clean(self):
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values_list("text", "text_en").first()
            # Giving an agreed version its first English wording changes nothing people saw.
            changed = [
                name
                for name, before in zip(("text", "text_en"), stored, strict=True)
                if before != getattr(self, name) and (name == "text" or before)
            ]
            if changed and self.records.exists():
                message = _("People have agreed to this wording. Add a new version instead.")
                raise ValidationError({changed[0]: message})

    @classmethod
    def current(cls):
        return cls.objects.order_by("-version").first()


class Subscriber(models.Model):
    """One e-mail address. Kept after unsubscribing (status "unsubscribed") so the consent log
    stays provable; the personal token in links identifies the row, never the address."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    lists = models.ManyToManyField(
        NewsletterList, verbose_name=_("lists"), blank=True, related_name="subscribers"
    )
    language = models.CharField(_("language"), max_length=10, default="pl")
    created_at = models.DateTimeField(_("first signup"), auto_now_add=True)
    confirmed_at = models.DateTimeField(
        pgettext_lazy("date of confirmation", "confirmed"), null=True, blank=True
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")

    def __str__(self):
        return self.email

    def list_names(self):
        return ", ".join(lst.name for lst in self.lists.all())

    list_names.short_description = _("lists")


class ConsentRecord(models.Model):
    """The proof of one consent: what the person agreed to, when, and how. Created at signup
    (pending), completed by the confirmation, closed by a withdrawal. Imports record the legal
    basis the editor stated instead of a wording shown."""

    class Method(models.TextChoices):
        SIGNUP = "signup", _("Signup form with double opt-in")
        PREFERENCES = "preferences", _("Preferences page (personal link)")
        IMPORT = "import", _("Import by an editor")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="consents", verbose_name=_("subscriber")
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("consent text version"),
    )
    text_shown = models.TextField(_("exact wording shown"), blank=True)
    legal_basis = models.TextField(_("legal basis stated"), blank=True)
    lists = models.ManyToManyField(NewsletterList, verbose_name=_("lists"), related_name="+")
    list_names = models.CharField(_("list names at the time"), max_length=500, blank=True)
    source_url = models.CharField(_("source page address"), max_length=500, blank=True)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source page"),
    )
    signed_up_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(
        pgettext_lazy("date of confirmation", "confirmed"), null=True, blank=True
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawal_method = models.CharField(_("withdrawn through"), max_length=40, blank=True)

    class Meta:
        ordering = ["-signed_up_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self):
        return f"{self.subscriber_id} / {self.signed_up_at:%Y-%m-%d %H:%M}"


class SuppressedAddress(models.Model):
    """An address that must not be mailed again unless the person signs up and confirms anew.
    Stored as a hash (see the module docstring)."""

    class Reason(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
        ERASED = "erased", _("Personal data erased")
        BOUNCED = "bounced", _("Address does not exist")
        MANUAL = "manual", _("Added by an editor")

    email_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppression list")

    def __str__(self):
        return f"{self.email_hash[:12]}… ({self.get_reason_display()})"

    @classmethod
    def is_suppressed(cls, email):
        return cls.objects.filter(email_hash=email_hash(email)).exists()
