"""Every kind of registration e-mail through a real SMTP server, parsed back: the subject and the
calendar invite keep a title with a dash and Polish letters, the invite parses with icalendar,
the join link reaches only the confirmed participant, the registration link opens."""

import pytest
from icalendar import Calendar

from events.models import Status
from events.notifications import send_registration_email
from events.registration import move_registration, register
from tests.events.conftest import do, make_event, person

pytestmark = pytest.mark.django_db

TITLE = "Fundusz sołecki – warsztaty dla gmin"
JOIN = "https://spotkanie.example.pl/mwf-fundusz"

# kind -> calendar method expected in the message (None: no invite attached)
KINDS = {
    "pending": None,
    "approval": None,
    "confirmed": "REQUEST",
    "waitlisted": None,
    "offered": None,
    "offer_expired": None,
    "reminder": "REQUEST",
    "changed": "REQUEST",
    "moved": "REQUEST",
    "cancelled": "CANCEL",
    "session_cancelled": "CANCEL",
    "certificate": None,
}


@pytest.fixture
def online_session(event_index):
    page = make_event(event_index, title=TITLE, sessions=[{"online": True, "join_url": JOIN}])
    return page.sessions.first()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_registration_message_arrives_whole(kind, online_session, smtp_inbox, client):
    registration = do(register, online_session.pk, email_verified=True, **person(1))
    assert registration.status == Status.CONFIRMED
    smtp_inbox.clear()

    assert send_registration_email(registration.pk, kind)

    message = smtp_inbox.only()
    assert message.recipients == ["osoba1@example.pl"]
    assert TITLE in message.subject
    assert TITLE in message.text and TITLE in message.html
    invites = message.attachments("text/calendar")
    method = KINDS[kind]
    if method is None:
        assert invites == []
    else:
        ((filename, _type, data),) = invites
        assert filename == "zaproszenie.ics"
        assert message.part_params("text/calendar")["method"] == method
        calendar = Calendar.from_ical(data)
        assert str(calendar["method"]) == method
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["summary"]) == TITLE
        assert str(vevent["attendee"]) == "mailto:osoba1@example.pl"
    # The online join link goes only with a confirmed seat's messages.
    assert (JOIN in message.text) == (kind in ("confirmed", "reminder", "changed", "moved"))
    # The personal link in the message opens the registration.
    link = next(word for word in message.text.split() if "/wydarzenia/zgloszenie/" in word)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert client.get(path).status_code == 200


def test_moved_registration_cancels_the_old_invite_and_sends_the_new(event_index, smtp_inbox):
    page = make_event(event_index, title=TITLE, sessions=[{}, {}])
    first, second = page.sessions.all()
    registration = do(register, first.pk, email_verified=True, **person(2))
    smtp_inbox.clear()

    do(move_registration, registration, second)

    message = smtp_inbox.only()
    methods = sorted(
        str(Calendar.from_ical(data)["method"])
        for _name, _type, data in message.attachments("text/calendar")
    )
    assert methods == ["CANCEL", "REQUEST"]


def test_guest_registration_sends_the_confirmation_request(online_session, smtp_inbox):
    do(
        register,
        online_session.pk,
        email_verified=False,
        **person(3, last_name="Żółkiewska"),
    )

    message = smtp_inbox.only()
    assert "Żółkiewska" in message.text or TITLE in message.subject
    assert JOIN not in message.text
    assert message.attachments("text/calendar") == []
