"""The newsletter's e-mails through a real SMTP server, parsed back: the confirmation link of a
sign-up and an issue's test send with its unsubscribe headers."""

import re

import pytest

from newsletter.models import ConsentRecord
from newsletter.sending.dispatch import send_test
from tests.newsletter.test_subscription import do_signup

pytestmark = pytest.mark.django_db


def test_signup_confirmation_arrives_and_its_link_confirms(
    client, index_page, lists, consent_text, smtp_inbox, django_capture_on_commit_callbacks
):
    do_signup(client, django_capture_on_commit_callbacks, lists, consent_text)
    message = smtp_inbox.only()
    assert message.recipients == ["anna@example.pl"]
    assert message.subject == "Potwierdź zapis na newsletter"
    for name in ("Samorządy (JST)", "Organizacje (NGO)"):
        assert name in message.text
    assert message.html and "<a " in message.html
    path = re.search(r"https?://[^/\s]+(/subskrypcja/potwierdz/[^\s]+/)", message.text).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
    assert ConsentRecord.objects.filter(confirmed_at__isnull=False).exists()


def test_issue_test_send_arrives_with_unsubscribe_headers(issue, smtp_inbox):
    send_test(issue, "redakcja@example.pl")
    message = smtp_inbox.only()
    assert message.subject == "[TEST] " + issue.title
    assert message.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert message.header("List-Unsubscribe").startswith("<http")
    assert "CO NOWEGO" in message.text and "Co nowego" in message.html
    assert "Zapraszamy do lektury" in message.text
