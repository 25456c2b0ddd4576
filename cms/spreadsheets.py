"""What every CSV/XLSX export of the platform shares.

A cell a person typed (a name, an organisation, an answer) must never reach a spreadsheet as a
formula ("CSV injection"): text that starts with = + - @, a tab or a carriage return is prefixed
with an apostrophe, which spreadsheets show as plain text. Every export passes its cells here.
"""

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_formula(value):
    """`value` as a spreadsheet will show it as text; non-text values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
