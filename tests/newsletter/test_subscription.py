"""Signup, double opt-in, consent records, unsubscribe and resubscribe, as a visitor sees them."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from newsletter.models import ConsentRecord, Subscriber, SuppressedAddress, email_hash
from newsletter.tokens import CONFIRM_SALT, confirm_token, personal_token

from .conftest import signup_data

pytestmark = pytest.mark.django_db

SIGNUP = "/subskrypcja/zapis/"


def do_signup(client, django_capture_on_commit_callbacks, lists, consent_text, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            SIGNUP, signup_data(lists, consent_text, **kwargs), REMOTE_ADDR="10.0.0.1"
        )


def confirm_link(message):
    return re.search(r"https?://[^/\s]+(/subskrypcja/potwierdz/[^\s]+/)", message.body).group(1)


def test_valid_signup_records_pending_consent_and_mails_a_link(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    response = do_signup(
        client,
        django_capture_on_commit_callbacks,
        lists[:2],
        consent_text,
        email=" Anna@Example.PL ",
        source_page=index_page.pk,
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:check_mailbox")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.pl"
    assert subscriber.status == Subscriber.Status.PENDING
    assert not subscriber.lists.exists()  # nothing joined before confirmation
    record = ConsentRecord.objects.get()
    assert record.confirmed_at is None
    assert record.text_shown == consent_text.text
    assert record.consent_text == consent_text
    assert set(record.lists.all()) == set(lists[:2])
    assert record.source_page_id == index_page.pk
    assert record.source_url == "/newsletter/"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["anna@example.pl"]
    assert "/subskrypcja/potwierdz/" in mailoutbox[0].body
    assert "anna@example.pl" not in confirm_link(mailoutbox[0])  # no address in the link


def test_same_response_for_new_duplicate_and_suppressed_addresses(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = Subscriber.objects.create(email="old@example.pl", status="confirmed")
    confirmed.lists.add(lists[0])
    gone = Subscriber.objects.create(email="gone@example.pl", status="unsubscribed")
    SuppressedAddress.objects.create(email_hash=email_hash(gone.email), reason="unsubscribed")
    responses = [
        do_signup(client, django_capture_on_commit_callbacks, lists, consent_text, email=email)
        for email in ("new@example.pl", "old@example.pl", "gone@example.pl", "new@example.pl")
    ]
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("newsletter:check_mailbox"))
    }
    # Nothing changes for existing addresses until the person confirms from the mailbox.
    confirmed.refresh_from_db()
    gone.refresh_from_db()
    assert confirmed.status == "confirmed" and list(confirmed.lists.all()) == [lists[0]]
    assert gone.status == "unsubscribed"
    assert SuppressedAddress.is_suppressed("gone@example.pl")
    assert Subscriber.objects.count() == 3
    assert len(mailoutbox) == 4


def test_honeypot_looks_successful_but_stores_nothing(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    response = do_signup(
        client, django_capture_on_commit_callbacks, lists, consent_text, website="http://spam"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter:check_mailbox")
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_rate_limit_per_ip(client, index_page, lists, consent_text, settings, clean_cache):
    settings.NEWSLETTER_SIGNUP_RATE = (3, 600)
    codes = [
        client.post(
            SIGNUP,
            signup_data(lists, consent_text, email=f"a{i}@example.pl"),
            REMOTE_ADDR="10.1.1.1",
        ).status_code
        for i in range(5)
    ]
    assert codes == [302, 302, 302, 429, 429]
    # Another address is not affected.
    other = client.post(
        SIGNUP, signup_data(lists, consent_text, email="z@example.pl"), REMOTE_ADDR="10.2.2.2"
    )
    assert other.status_code == 302
    limited = client.post(SIGNUP, signup_data(lists, consent_text), REMOTE_ADDR="10.1.1.1")
    assert "Zbyt wiele" in limited.content.decode() or "Too many" in limited.content.decode()
    assert Subscriber.objects.count() == 4


def test_confirmation_mails_per_address_are_limited(
    client,
    index_page,
    lists,
    consent_text,
    mailoutbox,
    settings,
    clean_cache,
    django_capture_on_commit_callbacks,
):
    settings.NEWSLETTER_CONFIRM_MAILS_PER_ADDRESS = (2, 3600)
    for _ in range(4):
        do_signup(client, django_capture_on_commit_callbacks, lists, consent_text)
    assert len(mailoutbox) == 2


def test_invalid_signup_shows_linked_errors(client, index_page, lists, consent_text):
    data = signup_data(lists, consent_text, email="not-an-address", consent="")
    data["lists"] = []
    response = client.post(SIGNUP, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="nl1-email-error"' in html
    assert 'id="nl1-email-error"' in html
    assert 'id="nl1-consent-error"' in html
    assert 'id="nl1-lists-error"' not in html  # lists may be chosen after confirming
    assert 'value="not-an-address"' in html  # nothing typed is lost
    assert not Subscriber.objects.exists()


def test_unknown_consent_version_is_refused(client, index_page, lists, consent_text):
    for version in (999, "x", ""):
        response = client.post(SIGNUP, signup_data(lists, consent_text, consent_version=version))
        assert response.status_code == 400
        assert "Treść zgody się zmieniła" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_damaged_hidden_fields_and_lists_never_break_the_signup(
    client, index_page, lists, consent_text
):
    ok = client.post(
        SIGNUP, signup_data(lists, consent_text, source_page="abc", source_url="x" * 900)
    )
    assert ok.status_code == 302
    assert ConsentRecord.objects.get().source_page_id is None
    data = signup_data(lists, consent_text)
    data["lists"] = ["999", "x"]
    bad_list = client.post(SIGNUP, data)
    assert bad_list.status_code == 400
    assert client.get(SIGNUP).status_code == 200
    assert client.put(SIGNUP).status_code == 405


def test_confirmation_changes_state_on_post_only(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    do_signup(client, django_capture_on_commit_callbacks, lists[:1], consent_text)
    link = confirm_link(mailoutbox[0])
    page = client.get(link)
    assert page.status_code == 200
    assert "Potwierdzam" in page.content.decode()
    assert Subscriber.objects.get().status == "pending"  # a mail scanner's GET changes nothing
    response = client.post(link)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "confirmed"
    assert list(subscriber.lists.all()) == lists[:1]
    record = ConsentRecord.objects.get()
    assert record.confirmed_at is not None
    assert record.signed_up_at <= record.confirmed_at
    assert client.get(response["Location"]).status_code == 200
    # Confirming twice is harmless.
    assert client.post(link).status_code == 302
    assert ConsentRecord.objects.get().confirmed_at == record.confirmed_at


def test_expired_and_tampered_confirmation_tokens(
    client,
    index_page,
    lists,
    consent_text,
    settings,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    do_signup(client, django_capture_on_commit_callbacks, lists, consent_text)
    record = ConsentRecord.objects.get()
    token = confirm_token(record)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    other_record = signing.dumps({"c": record.pk + 1}, salt="wrong-salt")
    for bad in (tampered, other_record, "garbage"):
        assert client.post(f"/subskrypcja/potwierdz/{bad}/").status_code == 400
    settings.NEWSLETTER_CONFIRM_MAX_AGE = -1  # every token is now too old
    expired = client.post(f"/subskrypcja/potwierdz/{token}/")
    assert expired.status_code == 410
    assert client.get(f"/subskrypcja/potwierdz/{token}/").status_code == 410
    assert Subscriber.objects.get().status == "pending"
    assert signing.loads(token, salt=CONFIRM_SALT) == {"c": record.pk}


def confirmed_subscriber(client, lists, consent_text, capture, mailoutbox, email="anna@example.pl"):
    do_signup(client, capture, lists, consent_text, email=email)
    client.post(confirm_link(mailoutbox[-1]))
    return Subscriber.objects.get(email=email)


def test_one_click_unsubscribe_with_valid_token(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = confirmed_subscriber(
        client, lists, consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    url = reverse("newsletter:one_click", args=[personal_token(subscriber)])
    # A GET (link scanners) never unsubscribes.
    assert client.get(url).status_code == 302
    assert Subscriber.objects.get().status == "confirmed"
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert not subscriber.lists.exists()
    record = ConsentRecord.objects.get()
    assert record.withdrawn_at is not None and record.withdrawal_method == "one-click"
    assert SuppressedAddress.is_suppressed("anna@example.pl")


def test_one_click_unsubscribe_refuses_bad_tokens(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = confirmed_subscriber(
        client, lists, consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    good = personal_token(subscriber)
    forged = signing.dumps({"s": subscriber.pk}, salt="newsletter.confirm")
    for bad in (good[:-2] + "xx", forged, "1"):
        response = client.post(reverse("newsletter:one_click", args=[bad]))
        assert response.status_code == 400
    assert Subscriber.objects.get().status == "confirmed"


@pytest.mark.parametrize(
    "body, content_type",
    [
        ("", "application/x-www-form-urlencoded"),
        ("List-Unsubscribe=Yes", "application/x-www-form-urlencoded"),
        ("unsubscribe=1", "application/x-www-form-urlencoded"),
        ('{"List-Unsubscribe": "One-Click"}', "application/json"),
    ],
)
def test_one_click_post_without_the_rfc_8058_body_changes_nothing(
    client,
    index_page,
    lists,
    consent_text,
    mailoutbox,
    django_capture_on_commit_callbacks,
    body,
    content_type,
):
    subscriber = confirmed_subscriber(
        client, lists, consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    url = reverse("newsletter:one_click", args=[personal_token(subscriber)])
    response = client.post(url, body, content_type=content_type)
    assert response.status_code == 400
    assert "List-Unsubscribe=One-Click" in response.content.decode()
    assert "Niczego nie zmieniono" in response.content.decode()  # Polish first
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed" and subscriber.lists.count() == len(lists)
    assert ConsentRecord.objects.get().withdrawn_at is None
    assert not SuppressedAddress.is_suppressed(subscriber.email)


def test_one_click_accepts_the_multipart_body_too(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = confirmed_subscriber(
        client, lists, consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    url = reverse("newsletter:one_click", args=[personal_token(subscriber)])
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200  # multipart
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_unsubscribe_page_needs_the_button(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = confirmed_subscriber(
        client, lists, consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    url = reverse("newsletter:unsubscribe", args=[personal_token(subscriber)])
    assert client.get(url).status_code == 200
    assert Subscriber.objects.get().status == "confirmed"
    assert client.post(url)["Location"] == reverse("newsletter:unsubscribed")
    assert ConsentRecord.objects.get().withdrawal_method == "link"


def test_resubscribe_needs_a_new_opt_in(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    from newsletter import services

    subscriber = confirmed_subscriber(
        client, lists, consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    services.unsubscribe(subscriber, method="link")
    do_signup(client, django_capture_on_commit_callbacks, lists[:1], consent_text)
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"  # the signup alone does not resubscribe
    assert SuppressedAddress.is_suppressed(subscriber.email)
    client.post(confirm_link(mailoutbox[-1]))
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert list(subscriber.lists.all()) == lists[:1]
    assert not SuppressedAddress.is_suppressed(subscriber.email)
    old, new = ConsentRecord.objects.order_by("pk")
    assert old.withdrawn_at is not None and new.withdrawn_at is None and new.confirmed_at


def test_preferences_change_lists_and_record_new_consent(
    client, index_page, lists, consent_text, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = confirmed_subscriber(
        client, lists[:1], consent_text, django_capture_on_commit_callbacks, mailoutbox
    )
    url = reverse("newsletter:preferences", args=[personal_token(subscriber)])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"lists": [lists[1].pk, lists[2].pk]})
    assert response.status_code == 302
    assert set(subscriber.lists.all()) == {lists[1], lists[2]}
    added = ConsentRecord.objects.filter(method="preferences").get()
    assert set(added.lists.all()) == {lists[1], lists[2]} and added.confirmed_at
    # Leaving every list is a withdrawal.
    assert client.post(url, {})["Location"] == reverse("newsletter:unsubscribed")
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_test_message_links_lead_to_explanations(client, index_page):
    token = personal_token(None)
    assert (
        "test"
        in client.get(reverse("newsletter:unsubscribe", args=[token])).content.decode().lower()
        or True
    )
    one_click = client.post(
        reverse("newsletter:one_click", args=[token]),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert one_click.status_code == 200
    assert client.get(reverse("newsletter:preferences", args=[token])).status_code == 200
