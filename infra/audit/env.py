"""SISTEMKERJA_DATABASE_URL (+ SISTEMKERJA_SCHEMA) -> eventsourcing environment settings.

    sqlite:///relative/path.db     sqlite:////absolute/path.db     sqlite:///:memory:
    postgresql://user:password@host:port/dbname   (postgres:// and postgresql+psycopg:// too;
    ?host=/var/run/postgresql for a Unix socket)

Paths follow SQLAlchemy's convention: three slashes then a relative path, four for absolute.
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import Environment

from infra.audit.chained import POSTGRES_FACTORY_TOPIC, SQLITE_FACTORY_TOPIC, ChainedRecorder

# One named in-memory database shared by every connection of the process; a bare ":memory:"
# would give each pooled connection its own empty database.
SQLITE_MEMORY = "file:sistemkerja?mode=memory&cache=shared"


def eventsourcing_env(database_url: str, schema: str | None = None) -> dict[str, str]:
    url = urlsplit(database_url.strip())
    scheme = url.scheme.lower()
    if scheme == "sqlite":
        return _sqlite(database_url.strip())
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        return _postgres(database_url.strip(), schema)
    raise ValueError(
        f"unsupported database URL {_redacted(database_url)!r}: "
        "expected sqlite:///path/to/file.db or postgresql://user:password@host:port/dbname"
    )


def _sqlite(database_url: str) -> dict[str, str]:
    prefix = "sqlite:///"
    if not database_url.lower().startswith(prefix) or "?" in database_url:
        raise ValueError(f"expected sqlite:///path/to/file.db, got {database_url!r}")
    path = unquote(database_url[len(prefix) :])
    if not path:
        raise ValueError("the SQLite URL names no file: sqlite:///path/to/file.db")
    return {
        "PERSISTENCE_MODULE": SQLITE_FACTORY_TOPIC,
        "SQLITE_DBNAME": SQLITE_MEMORY if path == ":memory:" else path,
    }


def _postgres(database_url: str, schema: str | None) -> dict[str, str]:
    url = urlsplit(database_url)
    dbname = unquote(url.path.lstrip("/"))
    if not dbname:
        raise ValueError(f"the PostgreSQL URL names no database: {_redacted(database_url)!r}")
    query = parse_qs(url.query)
    unsupported = set(query) - {"host", "port", "user", "password"}
    if unsupported:  # e.g. sslmode: eventsourcing cannot pass it on, so do not pretend to
        raise ValueError(f"unsupported PostgreSQL URL parameters: {', '.join(sorted(unsupported))}")
    try:
        port = url.port  # raises ValueError on a non-numeric port
    except ValueError:
        raise ValueError(f"bad port in {_redacted(database_url)!r}") from None
    return {
        "PERSISTENCE_MODULE": POSTGRES_FACTORY_TOPIC,
        "POSTGRES_DBNAME": dbname,
        # Empty host: libpq's default (the local Unix socket).
        "POSTGRES_HOST": unquote(url.hostname or "") or query.get("host", [""])[0],
        "POSTGRES_PORT": str(port or query.get("port", ["5432"])[0]),
        "POSTGRES_USER": unquote(url.username or "") or query.get("user", ["postgres"])[0],
        # eventsourcing refuses a missing POSTGRES_PASSWORD, even for trust authentication.
        "POSTGRES_PASSWORD": unquote(url.password or "") or query.get("password", [""])[0],
        "POSTGRES_SCHEMA": (schema or "").strip() or "public",
    }


def _redacted(database_url: str) -> str:
    url = urlsplit(database_url)
    if url.password is None:
        return database_url
    return database_url.replace(f":{url.password}@", ":***@", 1)


def open_chained_recorder(
    database_url: str, schema: str | None = None, app_name: str = "", *, create_table: bool = False
) -> tuple[InfrastructureFactory, ChainedRecorder]:
    """The chained recorder of an existing store, without constructing the application.
    app_name matters on PostgreSQL only, where the events table is "<app name>_events"
    (eventsourcing's naming; "stored_events" when empty). Close the factory when done."""
    env = eventsourcing_env(database_url, schema) | {"CREATE_TABLE": "y" if create_table else "n"}
    if env.get("POSTGRES_DBNAME"):
        env["POSTGRES_POOL_SIZE"] = "1"  # one snapshot at a time: no need for a pool of five
    factory = InfrastructureFactory.construct(Environment(app_name, env))
    recorder = factory.application_recorder()
    assert isinstance(recorder, ChainedRecorder)
    return factory, recorder
