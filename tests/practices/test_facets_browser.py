"""The catalogue's facets apply on change: ticking an instrument reloads the results filtered and
gives the focus back to that checkbox; the page says so before anything is ticked. Without
JavaScript nothing changes on its own and "Pokaż praktyki" applies the filters."""

import pytest

from .factories import make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_practices(catalogue_page, instruments):
    make_practice(catalogue_page, [instruments["male-granty"]], title="Małe granty w Wadowicach")
    make_practice(catalogue_page, [instruments["regranting"]], title="Regranting w Zielonce")


def result_titles(tab):
    return tab.locator(".practice-list h3").all_inner_texts()


def test_ticking_an_instrument_applies_it_and_keeps_the_focus(
    live_server, page, catalogue_page, two_practices
):
    page.goto(live_server.url + catalogue_page.url)
    note = page.locator("#filters-apply-note")
    assert note.is_visible() and "od razu" in note.inner_text()
    assert page.locator("form.filters button[type=submit]").is_visible()
    assert len(result_titles(page)) == 2

    with page.expect_navigation():
        page.locator("#f-instrument-1").check()  # regranting
    assert "instrument=regranting" in page.url
    assert result_titles(page) == ["Regranting w Zielonce"]
    assert page.locator("#f-instrument-1").is_checked()
    assert page.evaluate("document.activeElement.id") == "f-instrument-1"

    with page.expect_navigation():
        page.locator("#f-sort").select_option(index=1)
    assert "sort=" in page.url and "instrument=regranting" in page.url
    assert page.evaluate("document.activeElement.id") == "f-sort"

    # A later plain visit does not steal the focus.
    page.goto(live_server.url + catalogue_page.url)
    assert page.evaluate("document.activeElement.id") != "f-sort"


def test_without_javascript_the_button_applies_the_filters(
    live_server, browser, catalogue_page, two_practices
):
    context = browser.new_context(java_script_enabled=False, locale="pl-PL")
    tab = context.new_page()
    try:
        tab.goto(live_server.url + catalogue_page.url)
        assert not tab.locator("#filters-apply-note").is_visible()
        tab.locator("#f-instrument-0").check()
        tab.wait_for_timeout(300)
        assert "instrument" not in tab.url  # nothing happened on its own
        tab.locator("form.filters button[type=submit]").click()
        tab.wait_for_url("**instrument=male-granty**")
        assert result_titles(tab) == ["Małe granty w Wadowicach"]
    finally:
        context.close()
