"""Signed player URLs on the H5P origin."""

from datetime import date

from django.core import signing
from django.urls import reverse

from h5p import conf

# The H5P origin has no session: a participant's page hands out URLs signed for one package
# and lesson, valid for a day or two, so package files are not public by guessable ids.

_signer = signing.Signer(salt="h5p.player")


def _today() -> int:
    return date.today().toordinal()


def make_token(package_id: int, lesson_id: int) -> str:
    return _signer.sign(f"{package_id}.{lesson_id}.{_today()}")


def read_token(token: str):
    """(package_id, lesson_id) from a valid token, or None."""
    try:
        value = _signer.unsign(token)
        package_id, lesson_id, day = (int(x) for x in value.split("."))
    except (signing.BadSignature, ValueError):
        return None
    if not 0 <= _today() - day <= conf.url_max_age_days():
        return None
    return package_id, lesson_id


def player_url(package_id: int, lesson_id: int) -> str:
    path = reverse(
        "h5p-player", urlconf="h5p.origin_urls", kwargs={"token": make_token(package_id, lesson_id)}
    )
    return conf.h5p_origin() + path
