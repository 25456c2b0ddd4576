"""A newcomer's path through a training, in a real browser: find it, register as a guest,
confirm from the e-mail, download the invite, cancel – and the seat goes to the next person."""

import datetime
import re

import pytest
from django.utils import timezone

from events.models import Registration, Status
from events.registration import register
from tests.conftest import assert_no_axe_violations

from .conftest import add_consent, add_question, make_event, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_guest_registers_confirms_downloads_and_cancels(
    live_server, page, event_index, mailoutbox, settings
):
    settings.BASE_URL = live_server.url
    event = make_event(
        event_index,
        title="Małe granty w praktyce",
        sessions=[{"capacity": 1, "starts_at": timezone.now() + datetime.timedelta(days=20)}],
    )
    make_event(
        event_index,
        title="Szkolenie archiwalne",
        sessions=[{"starts_at": timezone.now() - datetime.timedelta(days=20)}],
    )
    add_question(event, label="Potrzeby dotyczące dostępności", required=False)
    add_consent(event)
    session = event.sessions.get()

    page.goto(live_server.url + event_index.url)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Małe granty w praktyce").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^(Zapisz się|Register)")).first.click()
    assert_no_axe_violations(page)

    page.get_by_label(re.compile("^(Imię|First name)")).fill("Ewa")
    page.get_by_label(re.compile("^(Nazwisko|Last name)")).fill("Testowa")
    page.get_by_label(re.compile("^(E-mail)")).fill("ewa.testowa@example.pl")
    page.get_by_label(re.compile("^(Organizacja|Organisation)")).first.fill("Fundacja Próbna")
    page.get_by_label(re.compile("^(Typ organizacji|Organisation type)")).select_option("ngo")
    page.get_by_label(re.compile("Potrzeby dotyczące dostępności")).fill("pętla indukcyjna")
    page.get_by_label(re.compile("Zgadzam się")).check()
    page.get_by_role("button", name=re.compile("^(Zapisz się|Register)$")).click()
    page.wait_for_selector("#registration-status")

    # The confirmation e-mail: opening its link changes nothing until the button is pressed.
    message = mailoutbox[-1]
    assert message.to == ["ewa.testowa@example.pl"]
    link = re.search(r"http\S+/wydarzenia/zgloszenie/\S+/", message.body).group(0)
    page.goto(link)
    assert Registration.objects.get(email="ewa.testowa@example.pl").status == Status.PENDING
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("(Potwierdzam|Confirm)")).click()
    page.wait_for_selector("#registration-status")
    assert Registration.objects.get(email="ewa.testowa@example.pl").status == Status.CONFIRMED

    # Someone else arrives: the only seat is taken, so they wait.
    waiting = register(session.pk, email_verified=True, **person(9))
    assert waiting.status == Status.WAITLISTED

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("(kalendarz|calendar)", re.I)).click()
    with open(download.value.path(), "rb") as f:
        content = f.read().decode()
    assert "METHOD:REQUEST" in content and "BEGIN:VTIMEZONE" in content

    # Cancelling takes two steps: the link, then the confirmation page's button.
    page.get_by_role("link", name=re.compile("(Rezygnuję|Cancel my registration)")).click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("(Tak, anuluj|Yes, cancel)")).click()
    page.wait_for_selector("#registration-status")
    assert Registration.objects.get(email="ewa.testowa@example.pl").status == Status.CANCELLED
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert any("osoba9@example.pl" in m.to for m in mailoutbox)
