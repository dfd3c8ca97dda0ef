"""One PostgreSQL connection pool for every tenant of a deployment (ADR 0009).

Connections are set up as eventsourcing sets up its own (autocommit, dict rows): the event store's
statements name their schema, and the read models choose theirs per transaction (SET LOCAL), so a
connection carries no tenant from one transaction to the next and any tenant may use it."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from psycopg import Connection
from psycopg.rows import dict_row
from psycopg.types.composite import register_composite
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
    """The shared pool as one tenant's event store sees it: it may take connections, not open or
    close the pool (an application closing at shutdown must not close it for the others).

    eventsourcing inserts events as an array of a composite type of the tenant's schema, and
    psycopg makes one Python class for every composite of that name and shape: whichever tenant
    last registered its type on a connection would have its schema's type used by the next one
    (`cannot cast type a.stored_event_uuid[] to b.stored_event_uuid[]`). So each time a tenant takes
    a connection, its own types are registered on it again (a few dictionary writes)."""

    def __init__(self, pool: ConnectionPool, datastore: Any):
        self._pool = pool
        self._datastore = datastore

    @contextmanager
    def connection(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        with self._pool.connection(*args, **kwargs) as conn:
            for info in self._datastore.psycopg_type_adapters.values():
                register_composite(info, conn)
            yield conn

    def open(self, *args: Any, **kwargs: Any) -> None:
        """Open already."""

    def close(self, *args: Any, **kwargs: Any) -> None:
        """Closed by its owner (infra.tenancy.tenants.Tenants.close)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool, name)


def lend(app: Any, pool: ConnectionPool) -> None:
    """Make the application's event store take its connections from the shared pool (its own, of one
    connection, served only to read its composite type at construction: closed here)."""
    datastore = app.recorder.datastore
    datastore.pool.close()
    datastore.pool = Borrowed(pool, datastore)
