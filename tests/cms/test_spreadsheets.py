"""Every export defuses spreadsheet formulas typed by people (one rule, cms/spreadsheets.py)."""

import pytest

from cms.spreadsheets import defuse_formula


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x")', "+48 12 000", "-1+1", "@SUM(A1)", "\tx", "\r=1"]
)
def test_text_that_a_spreadsheet_would_run_is_shown_as_text(typed):
    assert defuse_formula(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Gmina Zielona Dolina", "", 12, 3.5, None])
def test_everything_else_passes_unchanged(value):
    assert defuse_formula(value) == value
