"""The account e-mails (allauth) through a real SMTP server: branded with the programme's site,
in the visitor's language, never greeting from the request's host, with links that work."""

import re

import pytest
from allauth.account.models import EmailAddress

pytestmark = pytest.mark.django_db


def _signup(client, capture, path, email):
    with capture(execute=True):
        response = client.post(
            path,
            {
                "first_name": "Żaneta",
                "last_name": "Źdźbło",
                "organisation_type": "jst",
                "email": email,
                "password1": "Dobre-haslo-2026",
                "password2": "Dobre-haslo-2026",
            },
        )
    assert response.status_code == 302


def test_signup_confirmation_in_polish(
    client, home_page, smtp_inbox, settings, django_capture_on_commit_callbacks
):
    _signup(client, django_capture_on_commit_callbacks, "/konto/signup/", "zaneta@example.pl")

    message = smtp_inbox.only()
    assert (
        message.recipients == ["zaneta@example.pl"] or message.header("To") == "zaneta@example.pl"
    )
    assert message.subject.startswith("MWF: ")
    assert message.text.startswith("Dzień dobry,")
    assert "Zespół programu MWF" in message.text
    assert settings.WAGTAIL_SITE_NAME in message.text
    assert "testserver" not in message.text.split("http")[0]  # no host in the greeting
    assert "Witamy z" not in message.text
    link = re.search(r"https?://\S+/konto/confirm-email/\S+/", message.text).group(0)
    path = link.split("testserver", 1)[-1]
    # The HTML alternative carries the same text, with the link as a link.
    html = message.html
    assert '<html lang="pl">' in html and f'<h1 style="font-size: 1.3em;">{message.subject}' in html
    assert f'<a href="{link}"' in html and "Zespół programu MWF" in html
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="zaneta@example.pl").verified


def test_signup_confirmation_in_english(
    client, home_page, smtp_inbox, django_capture_on_commit_callbacks
):
    _signup(client, django_capture_on_commit_callbacks, "/en/account/signup/", "anne@example.org")

    message = smtp_inbox.only()
    assert message.text.startswith("Hello,")
    assert "The MWF programme team" in message.text
    assert "/en/account/confirm-email/" in message.text
    assert '<html lang="en">' in message.html and "The MWF programme team" in message.html


def test_password_reset_message(
    client, home_page, smtp_inbox, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("jan", "jan@example.pl", "Stare-haslo-2026")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/password/reset/", {"email": "jan@example.pl"})

    message = smtp_inbox.only()
    assert message.text.startswith("Dzień dobry,")
    link = re.search(r"https?://\S+/konto/password/reset/key/\S+/", message.text).group(0)
    response = client.get(link.split("testserver", 1)[-1], follow=True)
    assert response.status_code == 200
