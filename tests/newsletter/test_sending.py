"""Sending issues: recipients, headers and parts of every message, retries, the at-most-once
claim rule, scheduling, and the e-mail rendering."""

import datetime
import smtplib
from unittest import mock

import pytest
from django.apps import apps
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone, translation

from cms import providers
from newsletter.blocks import UpcomingTrainingsBlock
from newsletter.models import Delivery, Dispatch, Subscriber, SuppressedAddress, email_hash
from newsletter.rendering import inline_styles, personal_url_templates, render_issue
from newsletter.sending.dispatch import (
    SendingError,
    create_dispatch,
    pause,
    prepare_dispatch,
    resume,
    send_test,
    start_dispatch,
    tick,
)
from newsletter.sending.loop import _Loop, run_dispatch

pytestmark = pytest.mark.django_db


def subscribe(email, *lists, status="confirmed"):
    subscriber = Subscriber.objects.create(email=email, status=status)
    subscriber.lists.add(*lists)
    return subscriber


class FlakyBackend(LocmemBackend):
    """Refuses addresses starting with "bad" (always) and "once" (the first time)."""

    refused_once = set()

    def send_messages(self, messages):
        for message in messages:
            address = message.to[0]
            if address.startswith("bad") or (
                address.startswith("once") and address not in self.refused_once
            ):
                self.refused_once.add(address)
                raise smtplib.SMTPRecipientsRefused({address: (550, b"No such user")})
        return super().send_messages(messages)


def test_dispatch_sends_once_per_confirmed_subscriber_with_headers_and_parts(
    issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    jst, ngo, _all = lists
    subscribe("both@example.pl", jst, ngo)
    subscribe("jst@example.pl", jst)
    subscribe("other@example.pl", _all)
    subscribe("pending@example.pl", jst, status="pending")
    subscribe("gone@example.pl", status="unsubscribed")
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = create_dispatch(issue, [jst, ngo])
    dispatch.refresh_from_db()
    assert dispatch.status == Dispatch.Status.DONE
    assert sorted(m.to[0] for m in mailoutbox) == ["both@example.pl", "jst@example.pl"]
    assert dispatch.progress() == {
        "total": 2,
        "sent": 2,
        "failed": 0,
        "skipped": 0,
        "remaining": 0,
        "percent": 100,
    }
    unsubscribe_links = set()
    for message in mailoutbox:
        assert message.subject == issue.title
        one_click = message.extra_headers["List-Unsubscribe"]
        assert one_click.startswith("<http") and "/jednym-kliknieciem/" in one_click
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html"
        assert "<style" not in html and 'style="' in html
        assert "%%NL_" not in html and "%%NL_" not in message.body
        assert "Co nowego" in html and "CO NOWEGO" in message.body
        assert "lektury (https://example.org/x)" in message.body
        unsubscribe_links.add(one_click)
        assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert len(unsubscribe_links) == 2  # personal links


def test_test_send_carries_the_headers_too(issue, mailoutbox, django_capture_on_commit_callbacks):
    send_test(issue, "editor@example.pl")
    (message,) = mailoutbox
    assert message.subject.startswith("[TEST] ")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "List-Unsubscribe" in message.extra_headers


def test_smtp_errors_are_recorded_and_retried_a_bounded_number_of_times(
    issue, lists, settings, django_capture_on_commit_callbacks
):
    settings.NEWSLETTER_EMAIL_BACKEND = "tests.newsletter.test_sending.FlakyBackend"
    settings.NEWSLETTER_RETRY_DELAY = 0
    settings.NEWSLETTER_MAX_ATTEMPTS = 3
    FlakyBackend.refused_once.clear()
    for email in ("ok@example.pl", "bad@example.pl", "once@example.pl"):
        subscribe(email, lists[0])
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = create_dispatch(issue, [lists[0]])
    rows = {d.email: d for d in Delivery.objects.filter(dispatch=dispatch)}
    assert rows["ok@example.pl"].status == "sent" and rows["ok@example.pl"].attempts == 1
    assert rows["once@example.pl"].status == "sent" and rows["once@example.pl"].attempts == 2
    assert rows["bad@example.pl"].status == "failed" and rows["bad@example.pl"].attempts == 3
    assert "550" in rows["bad@example.pl"].last_error
    assert sorted(m.to[0] for m in mail.outbox) == ["ok@example.pl", "once@example.pl"]
    dispatch.refresh_from_db()
    assert dispatch.status == "done"


def test_dead_claims_are_all_requeued_and_sent_once(
    issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    for i in range(6):
        subscribe(f"p{i}@example.pl", lists[0])
    with django_capture_on_commit_callbacks(execute=False):  # do not run the task yet
        dispatch = create_dispatch(issue, [lists[0]])
        prepare_dispatch(dispatch.pk)  # what the queued task does
    rows = list(Delivery.objects.filter(dispatch=dispatch).order_by("pk"))
    # A worker claimed rows 0-3, committed row 0 as sent and died while sending row 1: row 1
    # never reached its point of record, so the server never accepted it.
    Delivery.objects.filter(pk=rows[0].pk).update(status="sent", claim="dead:0")
    Delivery.objects.filter(pk__in=[r.pk for r in rows[1:4]]).update(
        status="sending", claim="dead:0"
    )
    Dispatch.objects.filter(pk=dispatch.pk).update(
        lease_token="dead", lease_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert run_dispatch(dispatch.pk) == "done"
    assert [Delivery.objects.get(pk=r.pk).status for r in rows] == ["sent"] * 6
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in rows[1:])


def test_a_run_that_lost_its_claim_does_not_send(issue, lists, mailoutbox):
    """The point of record is conditional: a lane whose claim was taken over (its lease expired
    and another run requeued its rows) neither marks nor sends."""
    subscribe("a@example.pl", lists[0])
    dispatch = Dispatch.objects.create(page=issue)
    dispatch.lists.add(lists[0])
    with mock.patch("newsletter.sending.dispatch.enqueue"):
        start_dispatch(dispatch.pk)
        prepare_dispatch(dispatch.pk)
    row = Delivery.objects.get(dispatch=dispatch)
    Delivery.objects.filter(pk=row.pk).update(status="pending", claim="")  # taken over
    loop = _Loop(
        dispatch_id=dispatch.pk,
        token="old",
        rendered=render_issue(issue),
        time_budget=None,
        rate=1000,
        lease_seconds=60,
        batch_size=10,
        connection_factory=None,
    )
    loop.send_other(mail.get_connection(), "old:0", row.pk, row.email, row.subscriber_id, 0)
    assert not mailoutbox
    assert Delivery.objects.get(pk=row.pk).status == "pending"


def test_live_lease_keeps_a_second_worker_away(issue, lists, django_capture_on_commit_callbacks):
    subscribe("a@example.pl", lists[0])
    with django_capture_on_commit_callbacks(execute=False):
        dispatch = create_dispatch(issue, [lists[0]])
        prepare_dispatch(dispatch.pk)  # what the queued task does
    Dispatch.objects.filter(pk=dispatch.pk).update(
        lease_token="alive", lease_until=timezone.now() + datetime.timedelta(seconds=30)
    )
    assert run_dispatch(dispatch.pk) == "busy"
    assert Delivery.objects.get().status == "pending"


def test_paused_dispatch_stops_and_resumes(
    issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe("a@example.pl", lists[0])
    with django_capture_on_commit_callbacks(execute=False):
        dispatch = create_dispatch(issue, [lists[0]])
        prepare_dispatch(dispatch.pk)  # what the queued task does
    pause(dispatch)
    assert run_dispatch(dispatch.pk) == "busy"
    assert not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        resume(dispatch)
    assert len(mailoutbox) == 1


def test_unsubscribing_mid_send_skips_the_delivery(
    issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    from newsletter import services

    keep = subscribe("keep@example.pl", lists[0])
    leave = subscribe("leave@example.pl", lists[0])
    with django_capture_on_commit_callbacks(execute=False):
        dispatch = create_dispatch(issue, [lists[0]])
        prepare_dispatch(dispatch.pk)  # what the queued task does
    services.unsubscribe(leave, method="link")
    run_dispatch(dispatch.pk)
    assert [m.to[0] for m in mailoutbox] == [keep.email]
    assert dispatch.progress()["skipped"] == 1


def test_scheduled_dispatch_starts_when_due(
    issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe("a@example.pl", lists[0])
    later = timezone.now() + datetime.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch = create_dispatch(issue, [lists[0]], scheduled_for=later)
        tick()
    assert not mailoutbox and not dispatch.deliveries.exists()
    Dispatch.objects.filter(pk=dispatch.pk).update(scheduled_for=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        tick()
    assert len(mailoutbox) == 1


def test_suppressed_address_is_never_a_recipient(
    issue, lists, mailoutbox, django_capture_on_commit_callbacks
):
    subscribe("a@example.pl", lists[0])
    SuppressedAddress.objects.create(email_hash=email_hash("a@example.pl"), reason="manual")
    with django_capture_on_commit_callbacks(execute=True):
        create_dispatch(issue, [lists[0]])
    assert not mailoutbox


def test_unpublished_issue_cannot_be_sent(issue, lists):
    issue.unpublish()
    with pytest.raises(SendingError):
        create_dispatch(issue, [lists[0]])


def test_inliner_adds_styles_and_absolute_links(settings):
    settings.BASE_URL = "https://mwf.example.pl"
    out = inline_styles('<p class="x">Tekst <a href="/kursy/">kursy</a> &amp; <br/>więcej</p>')
    assert out.startswith('<p class="x" style="font-family')
    assert 'href="https://mwf.example.pl/kursy/"' in out
    assert "&amp;" in out and "<br />" in out


def test_email_preview_and_text_part(issue, client, admin_client):
    rendered = render_issue(issue, preview=True)
    assert "%%NL_" not in rendered.html and "<table" in rendered.html
    response = admin_client.get(
        issue.url + "?preview" if False else f"/admin/newsletter_admin/issue/{issue.pk}/email/"
    )
    assert response.status_code == 200 and b"<table" in response.content
    text = admin_client.get(f"/admin/newsletter_admin/issue/{issue.pk}/email/?part=text")
    assert text["Content-Type"].startswith("text/plain") and "CO NOWEGO" in text.content.decode()
    assert client.get(f"/admin/newsletter_admin/issue/{issue.pk}/email/").status_code == 302


def test_upcoming_trainings_block_uses_the_provider_the_events_app_registers(issue, home_page):
    make_event = pytest.importorskip("tests.events.conftest").make_event
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    event_index = EventIndexPage(title="Szkolenia", slug="szkolenia")
    home_page.add_child(instance=event_index)
    event_index.save_revision().publish()
    make_event(event_index, title="Regranting w praktyce")
    rendered = render_issue(issue)
    assert "Regranting w praktyce" in rendered.html
    assert "Regranting w praktyce" in rendered.text


def test_upcoming_trainings_block_asks_the_registered_provider(monkeypatch, home_page):
    asked = []

    def provider(limit):
        asked.append(limit)
        return [home_page]

    monkeypatch.setattr(providers, "_providers", {providers.UPCOMING_TRAININGS: provider})
    items = UpcomingTrainingsBlock().get_items({"heading": "Szkolenia", "limit": 2})
    assert asked == [2]
    assert [item["title"] for item in items] == [home_page.title]


def test_upcoming_trainings_block_is_empty_without_a_provider(issue, monkeypatch):
    monkeypatch.setattr(providers, "_providers", {})
    assert UpcomingTrainingsBlock().get_items({"heading": "Szkolenia", "limit": 3}) == []
    rendered = render_issue(issue)  # the issue still renders, without trainings
    assert "Nowości z programu" in rendered.subject


def test_personal_links_follow_the_issue_language_not_the_worker_thread():
    """The send task runs with no active language; the links must still be the issue's own
    (translated URL segments), never the untranslated msgids."""
    with translation.override(None):
        polish = personal_url_templates()
        english = personal_url_templates("en")
    assert "/subskrypcja/wypisz/" in polish["one_click"]
    assert polish["one_click"].endswith("/jednym-kliknieciem/")
    assert "/en/newsletter/unsubscribe/" in english["one_click"]
    assert english["one_click"].endswith("/one-click/")
