"""Hypothesis strategies and helpers shared by the property tests of hostile input: arbitrary
text (NUL, lone surrogates, quotes, operators included), numbers of any size, and requests
encoded as an attacker can send them (raw bytes, not what a polite client would build)."""

import json
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# 25 examples per endpoint keep `make test` short; `deadline=None`: a request's time varies
# with the machine's load, which says nothing about the input. No example database in the
# repository.
settings.register_profile(
    "input",
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
INPUT = settings.get_profile("input")

SPECIAL = [
    "",
    "\x00",
    "\ud800",
    "a\udfffb",
    '"',
    "'",
    "NEAR(",
    "a AND OR NOT b",
    "*",
    "-1",
    "0",
    "1e400",
    "NaN",
    "-Infinity",
    str(2**63),
    str(2**64),
    "9" * 5000,
    "²",
    "١٢",
    "%00",
    "<script>",
]
any_text = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(st.characters(exclude_categories=()), max_size=40),
)
any_number = st.one_of(
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
any_value = st.one_of(any_text, any_number)


def encode(params):
    """`params` ({name: value or [values]}) as a URL-encoded string, surrogates and all."""
    pairs = []
    for name, values in params.items():
        for value in values if isinstance(values, list) else [values]:
            pairs.append(_quote(name) + "=" + _quote(value))
    return "&".join(pairs)


def _quote(text):
    return quote(str(text).encode("utf-8", "surrogatepass"), safe="")


def params_of(names):
    """A query or form: any subset of `names`, each with arbitrary text or a number."""
    return st.dictionaries(st.sampled_from(names), any_value, max_size=len(names))


# JSON as a script can send it: any document built from arbitrary values, plus bodies that
# are not JSON at all or hide the hostile parts in escapes.
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    any_text,
)
json_documents = st.recursive(
    json_leaves,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(any_text, children, max_size=4)
    ),
    max_leaves=12,
)


def json_bytes(document):
    """`document` serialised as a sender may: escapes for surrogates and NUL, NaN allowed."""
    return json.dumps(document).encode("ascii")


raw_bodies = st.one_of(
    json_documents.map(json_bytes),
    st.binary(max_size=200),
    st.integers(1, 4000).map(lambda n: ("[" * n + "]" * n).encode()),
    st.sampled_from([b"1e400", b"[NaN]", b'"\\ud800"', b'{"a\\u0000": 1}', b"\xed\xa0\x80"]),
)


def is_clean(value):
    """True when `value` (nested JSON) holds no NUL, no lone surrogate, no non-finite number."""
    try:
        json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (UnicodeEncodeError, ValueError):
        return False
    return "\x00" not in json.dumps(value, ensure_ascii=False)
