"""A new visitor, in headless Chromium: signs up on the home page, confirms from the e-mail,
receives an issue, manages lists and unsubscribes; axe-core checks every page on the way."""

import re

import pytest

from newsletter.models import Subscriber
from newsletter.sending.dispatch import create_dispatch
from tests.conftest import assert_no_axe_violations


def link_in(text, fragment):
    return re.search(r"https?://[^\s\"<>]+" + re.escape(fragment) + r"[^\s\"<>]*", text).group(0)


@pytest.mark.browser
def test_new_visitor_signs_up_confirms_receives_and_unsubscribes(
    live_server, page, issue, lists, settings, mailoutbox
):
    settings.BASE_URL = live_server.url
    page.goto(live_server.url + "/")
    form = page.locator("form[action='/subskrypcja/zapis/']").first
    # Submitting with nothing filled in: errors named and linked to their fields.
    form.get_by_role("button", name="Zapisz się").click()
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_no_axe_violations(page)  # the signup page with errors

    form = page.locator("form[action='/subskrypcja/zapis/']").first
    form.get_by_label("Twój adres e-mail").fill("nowa.osoba@example.pl")
    form.get_by_label("Samorządy (JST)").check()
    form.get_by_label("Zgadzam się", exact=False).check()
    form.get_by_role("button", name="Zapisz się").click()
    page.get_by_role("heading", name="Sprawdź skrzynkę").wait_for()
    assert_no_axe_violations(page)

    (confirmation,) = mailoutbox
    page.goto(link_in(confirmation.body, "/subskrypcja/potwierdz/"))
    assert_no_axe_violations(page)  # the confirmation page
    assert Subscriber.objects.get().status == "pending"
    page.get_by_role("button", name="Potwierdzam").click()
    page.get_by_role("heading", name="Zapis potwierdzony").wait_for()
    assert Subscriber.objects.get().status == "confirmed"

    create_dispatch(issue, [lists[0]])
    newsletter = mailoutbox[-1]
    assert newsletter.to == ["nowa.osoba@example.pl"] and newsletter.subject == issue.title
    assert newsletter.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = newsletter.alternatives[0][0]

    page.goto(link_in(html, "/subskrypcja/ustawienia/"))
    assert_no_axe_violations(page)  # the preferences page
    page.get_by_label("Organizacje (NGO)").check()
    page.get_by_role("button", name="Zapisz").click()
    page.get_by_text("Zapisaliśmy Twój wybór.").wait_for()
    assert Subscriber.objects.get().lists.count() == 2

    page.goto(link_in(html, "/subskrypcja/wypisz/"))
    assert_no_axe_violations(page)  # the unsubscribe page
    page.get_by_role("button", name="Wypisz mnie").click()
    page.get_by_role("heading", name="Wypisano Cię z newslettera").wait_for()
    assert_no_axe_violations(page)
    assert Subscriber.objects.get().status == "unsubscribed"
