"""Two-factor sign-in (allauth.mfa: an authenticator app's TOTP codes, with recovery codes).

Optional for participants. With `settings.MFA_REQUIRED_FOR_ADMIN` (on in production) nobody who
can open the admin gets there on a password alone: `AdminMFAMiddleware` sends an account with
admin access and no authenticator app to set one up, and a session that was not signed in with a
code (Wagtail's own login form asks for the password only) to enter one.

Enable with MFA_ADAPTER = "accounts.mfa.MFAAdapter" and the middleware after allauth's
AccountMiddleware (config/settings/base.py).
"""

import io
from urllib.parse import urlencode

import segno
from allauth.account.authentication import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.roles import has_staff_standing

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Wagtail's and Django's own sign-in and sign-out pages: reached before there is anything to
# protect (the check runs again on the next admin page).
OPEN_ADMIN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/django-admin/login/",
    "/django-admin/logout/",
)

SET_UP_MESSAGE = _(
    "Accounts with access to the administration panel must use two-factor sign-in. "
    "Set up an authenticator app (e.g. Google Authenticator, Microsoft Authenticator, FreeOTP) "
    "to continue."
)
CODE_MESSAGE = _("Enter the code from your authenticator app to open the administration panel.")


class MFAAdapter(DefaultMFAAdapter):
    def build_totp_svg(self, url):
        """The QR code of the set-up page, drawn with segno (already a dependency, for the
        certificates) rather than the `qrcode` package allauth would import."""
        buffer = io.BytesIO()
        segno.make(url, error="m").save(
            buffer, kind="svg", scale=4, xmldecl=False, svgclass="mfa-qr", lineclass=None
        )
        return buffer.getvalue().decode("utf-8")

    def get_totp_issuer(self):
        return settings.WAGTAIL_SITE_NAME


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def signed_in_with_a_code(request):
    return any(
        record.get("method") == "mfa"
        for record in get_authentication_records(request, request.user)
    )


class AdminMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_ADMIN
            and request.path_info.startswith(ADMIN_PREFIXES)
            and not request.path_info.startswith(OPEN_ADMIN_PATHS)
            and request.user.is_authenticated
            and has_staff_standing(request.user)
        ):
            query = urlencode({"next": request.get_full_path()})
            if not has_totp(request.user):
                messages.warning(request, SET_UP_MESSAGE)
                return redirect(f"{reverse('mfa_activate_totp')}?{query}")
            if not signed_in_with_a_code(request):
                messages.info(request, CODE_MESSAGE)
                return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return self.get_response(request)
