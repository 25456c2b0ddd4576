"""As a participant would, in Chromium: open the path, find the workshop closed with the reason
and a link to the course, complete the course, register for the workshop, and (once attendance
is recorded) download the path certificate. axe-core checks the path pages on the way."""

import re

import pytest
from allauth.account.models import EmailAddress

from certificates.models import Certificate
from events.attendance import mark_attendance
from events.models import Registration
from tests.conftest import assert_no_axe_violations
from tests.courses import factories

from .conftest import make_path

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Haslo-testowe-123"


def test_participant_walks_the_path_to_its_certificate(
    page, live_server, home_page, course, trainings
):
    base = live_server.url
    workshop, consultations = trainings
    path = make_path(
        home_page,
        [
            ("course", course, True, False),
            ("training", workshop, True, True),
            ("training", consultations, False, False),
        ],
    )
    person = factories.user("anna.nowak@example.pl")
    EmailAddress.objects.create(user=person, email=person.email, verified=True, primary=True)

    # The path's index and page, before logging in.
    page.goto(base + path.get_parent().url)
    assert_no_axe_violations(page)
    page.get_by_role("link", name=path.title).click()
    assert page.locator("h1").inner_text() == path.title
    assert_no_axe_violations(page)

    page.goto(f"{base}/konto/login/")
    page.fill("#id_login", person.email)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/moje-kursy/$"))

    # The path page shows the next step; the workshop is closed and says why.
    page.goto(base + path.url)
    assert "Wymagane kroki: 0 z 2" in page.locator(".path-place").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Warsztat: małe granty").click()
    box = page.locator(".event-requirements")
    assert "ukończ kurs online „małe granty”" in box.inner_text().lower()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile(r"^Zapisz się")).first.click()
    assert page.locator(".event-requirements").count() == 1
    assert page.locator("form.registration-form").count() == 0

    # The link leads to the course: enrol and complete both lessons.
    page.locator(".event-requirements a", has_text="Ukończ kurs online").click()
    page.click("form.enrol-form button")
    page.wait_for_selector(".course-progress")
    page.click(".course-status a.button")
    for _ in range(2):
        page.click("form.complete-form button")
        page.wait_for_selector(".lesson-status--completed")
        if page.locator("a[rel=next]").count():
            page.click("a[rel=next]")

    # "Moje kursy" shows the path and the workshop as the next step.
    page.goto(f"{base}/moje-kursy/")
    paths_box = page.locator(".my-paths")
    assert path.title in paths_box.inner_text()
    assert "Weź udział w szkoleniu „Warsztat: małe granty”" in paths_box.inner_text()
    assert_no_axe_violations(page)

    # Now the workshop takes the registration.
    paths_box.get_by_role("link", name=re.compile("Warsztat")).first.click()
    assert page.locator(".event-requirements").count() == 0
    page.get_by_role("link", name=re.compile(r"^Zapisz się")).first.click()
    form = page.locator("form.registration-form")
    for field in form.locator("[required]").all():
        kind = field.get_attribute("type")
        if kind == "checkbox" and not field.is_checked():
            field.check()
        elif field.evaluate("e => e.tagName") == "SELECT" and not field.input_value():
            field.select_option(index=1)
        elif kind not in ("checkbox", "hidden") and not field.input_value():
            field.fill("Brak")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    registration = Registration.objects.get(user=person, session__page=workshop)

    # Staff record the attendance; the path certificate follows.
    mark_attendance(registration, True)
    certificate = Certificate.objects.get(kind=Certificate.Kind.PATH, user=person)
    page.goto(base + path.url)
    assert "Wykonano wszystkie wymagane kroki" in page.locator(".path-place").inner_text()
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Pobierz zaświadczenie ukończenia ścieżki (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("link", name="Strona weryfikacji").click()
    assert certificate.register_number in page.locator("main").inner_text()
    assert page.csp_violations == []
