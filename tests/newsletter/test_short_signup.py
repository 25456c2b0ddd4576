"""The newsletter from the home page in two actions: type the e-mail, press "Zapisz się" (the
button carries the consent, its wording printed above it). The lists are chosen on the
confirmation page, all ticked at first; nothing is sent before the link is confirmed."""

import re

import pytest

from newsletter.models import ConsentRecord, Subscriber

pytestmark = pytest.mark.django_db


def _home_form(html):
    match = re.search(
        r'<form method="post" action="(/subskrypcja/zapis/)" novalidate>(.*?)</form>', html, re.S
    )
    assert match, "the home page has the short newsletter form"
    return match.groups()


def test_two_actions_on_the_home_page_then_lists_at_confirmation(
    client,
    home_page,
    index_page,
    lists,
    consent_text,
    smtp_inbox,
    django_capture_on_commit_callbacks,
):
    html = client.get("/").content.decode()
    action, form = _home_form(html)
    assert 'type="checkbox"' not in form  # no list or consent boxes to tick
    assert consent_text.text in form  # the consent wording is printed above the button
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    button = re.search(r'<button type="submit" class="button" name="consent" value="on"', form)
    assert button

    actions = [("email", "nowy.czytelnik@example.pl"), ("press", "Zapisz się")]
    fields.update(email=actions[0][1], consent="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action, fields, REMOTE_ADDR="10.0.0.9")
    assert len(actions) == 2
    assert response.status_code == 302
    record = ConsentRecord.objects.get()
    assert record.text_shown == consent_text.text and not record.lists.exists()

    message = smtp_inbox.only()
    path = re.search(r"https?://[^/\s]+(/subskrypcja/potwierdz/[^\s]+/)", message.text).group(1)
    page = client.get(path).content.decode()
    for lst in lists:
        assert f'value="{lst.pk}"' in page  # every list offered, all ticked
    assert page.count(" checked>") == len(lists)

    # Unticking everything is refused with a clear message; nothing is confirmed.
    refused = client.post(path, {})
    assert refused.status_code == 400
    assert "Wybierz co najmniej jedną listę" in refused.content.decode()
    assert Subscriber.objects.get().status != Subscriber.Status.CONFIRMED

    client.post(path, {"lists": [lists[0].pk, lists[2].pk]})
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert set(subscriber.lists.all()) == {lists[0], lists[2]}
    record.refresh_from_db()
    assert record.confirmed_at and set(record.lists.all()) == {lists[0], lists[2]}


def test_without_pressing_the_button_there_is_no_consent(
    client, home_page, index_page, lists, consent_text
):
    _action, form = _home_form(client.get("/").content.decode())
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields["email"] = "ktos@example.pl"  # e.g. a form submitted by Enter in another way
    response = client.post("/subskrypcja/zapis/", fields, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 400
    assert not Subscriber.objects.exists()
