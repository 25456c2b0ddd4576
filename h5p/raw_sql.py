"""The statement endpoint's fixed queries, in plain SQL.

Every statement runs the same few queries. Building a query with the ORM costs about 0.3 ms of
CPU, ten times what SQLite needs to run it, and the endpoint's budget is a few milliseconds.
So these few are written once per database vendor from the models' own metadata (tables,
columns, quoting) and values are adapted by the model fields, exactly as the ORM would. Only
quoted identifiers go into the SQL text (hence the S608 exemptions); values are parameters."""

import functools

from django.db import connection
from wagtail.models import Page

from h5p.models import H5PResult, H5PStatement

_CACHE: dict = {}


def cached_sql(name, build):
    key = (connection.vendor, name)
    sql = _CACHE.get(key)
    if sql is None:
        sql = _CACHE[key] = build(connection)
    return sql


def columns(model, *names):
    quote = connection.ops.quote_name
    return [quote(model._meta.get_field(name).column) for name in names]


def lesson_stamp_sql(conn):
    """The publication stamp of a live page: any republish changes it."""
    stamp, pk, live = columns(Page, "last_published_at", "id", "live")
    table = conn.ops.quote_name(Page._meta.db_table)
    return f"SELECT {stamp} FROM {table} WHERE {pk} = %s AND {live} = %s"  # noqa: S608


STATEMENT_FIELDS = (
    "uuid", "user", "package", "lesson", "verb", "object_id", "is_root", "score_raw",
    "score_max", "score_scaled", "success", "completion", "statement", "stored_at",
)  # fmt: skip


@functools.cache
def statement_fields():
    fields = [H5PStatement._meta.get_field(name) for name in STATEMENT_FIELDS]
    every = {f.name for f in H5PStatement._meta.concrete_fields if not f.primary_key}
    if every != set(STATEMENT_FIELDS):  # a new column must be added here too
        raise RuntimeError(f"h5p: STATEMENT_FIELDS misses {sorted(every - set(STATEMENT_FIELDS))}")
    return tuple(fields)


def insert_statement_sql(conn):
    quote = conn.ops.quote_name
    columns = ", ".join(quote(f.column) for f in statement_fields())
    marks = ", ".join(["%s"] * len(STATEMENT_FIELDS))
    table = quote(H5PStatement._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608


def insert_statement(values):
    """One INSERT of a statement row; `values` in the order of STATEMENT_FIELDS."""
    params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(statement_fields(), values, strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(cached_sql("insert-statement", insert_statement_sql), params)


def result_select_sql(conn):
    pk, attempts, best, completed, passed, user, lesson, package = columns(
        H5PResult, "id", "attempts", "best_score", "completed", "passed", "user", "lesson",
        "package",
    )  # fmt: skip
    lock = " FOR UPDATE" if conn.features.has_select_for_update else ""
    return (
        f"SELECT {pk}, {attempts}, {best}, {completed}, {passed} "  # noqa: S608
        f"FROM {conn.ops.quote_name(H5PResult._meta.db_table)} "
        f"WHERE {user} = %s AND {lesson} = %s AND {package} = %s{lock}"
    )


def result_update_sql(conn):
    pk, attempts, last, best, completed, first, passed, updated = columns(
        H5PResult, "id", "attempts", "last_score", "best_score", "completed",
        "first_completed_at", "passed", "updated_at",
    )  # fmt: skip
    return (
        f"UPDATE {conn.ops.quote_name(H5PResult._meta.db_table)} SET {attempts} = %s, "  # noqa: S608
        f"{last} = %s, {best} = %s, {completed} = %s, {first} = COALESCE({first}, %s), "
        f"{passed} = %s, {updated} = %s WHERE {pk} = %s"
    )
