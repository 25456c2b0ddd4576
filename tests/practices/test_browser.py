"""A visitor filters the catalogue, opens a practice and its instrument's guide; axe-core finds
no WCAG 2.1 A/AA violations on the catalogue (with filters applied), practice and guide pages."""

import pytest

from tests.conftest import assert_no_axe_violations

from .factories import make_guide, make_practice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_catalogue_practice_and_guide_are_usable_and_accessible(
    live_server, page, catalogue_page, guide_index, instruments
):
    small = instruments["male-granty"]
    make_guide(guide_index, small)
    make_practice(
        catalogue_page,
        [small],
        title="Małe granty w Łodzi-Przykładowie",
        jst_name="Miasto Przykładowo Łódzkie",
        jst_type="miasto_na_prawach_powiatu",
        teryt="1061011",
        editor_note="Przykład demonstracyjny.",
    )
    make_practice(catalogue_page, [instruments["regranting"]], title="Regranting w Zielonce")

    page.goto(live_server.url + catalogue_page.url)
    page.locator("#f-q").fill("lodz")
    page.locator("#f-instrument-0").check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**q=lodz**")
    assert "instrument=male-granty" in page.url
    status = page.locator("[role=status]#result-count")
    assert "1" in status.inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Małe granty w Łodzi-Przykładowie").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Małe granty w Łodzi-Przykładowie"
    assert_no_axe_violations(page)

    page.get_by_role("link", name=small.name).first.click()
    page.wait_for_load_state()
    assert "instrumenty" in page.url
    assert_no_axe_violations(page)

    page.go_back()
    page.go_back()
    page.wait_for_url("**q=lodz**")
    assert page.locator("#f-q").input_value() == "lodz"
