"""Every export defuses spreadsheet formulas typed by people (one rule, cms/spreadsheets.py)."""

import csv
import datetime
import io

import openpyxl
import pytest

from cms.spreadsheets import CONTENT_TYPES, defuse_formula, download, file_bytes


@pytest.mark.parametrize(
    "typed", ['=HYPERLINK("http://x")', "+48 12 000", "-1+1", "@SUM(A1)", "\tx", "\r=1"]
)
def test_text_that_a_spreadsheet_would_run_is_shown_as_text(typed):
    assert defuse_formula(typed) == "'" + typed


@pytest.mark.parametrize("value", ["Gmina Zielona Dolina", "", 12, 3.5, None])
def test_everything_else_passes_unchanged(value):
    assert defuse_formula(value) == value


def _sheets():
    return [
        ("Podsumowanie", [["Uczestnicy", 2]]),
        ("Uczestnicy", [["Imię", "Wynik", "Data"], ["=2+2", 7.5, datetime.date(2026, 11, 26)]]),
    ]


def test_csv_has_a_bom_semicolons_and_each_sheet_as_a_table_after_an_empty_row():
    text = file_bytes(_sheets(), "csv").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [
        ["Uczestnicy", "2"],
        [],
        ["Imię", "Wynik", "Data"],
        ["'=2+2", "7.5", "2026-11-26"],
    ]


def test_xlsx_has_one_worksheet_per_sheet_with_typed_numbers_and_defused_text():
    workbook = openpyxl.load_workbook(io.BytesIO(file_bytes(_sheets(), "xlsx")))
    assert workbook.sheetnames == ["Podsumowanie", "Uczestnicy"]
    rows = list(workbook["Uczestnicy"].iter_rows(values_only=True))
    assert rows[1][0] == "'=2+2"
    assert rows[1][1] == 7.5
    assert rows[1][2].date() == datetime.date(2026, 11, 26)


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        file_bytes(_sheets(), "ods")


def test_download_names_the_file_and_its_type():
    response = download(_sheets(), "xlsx", "raport")
    assert response["Content-Disposition"] == 'attachment; filename="raport.xlsx"'
    assert response["Content-Type"] == CONTENT_TYPES["xlsx"]


def test_a_sheet_title_excel_would_refuse_is_cleaned():
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            file_bytes([("Regranting: krok [1/2] po kroku, część pierwsza", [["a"]])], "xlsx")
        )
    )
    assert workbook.sheetnames == ["Regranting  krok  1 2  po kroku"]
