"""Set-at-a-time SQL through the plain `Cursor` protocol, valid on SQLite and PostgreSQL:
multi-row INSERTs and `IN (...)` look-ups, chunked below both databases' parameter limits."""

from collections.abc import Sequence
from typing import Any

from projections.store import Cursor

MAX_PARAMETERS = 10_000  # SQLite allows 32,766 and PostgreSQL 65,535 per statement


def insert_rows(cursor: Cursor, table: str, columns: Sequence[str], rows: list[dict[str, Any]],
                conflict: str | None = None) -> None:
    """INSERT many rows in few statements; `conflict` is an ON CONFLICT clause body."""
    chunk = max(1, MAX_PARAMETERS // len(columns))
    suffix = f" ON CONFLICT {conflict}" if conflict else ""
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        values, params = [], {}
        for i, row in enumerate(part):
            values.append("(" + ", ".join(f":{column}_{i}" for column in columns) + ")")
            params.update({f"{column}_{i}": row[column] for column in columns})
        cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {', '.join(values)}{suffix}", params)


def select_in(cursor: Cursor, sql: str, name: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """Run `sql` whose `{name}` placeholder becomes an IN list of `values`, in chunks."""
    rows: list[dict[str, Any]] = []
    for start in range(0, len(values), MAX_PARAMETERS):
        part = values[start:start + MAX_PARAMETERS]
        params = {f"{name}_{i}": value for i, value in enumerate(part)}
        cursor.execute(sql.format(**{name: ", ".join(f":{key}" for key in params)}), params)
        rows += cursor.fetchall()
    return rows
