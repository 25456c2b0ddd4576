"""Transactional e-mails of the subscription flow (not newsletters): the confirmation link."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cms import mail
from newsletter import conf, services
from newsletter.tokens import confirm_token


def send_confirmation(record_id):
    record = services.pending_record(record_id)
    if record is None or record.confirmed_at:
        return
    subscriber = record.subscriber
    with translation.override(subscriber.language or settings.LANGUAGE_CODE):
        context = {
            "confirm_url": settings.BASE_URL
            + reverse("newsletter:confirm", args=[confirm_token(record)]),
            "lists": [lst.name for lst in record.lists.all()],
            "days": conf.get("NEWSLETTER_CONFIRM_MAX_AGE") // 86400,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        mail.send(
            subject=_("Confirm your newsletter subscription"),
            text=render_to_string("newsletter/email/confirm.txt", context),
            html=render_to_string("newsletter/email/confirm.html", context),
            to=[subscriber.email],
        )
