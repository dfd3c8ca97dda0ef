"""Set-at-a-time SQL through the plain `Cursor` protocol, on SQLite and PostgreSQL: many-row
INSERTs and `IN` look-ups with a constant number of parameters (a statement per row on
SQLite, where that is cheap in-process; one statement per batch on PostgreSQL, where every
statement costs a round trip and an executor start)."""

from collections.abc import Sequence
from typing import Any

import orjson

from projections.engine.store import Cursor, _SQLiteCursor


def insert_rows(
    cursor: Cursor,
    table: str,
    columns: Sequence[str],
    rows: list[dict[str, Any]],
    conflict: str | None = None,
) -> None:
    """INSERT `rows` (dicts with at least `columns`); `conflict` is an ON CONFLICT clause body.
    PostgreSQL reads the whole batch from one JSON parameter, typed by the table itself."""
    if not rows:
        return
    names, suffix = ", ".join(columns), f" ON CONFLICT {conflict}" if conflict else ""
    if isinstance(cursor, _SQLiteCursor):
        placeholders = ", ".join(f":{column}" for column in columns)
        cursor._cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders}){suffix}", rows)
        return
    cursor.execute(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM json_populate_recordset(NULL::{table},"
        f" :rows){suffix}",
        {"rows": orjson.dumps(rows).decode()},
    )


def select_in(cursor: Cursor, sql: str, name: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """Run `sql` whose `{name}` placeholder stands for a set of text `values`:
    `... WHERE id IN ({ids})`."""
    if not values:
        return []
    if isinstance(cursor, _SQLiteCursor):
        subquery = f"SELECT value FROM json_each(:{name})"
    else:
        subquery = f"SELECT json_array_elements_text(CAST(:{name} AS json))"
    cursor.execute(sql.format(**{name: subquery}), {name: orjson.dumps(list(values)).decode()})
    return cursor.fetchall()
