"""One PostgreSQL connection pool for every tenant of a deployment (ADR 0009).

Connections are set up as eventsourcing sets up its own (autocommit, dict rows): the event store's
statements name their schema, and the read models choose theirs per transaction (SET LOCAL), so a
connection carries no tenant from one transaction to the next and any tenant may use it."""

from typing import Any

from psycopg import Connection
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool


def _configure(conn: Connection[Any]) -> None:
    conn.autocommit = True


def shared_pool(conninfo: str, size: int) -> ConnectionPool:
    return ConnectionPool(
        conninfo,
        kwargs={"row_factory": dict_row},
        configure=_configure,
        min_size=1,
        max_size=size,
        open=True,
        name="sistemkerja-tenants",
    )


class Borrowed:
    """The shared pool as one tenant's store sees it: it may take connections, not open or close
    the pool (an application closing at shutdown must not close it for the others)."""

    def __init__(self, pool: ConnectionPool):
        self._pool = pool

    def connection(self, *args: Any, **kwargs: Any) -> Any:
        return self._pool.connection(*args, **kwargs)

    def open(self, *args: Any, **kwargs: Any) -> None:
        """Open already."""

    def close(self, *args: Any, **kwargs: Any) -> None:
        """Closed by its owner (infra.tenancy.tenants.Tenants.close)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


def lend(app: Any, pool: ConnectionPool) -> None:
    """Make the application's event store take its connections from the shared pool. Its own pool
    was never opened (no table was created at construction: tenants are migrated when added)."""
    datastore = app.recorder.datastore
    datastore.pool.close()
    datastore.pool = Borrowed(pool)
