"""Editors' import (dry run, all-or-nothing) and the export of the filtered catalogue."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from practices import exchange
from practices.models import PracticePage

from .factories import make_practice

pytestmark = pytest.mark.django_db

HEADER = [
    "title",
    "lead",
    "jst_name",
    "jst_type",
    "teryt",
    "instruments",
    "benefit_area",
    "start_year",
    "budget_total",
    "partners",
    "problem",
]
GOOD = [
    [
        "Małe granty w Zielonce",
        "Opis.",
        "Gmina Zielonka",
        "gmina_wiejska",
        "1206052",
        "male-granty",
        "kultura",
        "2022",
        "15 000,50",
        "Fundacja A (KRS 0000123456); Stowarzyszenie B",
        "Brak środków.",
    ],
    [
        "Regranting w Łodzi",
        "Opis.",
        "Miasto Łódź",
        "miasto na prawach powiatu",
        "1061011",
        "regranting; małe granty",
        "edukacja",
        "2019",
        "",
        "",
        "",
    ],
]
BAD = [
    [
        "",
        "Opis.",
        "Gmina X",
        "gmina_wiejska",
        "1206052",
        "male-granty",
        "kultura",
        "2022",
        "",
        "",
        "",
    ],
    [
        "Zły TERYT",
        "Opis.",
        "Gmina Y",
        "gmina_wiejska",
        "1206051",
        "male-granty",
        "kultura",
        "2022",
        "",
        "",
        "",
    ],
    [
        "Zły instrument",
        "Opis.",
        "Gmina Z",
        "gmina_wiejska",
        "1206052",
        "dotacja-kosmiczna",
        "kultura",
        "2022",
        "",
        "",
        "",
    ],
    [
        "Zły budżet",
        "Opis.",
        "Gmina W",
        "gmina_wiejska",
        "1206052",
        "male-granty",
        "kultura",
        "2022",
        "sto tysięcy",
        "",
        "",
    ],
]


def csv_file(rows, name="praktyki.csv", delimiter=";"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([HEADER, *rows])
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"), content_type="text/csv")


def xlsx_file(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("praktyki.xlsx", buffer.getvalue())


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.pl", "pw"))
    return client


def post(editor_client, catalogue_page, upload, action):
    return editor_client.post(
        "/admin/praktyki/import/",
        {"file": upload, "parent": catalogue_page.pk, "publish": "on", action: "1"},
    )


def test_dry_run_lists_every_bad_row_with_its_number_and_reason(
    editor_client, catalogue_page, instruments
):
    response = post(editor_client, catalogue_page, csv_file([GOOD[0], *BAD]), "dry_run")
    assert response.status_code == 200
    errors = response.context["report"].errors
    rows = dict(errors)
    assert set(rows) == {3, 4, 5, 6}
    assert "title" in rows[3]
    assert "TERYT" in rows[4]
    assert "dotacja-kosmiczna" in rows[5]
    assert "budget_total" in rows[6]
    assert not PracticePage.objects.exists()


def test_dry_run_of_a_good_file_writes_nothing(editor_client, catalogue_page, instruments):
    response = post(editor_client, catalogue_page, xlsx_file(GOOD), "dry_run")
    assert response.context["report"].ok
    assert not PracticePage.objects.exists()


def test_import_is_all_or_nothing(editor_client, catalogue_page, instruments):
    response = post(editor_client, catalogue_page, csv_file([*GOOD, BAD[1]]), "import")
    assert response.status_code == 200
    assert response.context["report"].errors
    assert not PracticePage.objects.exists()


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_import_of_a_good_file_creates_published_practices(
    editor_client, catalogue_page, instruments, make
):
    response = post(editor_client, catalogue_page, make(GOOD), "import")
    assert response.status_code == 200
    assert response.context["report"].ok
    practices = {p.title: p for p in PracticePage.objects.live()}
    assert set(practices) == {"Małe granty w Zielonce", "Regranting w Łodzi"}
    small = practices["Małe granty w Zielonce"]
    assert str(small.budget_total) == "15000.50"
    assert small.voivodeship == "12"
    assert [p.krs for p in small.partners.all()] == ["0000123456", ""]
    lodz = practices["Regranting w Łodzi"]
    assert lodz.jst_type == "miasto_na_prawach_powiatu"
    assert {i.slug for i in lodz.instruments.all()} == {"regranting", "male-granty"}


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.txt", b"abc"), ".csv"),
        (SimpleUploadedFile("x.xlsx", b"not a zip"), "XLSX"),
        (SimpleUploadedFile("x.csv", b"foo;bar\n1;2\n"), "foo"),
        (SimpleUploadedFile("x.csv", b""), ""),
    ],
)
def test_unreadable_files_get_a_clear_message(
    editor_client, catalogue_page, instruments, upload, message
):
    response = post(editor_client, catalogue_page, upload, "dry_run")
    assert response.status_code == 200
    if upload.size:
        assert message in response.context["file_error"]
    else:
        assert response.context["form"].errors  # Django refuses an empty file


def test_import_needs_the_admin(client, catalogue_page, instruments):
    response = client.get("/admin/praktyki/import/")
    assert response.status_code == 302


def test_export_of_the_filtered_catalogue_round_trips(client, catalogue_page, instruments):
    make_practice(
        catalogue_page, [instruments["male-granty"]], title="=Groźna formuła", teryt="1206052"
    )
    make_practice(
        catalogue_page,
        [instruments["regranting"]],
        title="Inna",
        teryt="3010033",
        jst_type="gmina_miejsko_wiejska",
    )
    response = client.get(catalogue_page.url + "eksport/csv/", {"instrument": "male-granty"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == exchange.COLUMNS
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["title"] == "'=Groźna formuła"  # formulas are defused
    assert record["instruments"] == "male-granty"
    assert record["voivodeship"] == "12"

    response = client.get(catalogue_page.url + "eksport/xlsx/", {"woj": "30"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 2 and values[1][0] == "Inna"


def test_export_of_unknown_format_is_404(client, catalogue_page):
    assert client.get(catalogue_page.url + "eksport/pdf/").status_code == 404


def test_admin_listings_of_instruments_and_proposals(editor_client, instruments):
    assert editor_client.get("/admin/snippets/practices/instrument/").status_code == 200
    assert editor_client.get("/admin/snippets/practices/practiceproposal/").status_code == 200
    assert editor_client.get("/admin/praktyki/import/").status_code == 200
