"""Rebuilding the read models fast: views applied batch by batch, and on PostgreSQL through a
scratch SQLite copy of the view tables that is then copied over in one transaction.

Why the detour: on PostgreSQL every statement a view runs costs a client round trip and tens of
microseconds of driver work, which caps a rebuild at a few thousand events a second. The views'
SQL is written once for both databases, so the same views run unchanged against a scratch
SQLite database in-process (microseconds a statement), and PostgreSQL receives the result by COPY. The
live tables keep answering queries until the swap, which is one transaction.
"""

import inspect
import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from functools import lru_cache, singledispatchmethod
from typing import Any

from projections.engine.quarantine import TABLE as QUARANTINE
from projections.engine.store import Cursor, _SQLiteCursor


@lru_cache(maxsize=4096)
def _handles(view_class: type, event_class: type) -> bool:
    """False when the view follows the `apply` -> `on` singledispatch pattern and has no handler
    for this event class (its fallback does nothing): the rebuild skips the call."""
    on = inspect.getattr_static(view_class, "on", None)
    if not isinstance(on, singledispatchmethod):
        return True
    return on.dispatcher.dispatch(event_class) is not on.dispatcher.dispatch(object)


def apply_views(views: Sequence[Any], cursor: Cursor, items: list[tuple[Any, Any]]) -> None:
    """Apply a batch view by view (a view reads and writes only its own tables, so the order of
    views does not matter): `apply_batch(cursor, items)` where a view has it, else `apply`."""
    for view in views:
        apply_batch = getattr(view, "apply_batch", None)
        if apply_batch is not None:
            apply_batch(cursor, items)
            continue
        for event, notification in items:
            if _handles(type(view), type(event)):
                view.apply(cursor, event, notification)


def recreate_tables(execute: Callable[[str], Any], views: Sequence[Any]) -> None:
    """Drop the views' tables and create them from today's DDL: a rebuild replaces every row, so
    it also brings a table whose columns a release changed up to date (README, "Upgrading")."""
    for view in views:
        for table in view.tables:  # children first
            execute(f"DROP TABLE IF EXISTS {table}")
    for view in views:
        for statement in view.ddl:
            execute(statement)


def rebuild_through_scratch(
    app: Any,
    views: Sequence[Any],
    pool: Any,
    name: str,
    batch: int,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Replay every event into scratch SQLite tables, then replace the PostgreSQL view tables
    and set the projector's position in one transaction. Returns that position.

    The scratch database is a temporary file without journal or fsync (a crash just means
    running the rebuild again): as fast as memory while it fits in the page cache, and a long
    history cannot exhaust the server's scratch_db."""
    scratch = tempfile.TemporaryDirectory(prefix="sistemkerja-rebuild-")
    scratch_db = sqlite3.connect(os.path.join(scratch.name, "views.db"), isolation_level=None)
    scratch_db.row_factory = sqlite3.Row
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144", "temp_store = MEMORY"):
        scratch_db.execute(f"PRAGMA {pragma}")
    try:
        for view in views:  # without the indexes that serve queries only (`query_only_ddl`)
            for statement in view.ddl:
                if statement not in getattr(view, "query_only_ddl", ()):
                    scratch_db.execute(statement)
        position = 0
        while notifications := app.recorder.select_notifications(
            start=position, limit=batch, inclusive_of_start=False
        ):
            items = [(app.mapper.to_domain_event(n), n) for n in notifications]
            scratch_db.execute("BEGIN")
            apply_views(views, _SQLiteCursor(scratch_db.cursor()), items)
            scratch_db.execute("COMMIT")
            position = notifications[-1].id
            if progress:
                progress(position)
        _swap(scratch_db, views, pool, name, position)
        return position
    finally:
        scratch_db.close()
        scratch.cleanup()


def _swap(scratch_db: sqlite3.Connection, views: Sequence[Any], pool: Any, name: str, position: int) -> None:
    """A live worker elsewhere either committed before this (its work is replaced) or finds the
    position moved and resumes from it: every event still lands in the views exactly once."""
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        recreate_tables(cursor.execute, views)
        for view in views:
            for table in reversed(view.tables):  # parents first
                rows = scratch_db.execute(f"SELECT * FROM {table}")
                columns = ", ".join(column[0] for column in rows.description)
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(tuple(row))
        cursor.execute(
            "UPDATE projection_position SET position = %(position)s WHERE name = %(name)s",
            {"position": position, "name": name},
        )
        cursor.execute(f"DELETE FROM {QUARANTINE}")  # every event was applied again, without a failure
