"""The two-phase SMTP send of `newsletter.sending` against a real local SMTP server (aiosmtpd):
the row is committed as sent just before the final dot; a refusal after the dot undoes it; an
interruption before the dot leaves the row to be sent once on resume; a lost answer after the
dot counts as sent and is not repeated. Also: the per-dispatch message template gives the same
message as building it per recipient."""

import collections
import email
from email import policy
from unittest import mock

import pytest
from django.core.mail import get_connection

from newsletter.models import Delivery, Dispatch, Subscriber
from newsletter.rendering import (
    MessageTemplate,
    build_message,
    personal_url_templates,
    personal_urls,
    render_issue,
)
from newsletter.sending.dispatch import prepare_dispatch, start_dispatch
from newsletter.sending.loop import UNCONFIRMED, _Loop, run_dispatch

from .smtp_sink import start_sink

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatch(issue, lists):
    for name in ("a", "b", "refused", "later", "c"):
        subscriber = Subscriber.objects.create(email=f"{name}@example.pl", status="confirmed")
        subscriber.lists.add(lists[0])
    dispatch = Dispatch.objects.create(page=issue)
    dispatch.lists.add(lists[0])
    with mock.patch("newsletter.sending.dispatch.enqueue"):
        start_dispatch(dispatch.pk)
        prepare_dispatch(dispatch.pk)
    return dispatch


def smtp_factory(controller, timeout=10):
    return lambda: get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=controller.port,
        timeout=timeout,
    )


def rows(dispatch):
    return {d.email: d for d in Delivery.objects.filter(dispatch=dispatch)}


def test_refusal_after_the_dot_undoes_the_sent_mark_and_the_connection_goes_on(dispatch, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    controller, sink = start_sink(
        refuse={
            "refused@example.pl": "550 5.1.1 Mailbox unavailable",
            "later@example.pl": "451 4.3.0 Try again later",
        }
    )
    try:
        result = run_dispatch(dispatch.pk, connection_factory=smtp_factory(controller))
    finally:
        controller.stop()
    assert result == "waiting"  # the 451 is retried later
    by_email = rows(dispatch)
    assert by_email["refused@example.pl"].status == "retry"
    assert "550" in by_email["refused@example.pl"].last_error
    assert by_email["refused@example.pl"].sent_at is None
    assert by_email["later@example.pl"].status == "retry"
    assert "451" in by_email["later@example.pl"].last_error
    # The messages after each refusal went through on the same, reset connection.
    assert sorted(sink.recipients) == ["a@example.pl", "b@example.pl", "c@example.pl"]
    for address in sink.recipients:
        assert by_email[address].status == "sent" and by_email[address].attempts == 1
    assert sink.headers_ok == 3

    # Second (last) attempt: the permanent refusal is final.
    settings.NEWSLETTER_RETRY_DELAY = 0
    Delivery.objects.filter(status="retry").update(retry_after=None)
    controller, sink = start_sink(refuse={"refused@example.pl": "550 5.1.1 No"})
    try:
        Delivery.objects.filter(status="retry").update(retry_after="2000-01-01T00:00Z")
        run_dispatch(dispatch.pk, connection_factory=smtp_factory(controller))
    finally:
        controller.stop()
    by_email = rows(dispatch)
    assert by_email["refused@example.pl"].status == "failed"
    assert by_email["refused@example.pl"].attempts == 2
    assert by_email["later@example.pl"].status == "sent"
    assert sink.recipients == ["later@example.pl"]


class Killed(BaseException):
    """Stands for the worker dying (not an Exception: nothing may catch it)."""


def test_interruption_before_the_dot_requeues_the_row_and_it_is_sent_once(dispatch):
    controller, sink = start_sink()
    real_mark_sent = _Loop.mark_sent
    marked = []

    def dies_before_the_third_mark(self, pk, claim):
        if len(marked) == 2:
            raise Killed  # the whole message but its final dot is on the wire now
        marked.append(pk)
        return real_mark_sent(self, pk, claim)

    try:
        with (
            mock.patch.object(_Loop, "mark_sent", dies_before_the_third_mark),
            pytest.raises(Killed),
        ):
            run_dispatch(dispatch.pk, connection_factory=smtp_factory(controller))
        statuses = collections.Counter(rows(dispatch)[e].status for e in rows(dispatch))
        assert statuses == {"sent": 2, "sending": 3}
        assert len(sink.recipients) == 2  # the server discarded the unfinished third message
        # Resume (the dead run's lease is released by run_dispatch's own cleanup here; a
        # killed process's lease simply expires).
        assert run_dispatch(dispatch.pk, connection_factory=smtp_factory(controller)) == "done"
    finally:
        controller.stop()
    assert {d.status for d in rows(dispatch).values()} == {"sent"}
    received = collections.Counter(sink.recipients)
    assert set(received) == set(rows(dispatch)) and set(received.values()) == {1}


def test_lost_answer_after_the_dot_counts_as_sent_and_is_not_repeated(issue, lists):
    subscriber = Subscriber.objects.create(email="slow@example.pl", status="confirmed")
    subscriber.lists.add(lists[0])
    dispatch = Dispatch.objects.create(page=issue)
    dispatch.lists.add(lists[0])
    with mock.patch("newsletter.sending.dispatch.enqueue"):
        start_dispatch(dispatch.pk)
        prepare_dispatch(dispatch.pk)
    controller, sink = start_sink(delay=2)
    try:
        result = run_dispatch(dispatch.pk, connection_factory=smtp_factory(controller, timeout=0.5))
    finally:
        controller.stop()
    assert result == "done"
    row = Delivery.objects.get(dispatch=dispatch)
    assert row.status == "sent" and row.sent_at is not None
    assert row.last_error == UNCONFIRMED
    assert sink.recipients == ["slow@example.pl"]  # the server did take it


def test_message_template_gives_the_message_built_per_recipient(issue):
    rendered = render_issue(issue)
    template = MessageTemplate(rendered)
    subscriber = Subscriber.objects.create(email="Zażółć@example.pl", status="confirmed")
    urls = personal_urls(subscriber, personal_url_templates())
    fast = email.message_from_bytes(template.render(subscriber.email, urls), policy=policy.default)
    slow = email.message_from_bytes(
        build_message(rendered, subscriber.email, urls).message().as_bytes(linesep="\r\n"),
        policy=policy.default,
    )
    for header in ("Subject", "From", "To", "List-Unsubscribe-Post", "List-Id", "MIME-Version"):
        assert fast[header] == slow[header], header
    assert fast["List-Unsubscribe"].strip() == slow["List-Unsubscribe"].strip()
    assert fast["List-Unsubscribe"].strip() == f"<{urls['one_click']}>"
    assert fast["Message-ID"] and fast["Date"] and fast["Message-ID"] != slow["Message-ID"]
    fast_parts = [(p.get_content_type(), p.get_content()) for p in fast.iter_parts()]
    slow_parts = [(p.get_content_type(), p.get_content()) for p in slow.iter_parts()]
    assert [t for t, _ in fast_parts] == ["text/plain", "text/html"]
    for (_, mine), (_, django) in zip(fast_parts, slow_parts, strict=True):
        assert mine.replace("\r\n", "\n") == django.replace("\r\n", "\n")
        assert urls["unsubscribe"] in mine and urls["preferences"] in mine
    raw = template.render(subscriber.email, urls)
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    assert b"%%NL_" not in raw and b"NLMARK" not in raw
