""" "Moje szkolenia": a participant sees their upcoming and past registrations, opens the details,
downloads the invitation again, cancels with a confirmation step and finds the certificate."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from events.models import Registration, Status
from events.registration import register
from events.tokens import make_token

from .conftest import do, make_event, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return get_user_model().objects.create_user(
        "ola", "ola@example.pl", "Haslo-testowe-123", first_name="Ola", last_name="Nowak"
    )


def test_needs_login(client, home_page):
    response = client.get("/moje-szkolenia/")
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_lists_my_registrations_only_and_cancels_after_confirming(client, event_index, member):
    page = make_event(event_index, title="Fundusz sołecki – warsztat", sessions=[{}, {}])
    first, second = page.sessions.all()
    mine = do(register, first.pk, email_verified=True, user=member, **person(1, email=member.email))
    # A registration made as a guest with the same e-mail, before the account existed.
    guest = do(register, second.pk, email_verified=True, **person(2, email="OLA@example.pl"))
    do(register, first.pk, email_verified=True, **person(3))  # someone else's
    past = make_event(
        event_index,
        title="Regranting – zakończone",
        sessions=[{"starts_at": timezone.now() - datetime.timedelta(days=30)}],
    )
    old = Registration.objects.create(
        session=past.sessions.first(),
        email=member.email,
        first_name="Ola",
        last_name="Nowak",
        status=Status.ATTENDED,
        certificate_code="ABCD-EFGH",
    )
    client.force_login(member)

    html = client.get("/moje-szkolenia/").content.decode()
    assert html.count(">Fundusz sołecki – warsztat</a></h3>") == 2
    assert "osoba3@example.pl" not in html and "Kowalski3" not in html
    assert reverse("events:registration", args=[make_token(mine)]) in html
    assert reverse("events:registration_ics", args=[make_token(mine)]) in html
    assert "Regranting – zakończone" in html and "/certyfikat/ABCD-EFGH/pdf/" in html
    assert 'href="/moje-szkolenia/" aria-current="page"' in html  # in the header

    cancel_url = reverse("events:cancel", args=[make_token(guest)]) + "?from=mine"
    assert cancel_url.replace("&", "&amp;") in html
    confirm = client.get(cancel_url).content.decode()
    assert "Tak, anuluj moje zgłoszenie" in confirm and 'name="next" value="mine"' in confirm
    with do.__globals__["_capture"](execute=True):
        response = client.post(cancel_url.split("?")[0], {"next": "mine"})
    assert response["Location"] == "/moje-szkolenia/"
    guest.refresh_from_db()
    mine.refresh_from_db()
    old.refresh_from_db()
    assert guest.status == Status.CANCELLED and mine.status == Status.CONFIRMED
    assert old.status == Status.ATTENDED


def test_empty_lists_say_so(client, home_page, member):
    client.force_login(member)
    html = client.get("/moje-szkolenia/").content.decode()
    assert "Nie masz zgłoszeń na nadchodzące szkolenia." in html
    assert "Nie masz jeszcze zakończonych szkoleń." in html
