"""Two-factor sign-in: with MFA_REQUIRED_FOR_ADMIN on, an editor reaches the admin only with an
authenticator app's code; participants are never asked. Codes are computed from the secret with
allauth's own TOTP helpers, as an authenticator app would."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db

PASSWORD = "Haslo-redaktora-2026"  # noqa: S105


def code_for(secret, *, step=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def make_user(django_user_model, email, *, editor):
    user = django_user_model.objects.create_user(email, email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if editor:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return user


@pytest.fixture(autouse=True)
def _one_period_of_drift(settings):
    # A 30-second boundary between computing a code and checking it must not fail a test.
    settings.MFA_TOTP_TOLERANCE = 1


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "redaktorka@example.pl", editor=True)


@pytest.fixture
def participant(django_user_model):
    return make_user(django_user_model, "uczestnik@example.pl", editor=False)


@pytest.fixture
def required(settings):
    settings.MFA_REQUIRED_FOR_ADMIN = True


def log_in(client, user):
    return client.post("/konto/login/", {"login": user.email, "password": PASSWORD})


def enrol(client):
    """Confirm the password (allauth asks before any change to the sign-in methods), open the
    set-up page, read the secret it shows, answer with the app's code."""
    response = client.get("/konto/2fa/totp/activate/")
    if response.status_code == 302:
        assert response["Location"].startswith("/konto/reauthenticate/")
        assert client.post(response["Location"], {"password": PASSWORD}).status_code == 302
    page = client.get("/konto/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode()
    response = client.post("/konto/2fa/totp/activate/", {"code": code_for(secret)})
    assert response.status_code == 302, re.findall(
        r'role="alert".*?</div>', response.content.decode(), re.S
    )
    return secret


def test_an_editor_without_an_authenticator_app_is_sent_to_set_one_up(
    client, home_page, editor, required
):
    assert log_in(client, editor).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/2fa/totp/activate/?next=")
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]
    # allauth first asks for the password again; the reason is shown there, in Polish.
    confirm = client.get(response["Location"], follow=True)
    assert confirm.redirect_chain[-1][0].startswith("/konto/reauthenticate/")
    assert "muszą logować się dwuetapowo" in confirm.content.decode()
    client.post(confirm.redirect_chain[-1][0], {"password": PASSWORD})
    html = client.get("/konto/2fa/totp/activate/").content.decode()
    assert "Aktywuj aplikację uwierzytelniającą" in html  # allauth's own Polish catalogue
    assert "<svg" in html and "<script>" not in html  # the QR code drawn inline, no script


def test_an_editor_enrols_then_signs_in_with_password_and_code(client, home_page, editor, required):
    log_in(client, editor)
    secret = enrol(client)
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    codes = Authenticator.objects.get(user=editor, type=Authenticator.Type.RECOVERY_CODES)
    assert len(codes.wrap().get_unused_codes()) == 10
    client.post("/konto/logout/")

    response = log_in(client, editor)
    assert response.status_code == 302
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing
    stage = client.get("/konto/2fa/authenticate/").content.decode()
    assert "Autoryzacja dwuskładnikowa" in stage
    wrong = client.post("/konto/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/konto/2fa/authenticate/", {"code": code_for(secret)})
    assert response.status_code == 302
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert "wagtail" in admin.content.decode().lower()


def test_a_session_signed_in_without_a_code_must_enter_one(client, home_page, editor, required):
    log_in(client, editor)
    secret = enrol(client)
    client.post("/konto/logout/")
    # Wagtail's own login form asks for the password only.
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/2fa/reauthenticate/?next=")
    html = client.get(response["Location"]).content.decode()
    assert "wpisz kod z aplikacji uwierzytelniającej" in html
    response = client.post(
        "/konto/2fa/reauthenticate/", {"code": code_for(secret), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_participant_is_not_asked_for_a_code(client, home_page, participant, required):
    response = log_in(client, participant)
    assert response.status_code == 302
    assert response["Location"] == "/moje-kursy/"
    assert client.get("/moje-kursy/").status_code == 200


def test_without_the_setting_an_editor_reaches_the_admin_with_a_password(
    client, home_page, editor, settings
):
    settings.MFA_REQUIRED_FOR_ADMIN = False
    log_in(client, editor)
    assert client.get("/admin/").status_code == 200


def test_a_participant_may_protect_the_account_with_a_code_too(client, home_page, participant):
    log_in(client, participant)
    secret = enrol(client)
    client.post("/konto/logout/")
    assert log_in(client, participant)["Location"] == "/konto/2fa/authenticate/"
    response = client.post("/konto/2fa/authenticate/", {"code": code_for(secret)})
    assert response["Location"] == "/moje-kursy/"
