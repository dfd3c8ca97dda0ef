"""Where read models live: plain tables beside the event store, on SQLite or PostgreSQL.

SQL is written once with `:name` placeholders (SQLite's own style) and translated for psycopg.
Both dialects accept the rest of what the views use (ON CONFLICT upserts, CAST, COALESCE).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any, Protocol

from eventsourcing.sqlite import SQLiteDatastore
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

_NAMED = re.compile(r"(?<![:\w]):([a-zA-Z_]\w*)")


@lru_cache(maxsize=512)
def to_psycopg(sql: str) -> str:
    return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))


class Cursor(Protocol):
    def execute(self, sql: str, params: dict[str, Any] | None = None) -> None: ...
    def fetchall(self) -> list[dict[str, Any]]: ...
    def fetchone(self) -> dict[str, Any] | None: ...


class ViewStore(Protocol):
    dialect: str

    def transaction(self) -> Any: ...
    def query(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...


class _SQLiteCursor:
    def __init__(self, cursor: Any):
        self._cursor = cursor

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> None:
        self._cursor.execute(sql, params or {})

    def fetchall(self) -> list[dict[str, Any]]:
        return [dict(row) for row in self._cursor.fetchall()]

    def fetchone(self) -> dict[str, Any] | None:
        row = self._cursor.fetchone()
        return dict(row) if row is not None else None


class SQLiteViewStore:
    """Shares the application's SQLite datastore (one file, one writer at a time)."""

    dialect = "sqlite"

    def __init__(self, datastore: SQLiteDatastore):
        self.datastore = datastore

    @contextmanager
    def transaction(self) -> Iterator[_SQLiteCursor]:
        with self.datastore.transaction(commit=True) as cursor:
            yield _SQLiteCursor(cursor)

    def query(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(sql, params or {})
            return [dict(row) for row in cursor.fetchall()]

    def close(self) -> None:
        """The datastore belongs to the application, which closes it."""


class _PgCursor:
    def __init__(self, cursor: Any):
        self._cursor = cursor

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> None:
        self._cursor.execute(to_psycopg(sql), params or {})

    def fetchall(self) -> list[dict[str, Any]]:
        return self._cursor.fetchall()

    def fetchone(self) -> dict[str, Any] | None:
        return self._cursor.fetchone()


class PostgresViewStore:
    """A tenant's read models in its schema. Alone, its own small pool whose connections search
    that schema; in a multi-tenant deployment, the pool every tenant shares, each transaction
    choosing the schema first (SET LOCAL: it ends with the transaction, so no connection carries
    a tenant into another's request)."""

    dialect = "postgres"

    def __init__(self, conninfo: str, schema: str, pool_size: int = 4, *, shared: Any = None):
        self.schema = schema
        self.shared = shared is not None
        self._shared = shared
        # `pool` is what the rebuild takes whole connections from (projections.engine.rebuild).
        self.pool: Any = (
            _InSchema(shared, schema)
            if shared is not None
            else ConnectionPool(
                conninfo,
                # Autocommit: a query is one round trip (no BEGIN before it, no ROLLBACK after it);
                # `transaction()` still opens a transaction of its own.
                kwargs={"row_factory": dict_row, "options": f"-c search_path={schema}", "autocommit": True},
                min_size=1,
                max_size=pool_size,
                open=True,
            )
        )

    @contextmanager
    def transaction(self) -> Iterator[_PgCursor]:
        pool = self._shared if self.shared else self.pool
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
            if self.shared:
                cursor.execute(_SET_SCHEMA, (self.schema,), prepare=True)
            yield _PgCursor(cursor)

    def query(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        if self.shared:
            with self.transaction() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        with self.pool.connection() as conn, conn.cursor() as cursor:
            cursor.execute(to_psycopg(sql), params or {})
            return cursor.fetchall()

    def close(self) -> None:
        if not self.shared:  # a shared pool is closed by its owner (infra.tenancy)
            self.pool.close()


_SET_SCHEMA = "SELECT set_config('search_path', %s, true)"


class _InSchema:
    """A whole connection of the shared pool, searching the tenant's schema until it is given back."""

    def __init__(self, pool: Any, schema: str):
        self._pool, self._schema = pool, schema

    @contextmanager
    def connection(self) -> Iterator[Any]:
        with self._pool.connection() as conn:
            conn.execute("SELECT set_config('search_path', %s, false)", (self._schema,))
            try:
                yield conn
            finally:
                conn.execute("RESET search_path")
