"""URL converters. `<id:pk>` is the object id of every URL: digits that fit the database's
64-bit integer. Django's `<int:...>` accepts any length, and an id above 2**63 - 1 made the
database driver raise (OverflowError on SQLite, DataError on PostgreSQL), a 500 instead of the
404 that any other unknown id gets. Registered by `cms.apps.CmsConfig.ready()`, before any
URL conf is read."""

import re

from django.urls import register_converter

MAX_ID = 2**63 - 1
ID_TEXT = re.compile("[0-9]{1,19}")


class ObjectIdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            # ValueError tells the resolver "no match": the request ends as a plain 404.
            raise ValueError(value)
        return number

    def to_url(self, value):
        return str(int(value))


def register():
    register_converter(ObjectIdConverter, "id")


def parse_id(value):
    """An id sent in a form field or a query string, or None when it cannot be one."""
    text = str(value or "").strip()
    if not ID_TEXT.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None
