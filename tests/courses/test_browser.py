"""As a new participant would: sign up, confirm the e-mail, enrol in a demo course, learn over
two logins, finish, download the certificate and open its verification page. axe-core checks
each page type on the way."""

import io
import re

import pytest

from courses.models import CoursePage
from demo.content import courses as demo
from tests.conftest import assert_no_axe_violations

from . import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nowa.uczestniczka@example.pl"
PASSWORD = "Bardzo-dobre-haslo-2026"


def log_in(page, base, audit=False):
    page.goto(f"{base}/konto/login/")
    if audit:
        assert_no_axe_violations(page)
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/moje-kursy/$"))


def progress_text(page):
    return page.locator(".course-progress__text").first.inner_text()


def complete_current_lesson(page):
    page.click("form.complete-form button")
    page.wait_for_selector(".lesson-status--completed")


def test_new_participant_completes_a_course(page, live_server, home_page, mailoutbox):
    base = live_server.url
    index = factories.course_index(home_page)
    demo.load(home_page, {"kursy": index}, io.StringIO())
    course = CoursePage.objects.get(slug="regranting")

    # Sign up.
    page.goto(f"{base}/konto/signup/")
    assert_no_axe_violations(page)
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "Nowak")
    page.select_option("#id_organisation_type", "jst")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_selector("main [role=status]")
    assert_no_axe_violations(page)

    # Confirm the e-mail from the outbox.
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/\S+/)", mailoutbox[0].body).group(1)
    page.goto(base + link)
    assert_no_axe_violations(page)
    page.click("main form button[type=submit]")

    # First evening: log in, enrol, read three lessons.
    log_in(page, base, audit=True)
    assert_no_axe_violations(page)  # Moje kursy, empty
    page.goto(base + course.url)
    assert_no_axe_violations(page)  # course page, not enrolled
    page.click("form.enrol-form button")
    page.wait_for_selector(".course-progress")
    assert "0" in progress_text(page)
    page.click(".course-status a.button")
    assert_no_axe_violations(page)  # lesson page
    for _ in range(3):
        complete_current_lesson(page)
        page.click("a[rel=next]")
    page.goto(base + course.url)
    assert "3" in progress_text(page)
    page.locator("header .account-links form button").click()  # log out

    # Second evening: continue where left off, from Moje kursy.
    log_in(page, base)
    assert "3" in progress_text(page)
    page.click(".my-courses a.button")
    assert "Umowa regrantingowa" in page.locator("h1").inner_text()
    while True:
        if page.locator("form.complete-form").count():
            complete_current_lesson(page)
        if not page.locator("a[rel=next]").count():
            break
        page.click("a[rel=next]")

    # Finished: the certificate is in Moje kursy.
    page.goto(f"{base}/moje-kursy/")
    assert "100%" in progress_text(page)
    assert_no_axe_violations(page)
    with page.expect_download() as download_info:
        page.click("a[href$='/pdf/']")
    with open(download_info.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    page.click("text=/Verification page|Strona weryfikacji/")
    page.wait_for_selector("main [role=status]")
    assert "Regranting" in page.content()
    assert_no_axe_violations(page)
    # The certificate e-mail went out too.
    assert any(m.attachments for m in mailoutbox)

    # Profile page and an unknown certificate code.
    page.goto(f"{base}/konto/profil/")
    assert_no_axe_violations(page)
    response = page.goto(f"{base}/certyfikat/ABCDEFGHJKMNPQ/")
    assert response.status == 404
    assert_no_axe_violations(page)
