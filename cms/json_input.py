"""Strict JSON for request bodies: what Python's `json` accepts but nothing behind it can keep.

`json.loads` takes "\\ud800" (a lone surrogate, which no UTF-8 page or file can hold once
stored), "\\u0000" (refused by PostgreSQL's text and jsonb), 1e400 (infinity), NaN, integers of
thousands of digits and arrays nested until the parser's recursion limit (RecursionError). Every
endpoint that reads JSON from a request goes through `loads()`, which refuses all of them with
one exception, `InvalidJSON`, carrying a message for the person or the script that sent it.
"""

import json
import math
import re
from itertools import accumulate

from django.utils.translation import gettext_lazy as _

from cms.safe_text import is_clean

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
# The database's 64-bit integer; floats must be finite.
MAX_INT = 2**63 - 1
STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKET = re.compile(r"[\[\]{}]")
DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class InvalidJSON(ValueError):
    def __init__(self, message, code="json"):
        super().__init__(str(message))
        self.message = message
        self.code = code


def _number_out_of_range():
    return InvalidJSON(_("A number in the request is too large."), "number")


def _parse_int(text):
    if len(text.lstrip("-")) > 19:
        raise _number_out_of_range()
    number = int(text)
    if abs(number) > MAX_INT:
        raise _number_out_of_range()
    return number


def _parse_float(text):
    number = float(text)
    if not math.isfinite(number):
        raise _number_out_of_range()
    return number


def _refuse_constant(name):
    raise InvalidJSON(
        _("The request holds a value JSON does not allow (%(name)s).") % {"name": name}
    )


def depth(text: str) -> int:
    """How deeply arrays and objects nest in `text` (strings skipped), without parsing it."""
    brackets = BRACKET.findall(STRING.sub("", text))
    return max(accumulate(DEPTH_STEP[b] for b in brackets), default=0)


def _check_strings(value):
    if isinstance(value, str):
        if not is_clean(value):
            raise InvalidJSON(
                _("The request holds characters that cannot be stored (NUL or a lone surrogate)."),
                "characters",
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key)
            _check_strings(item)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item)


def loads(data, *, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH):
    """The JSON document in `data` (bytes as sent, or text), or InvalidJSON."""
    if len(data) > max_bytes:
        raise InvalidJSON(_("The request is too large."), "size")
    if isinstance(data, bytes | bytearray):
        try:
            # Python's UTF-8 decoder refuses encoded surrogates and overlong forms.
            data = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidJSON(_("The request is not valid UTF-8 text.")) from None
    if not is_clean(data):
        raise InvalidJSON(
            _("The request holds characters that cannot be stored (NUL or a lone surrogate)."),
            "characters",
        )
    if depth(data) > max_depth:
        raise InvalidJSON(_("The request nests too deeply."), "depth")
    try:
        value = json.loads(
            data,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_refuse_constant,
        )
    except InvalidJSON:
        raise
    except (ValueError, RecursionError):
        raise InvalidJSON(_("The request is not valid JSON.")) from None
    _check_strings(value)
    return value
