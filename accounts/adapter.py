"""django-allauth adapter: its e-mails (confirmation, password reset) are rendered in the request
but sent by a django-q2 task after commit, like every e-mail of the site; after login the
participant lands on "Moje kursy".

Enable with ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter" (config/settings/base.py)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse

from cms.tasks import enqueue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
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
