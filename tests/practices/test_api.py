"""Machine-readable access: the practices endpoint with the catalogue's filters, api_fields."""

import pytest

from .factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    """The endpoint as the site serves it (registered in config/api.py)."""
    return "/api/v2/practices/"


def test_practices_with_filter_fields(api, client, catalogue_page, instruments):
    make_practice(
        catalogue_page,
        [instruments["male-granty"]],
        title="Granty w Łodzi",
        teryt="1061011",
        jst_type="miasto_na_prawach_powiatu",
    )
    make_practice(
        catalogue_page,
        [instruments["regranting"]],
        title="Regranting",
        teryt="3010033",
        jst_type="gmina_miejsko_wiejska",
    )
    data = client.get(api, {"fields": "*"}).json()
    assert data["meta"]["total_count"] == 2
    item = next(i for i in data["items"] if i["title"] == "Granty w Łodzi")
    assert item["voivodeship"] == "10"
    assert item["instruments"] == [
        {"id": instruments["male-granty"].pk, "slug": "male-granty", "name": "małe granty"}
    ]
    assert item["jst_type_label"]["value"] == "miasto_na_prawach_powiatu"

    data = client.get(api, {"instrument": "male-granty", "q": "lodz"}).json()
    assert [i["title"] for i in data["items"]] == ["Granty w Łodzi"]
    data = client.get(api, {"woj": "30"}).json()
    assert [i["title"] for i in data["items"]] == ["Regranting"]


def test_unknown_filter_values_do_not_break_the_api(api, client, catalogue_page, instruments):
    make_practice(catalogue_page, [instruments["male-granty"]])
    response = client.get(api, {"woj": "99", "year_from": "abc", "q": "x" * 5000})
    assert response.status_code == 200
