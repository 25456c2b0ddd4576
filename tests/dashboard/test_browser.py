""" "Moje dane" in a real browser: a participant logs in, looks at their data, tries to close
the account without confirming, then closes it; axe-core checks every page on the way."""

import datetime

import pytest
from allauth.account.models import EmailAddress

from tests.conftest import assert_no_axe_violations
from tests.dashboard.conftest import COMPLETE_JST, attend, complete_course, make_user


@pytest.mark.browser
def test_moje_dane_with_a_keyboard_and_axe(live_server, page, home_page, instruments):
    user = make_user(
        "ewa@example.pl", "Ewa", "Kamińska", gender="f", age_group="25-34", **COMPLETE_JST
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    complete_course(user, datetime.date(2026, 3, 1))
    attend(
        user.email,
        datetime.date(2026, 4, 1),
        user=user,
        first="Ewa",
        last="Kamińska",
        org="jst",
        voiv="12",
    )

    page.goto(f"{live_server.url}/konto/login/")
    page.fill("input[name=login]", "ewa@example.pl")
    page.fill("input[name=password]", "Haslo-testowe-123")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/moje-dane/")
    assert page.locator("h1").count() == 1
    assert "ewa@example.pl" in page.content()
    assert page.locator("table").count() >= 1
    assert_no_axe_violations(page)

    page.click("a[href$='/moje-dane/usun-konto/']")
    page.wait_for_url("**/moje-dane/usun-konto/")
    assert_no_axe_violations(page)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("#id_confirm_error").is_visible()
    assert page.get_attribute("#id_confirm", "aria-describedby") == "id_confirm_error"
    assert_no_axe_violations(page)

    page.focus("#id_confirm")
    page.keyboard.press("Space")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/moje-dane/konto-usuniete/")
    assert_no_axe_violations(page)
    user.refresh_from_db()
    assert not user.is_active
