"""The TERYT validator (cms/teryt.py) as the catalogue uses it: good and bad codes per JST type,
and the województwo derived on save."""

import pytest
from django.core.exceptions import ValidationError

from cms.teryt import JstType, validate_teryt, voivodeship_from_teryt
from practices.models import PracticePage


@pytest.mark.parametrize(
    ("code", "jst_type", "normalised"),
    [
        ("1206052", JstType.RURAL, "1206052"),
        ("12 06 05 2", JstType.RURAL, "1206052"),
        ("3010033", JstType.URBAN_RURAL, "3010033"),
        ("0201011", JstType.URBAN, "0201011"),
        ("1261011", JstType.CITY_COUNTY, "1261011"),
        ("1206", JstType.POWIAT, "1206"),
        ("12", JstType.VOIVODESHIP, "12"),
    ],
)
def test_good_codes(code, jst_type, normalised):
    assert validate_teryt(code, jst_type) == normalised


@pytest.mark.parametrize(
    ("code", "jst_type", "reason"),
    [
        ("", JstType.RURAL, "format"),
        ("12O6052", JstType.RURAL, "format"),
        ("120605", JstType.RURAL, "length"),
        ("1306052", JstType.RURAL, "voivodeship"),
        ("3406052", JstType.RURAL, "voivodeship"),
        ("1200052", JstType.RURAL, "powiat"),
        ("1206002", JstType.RURAL, "gmina"),
        ("1206056", JstType.RURAL, "type"),
        ("1206051", JstType.RURAL, "type_digit"),
        ("1206052", JstType.URBAN_RURAL, "type_digit"),
        ("1206011", JstType.CITY_COUNTY, "city_county"),
        ("1206052", JstType.POWIAT, "type_length"),
        ("1206", JstType.VOIVODESHIP, "type_length"),
    ],
)
def test_bad_codes(code, jst_type, reason):
    with pytest.raises(ValidationError) as excinfo:
        validate_teryt(code, jst_type)
    assert excinfo.value.code == reason


@pytest.mark.django_db
def test_voivodeship_is_derived():
    assert voivodeship_from_teryt("1061011") == "10"
    assert voivodeship_from_teryt("99") == ""
    page = PracticePage(
        title="X", teryt="2212", jst_type="powiat", benefit_area="inne", start_year=2020
    )
    page.refresh_catalogue_fields(instruments=[], partner_names=[])
    assert page.voivodeship == "22"
    assert "pomorskie" in page.search_text


@pytest.mark.django_db
def test_practice_clean_reports_teryt_against_the_type():
    page = PracticePage(
        title="X",
        lead="L",
        jst_name="G",
        jst_type="gmina_miejska",
        teryt="1206052",
        benefit_area="inne",
        start_year=2020,
    )
    with pytest.raises(ValidationError) as excinfo:
        page.clean()
    assert "teryt" in excinfo.value.message_dict
