"""TERYT (TERC) codes of Polish local governments: the shared vocabulary of places.

A gmina code has 7 digits `WW PP GG R`: WW the województwo (even, 02-32), PP the powiat
(01-60 ordinary, 61-99 a city with county rights), GG the gmina, R its type. A powiat is `WWPP`,
a województwo `WW`. Used by practices (catalogue entries), accounts (a JST official's unit) and
the dashboard (supported JSTs).
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.collation import polish_key

VOIVODESHIPS = {
    "02": "dolnośląskie",
    "04": "kujawsko-pomorskie",
    "06": "lubelskie",
    "08": "lubuskie",
    "10": "łódzkie",
    "12": "małopolskie",
    "14": "mazowieckie",
    "16": "opolskie",
    "18": "podkarpackie",
    "20": "podlaskie",
    "22": "pomorskie",
    "24": "śląskie",
    "26": "świętokrzyskie",
    "28": "warmińsko-mazurskie",
    "30": "wielkopolskie",
    "32": "zachodniopomorskie",
}
VOIVODESHIP_CHOICES = sorted(VOIVODESHIPS.items(), key=lambda item: polish_key(item[1]))


class JstType(models.TextChoices):
    URBAN = "gmina_miejska", _("urban gmina")
    RURAL = "gmina_wiejska", _("rural gmina")
    URBAN_RURAL = "gmina_miejsko_wiejska", _("urban-rural gmina")
    CITY_COUNTY = "miasto_na_prawach_powiatu", _("city with county rights")
    POWIAT = "powiat", _("powiat")
    VOIVODESHIP = "wojewodztwo", _("województwo")


# The gmina type digit (R) each JST type must carry. A city with county rights is an urban gmina
# (R = 1) in a powiat numbered 61-99.
_GMINA_TYPE_DIGITS = {
    JstType.URBAN: "1",
    JstType.RURAL: "2",
    JstType.URBAN_RURAL: "3",
    JstType.CITY_COUNTY: "1",
}
_CODE_LENGTHS = {JstType.POWIAT: 4, JstType.VOIVODESHIP: 2}

_DIGITS = re.compile(r"^\d+$")


def normalise_teryt(code):
    """Accept the usual spellings ("12 61 01 1", "1261011") and return digits only."""
    return re.sub(r"[\s-]", "", code or "")


def validate_teryt(code, jst_type=None):
    """Raise ValidationError naming what is wrong; return the normalised code when it is valid.

    Without `jst_type` only the format is checked; with it, the length and the type digit must
    also match the kind of local government."""
    code = normalise_teryt(code)
    if not code or not _DIGITS.match(code):
        raise ValidationError(_("A TERYT code has digits only, e.g. 1261011."), code="format")
    if len(code) not in (2, 4, 7):
        raise ValidationError(
            _("A TERYT code has 7 digits for a gmina, 4 for a powiat or 2 for a województwo."),
            code="length",
        )
    if code[:2] not in VOIVODESHIPS:
        raise ValidationError(
            _("%(ww)s is not a województwo code (even numbers 02–32).") % {"ww": code[:2]},
            code="voivodeship",
        )
    if len(code) >= 4 and not 1 <= int(code[2:4]) <= 99:
        raise ValidationError(_("The powiat part must be 01–99."), code="powiat")
    if len(code) == 7:
        if code[4:6] == "00":
            raise ValidationError(_("The gmina part must not be 00."), code="gmina")
        if code[6] not in "1234589":
            raise ValidationError(
                _("The last digit (gmina type) must be 1, 2, 3, 4, 5, 8 or 9."), code="type"
            )
    if jst_type:
        expected_length = _CODE_LENGTHS.get(jst_type, 7)
        if len(code) != expected_length:
            raise ValidationError(
                _("A %(type)s has a %(n)s-digit TERYT code.")
                % {"type": JstType(jst_type).label, "n": expected_length},
                code="type_length",
            )
        digit = _GMINA_TYPE_DIGITS.get(jst_type)
        if digit and code[6] != digit:
            raise ValidationError(
                _("The type digit %(got)s does not match a %(type)s (expected %(want)s).")
                % {"got": code[6], "type": JstType(jst_type).label, "want": digit},
                code="type_digit",
            )
        if jst_type == JstType.CITY_COUNTY and int(code[2:4]) < 61:
            raise ValidationError(
                _("A city with county rights has a powiat number 61–99."), code="city_county"
            )
    return code


def voivodeship_from_teryt(code):
    """The województwo code (WW) of a valid TERYT code, or "" when it cannot be told."""
    code = normalise_teryt(code)
    return code[:2] if code[:2] in VOIVODESHIPS else ""
