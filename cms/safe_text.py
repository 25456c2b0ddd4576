"""Text as it may be stored, searched and shown.

Python strings can hold what no UTF-8 file, PostgreSQL column or full-text engine accepts: NUL
characters and lone UTF-16 surrogates (a JSON body may spell them "\\u0000" and "\\ud800"). A
stored surrogate makes every later page that shows it fail to encode, so text is cleaned both
before it is stored or searched and, for rows stored before the cleaning existed, before it is
shown or exported.
"""

import re

# Any surrogate code point in a Python str is lone: a valid pair is decoded into one character.
UNSAFE_CHARACTERS = re.compile("[\x00\ud800-\udfff]")
# Only words reach a search backend: quotes, operators and brackets mean something to the
# full-text engines (SQLite FTS5, PostgreSQL tsquery) and would break the query.
WORD = re.compile(r"\w+")
SEARCH_OPERATORS = {"and", "or", "not", "near"}


def is_clean(value: str) -> bool:
    return UNSAFE_CHARACTERS.search(value) is None


def clean_text(value: str) -> str:
    """`value` without NUL characters and lone surrogates."""
    return UNSAFE_CHARACTERS.sub("", value)


def clean_data(value):
    """Nested dicts, lists and strings (an export, a stored JSON document) with every string
    and key cleaned; other values pass unchanged."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(item) for item in value]
    return value


def search_terms(query: str) -> str:
    """The words of a search box's text, safe for any search backend ("" when none)."""
    return " ".join(w for w in WORD.findall(clean_text(query)) if w.lower() not in SEARCH_OPERATORS)
