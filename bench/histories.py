"""Histories of a given size for the query benchmark, in their own PostgreSQL schemas.

A history of N events is the first N events of the generated regency (bench/rebuild.py, schema
`bench_rebuild`), hash chain included, with every read model rebuilt from them, the demo
government loaded on top (the README's examples ask about it) and ANALYZEd, as a database that
has been running a while is. A prepared schema is reused while it is complete and its read-model
tables are today's (`--fresh` redoes it: needed when a view computes its rows differently).
"""

import hashlib
import json
import time
from typing import Any

import psycopg
from psycopg import sql

from infra.bootstrap import build
from infra.demo import load_demo
from infra.settings import Settings

DONE = "bench_history_prepared"  # a marker table: the schema is complete


def _identifier(schema: str, table: str) -> sql.Composed:
    return sql.SQL("{}.{}").format(sql.Identifier(schema), sql.Identifier(table))


def read_models(settings: Settings) -> str:
    """A fingerprint of today's read-model DDL: a schema prepared under other tables is stale."""
    system = build(settings, migrate=False)
    try:
        ddl = "\n".join(statement for view in system.projector.views for statement in view.ddl)
    finally:
        system.close()
    return hashlib.sha256(ddl.encode()).hexdigest()[:16]


def prepared(url: str, schema: str) -> bool:
    """Whether `schema` is complete and its read models have today's tables."""
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = %s",
            (schema, DONE),
        ).fetchone()
        if found is None:
            return False
        marked = conn.execute(sql.SQL("SELECT at FROM {}").format(_identifier(schema, DONE))).fetchone()
    settings = Settings(database_url=url, SISTEMKERJA_SCHEMA=schema)
    return marked is not None and marked[0] == read_models(settings)


def stored_events(url: str, schema: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            sql.SQL("SELECT COALESCE(MAX(notification_id), 0) FROM {}").format(
                _identifier(schema, "sistemkerja_events")
            )
        ).fetchone()
    return int(row[0]) if row else 0


def prepare(url: str, source: str, schema: str, events: int, say=print) -> Settings:
    """Copy the first `events` events of `source` into a fresh `schema` and build its views."""
    settings = Settings(database_url=url, SISTEMKERJA_SCHEMA=schema)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
    # Built before the copy: `build` applies any events its views lack, one batch at a time in
    # place, which for a copied million is far slower than the rebuild below.
    system = build(settings, migrate=True)
    try:
        started = time.perf_counter()
        with psycopg.connect(url) as conn:
            for table in ("sistemkerja_events", "event_chain"):
                conn.execute(
                    sql.SQL("INSERT INTO {} SELECT * FROM {} WHERE notification_id <= %s").format(
                        _identifier(schema, table), _identifier(source, table)
                    ),
                    (events,),
                )
            conn.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'notification_id'), %s)",
                (f"{schema}.sistemkerja_events", events),
            )
        say(f"  copied {events:,} events from {source} in {time.perf_counter() - started:.0f} s", flush=True)
        started = time.perf_counter()
        system.projector.rebuild()
        say(f"  rebuilt the read models in {time.perf_counter() - started:.0f} s", flush=True)
        load_demo(system.app)
    finally:
        system.close()
    return settings


def finish(url: str, schema: str) -> None:
    """ANALYZE every table (fresh tables have no statistics yet) and mark the schema complete."""
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (schema,)
            )
        ]
        for table in tables:
            conn.execute(sql.SQL("ANALYZE {}").format(_identifier(schema, table)))
        conn.execute(sql.SQL("CREATE TABLE {} (at TEXT, readme TEXT)").format(_identifier(schema, DONE)))
        fingerprint = read_models(Settings(database_url=url, SISTEMKERJA_SCHEMA=schema))
        conn.execute(
            sql.SQL("INSERT INTO {} VALUES (%s, NULL)").format(_identifier(schema, DONE)), (fingerprint,)
        )


def readme_values(url: str, schema: str) -> dict[str, Any] | None:
    """The placeholders the README's examples filled when they first ran here (their mutations
    are not repeated on a reused history: a second run would meet its own earlier requests)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(sql.SQL("SELECT readme FROM {}").format(_identifier(schema, DONE))).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def keep_readme_values(url: str, schema: str, values: dict[str, Any]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("UPDATE {} SET readme = %s").format(_identifier(schema, DONE)), (json.dumps(values),)
        )
