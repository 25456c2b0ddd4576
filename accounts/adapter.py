"""django-allauth adapter: its e-mails (confirmation, password reset) are rendered in the request
but sent by a django-q2 task after commit, like every e-mail of the site; after login the
participant lands on "Moje kursy".

Enable with ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter" (config/settings/base.py)."""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from cms.tasks import enqueue


@dataclass(frozen=True)
class BrandSite:
    """What allauth's e-mail templates call `current_site`. Without django.contrib.sites
    allauth falls back to the request's host ("Witamy z 127.0.0.1:8765!"); the messages name
    the programme's site and its public address instead."""

    name: str
    domain: str


def brand_site():
    return BrandSite(
        name=settings.WAGTAIL_SITE_NAME, domain=settings.BASE_URL.split("://", 1)[-1].rstrip("/")
    )


def user_display(user):
    """How allauth names the person in its messages ("Zalogowano jako …"): the name they gave,
    else the e-mail, never the generated user name (ACCOUNT_USER_DISPLAY)."""
    return user.get_full_name().strip() or user.email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": brand_site(),
            "site_url": settings.BASE_URL,
        }
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        if html is None:
            # allauth ships text templates only: the HTML part carries the same text in the
            # look of the site's other e-mails (paragraphs, working links).
            html = render_to_string(
                "account/email/message.html",
                {"subject": message.subject, "body": message.body, "language": get_language()},
            )
        enqueue(
            "accounts.tasks.send_email",
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            html=html,
        )

    def get_login_redirect_url(self, request):
        return reverse("courses:my_courses")
