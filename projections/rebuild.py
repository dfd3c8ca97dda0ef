"""Rebuilding the read models fast: views applied batch by batch, and on PostgreSQL through an
in-memory SQLite copy of the view tables that is then copied over in one transaction.

Why the detour: on PostgreSQL every statement a view runs costs a client round trip and tens of
microseconds of driver work, which caps a rebuild at a few thousand events a second. The views'
SQL is written once for both databases, so the same views run unchanged against an in-memory
SQLite database (microseconds a statement), and PostgreSQL receives the result by COPY. The
live tables keep answering queries until the swap, which is one transaction.
"""

import inspect
import sqlite3
from collections.abc import Callable, Sequence
from functools import lru_cache, singledispatchmethod
from typing import Any

from projections.store import Cursor, _SQLiteCursor


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


def rebuild_through_memory(app: Any, views: Sequence[Any], pool: Any, name: str, batch: int,
                           progress: Callable[[int], None] | None = None) -> int:
    """Replay every event into in-memory SQLite tables, then replace the PostgreSQL view tables
    and set the projector's position in one transaction. Returns that position."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    memory.row_factory = sqlite3.Row
    try:
        for view in views:  # without the indexes that serve queries only (`query_only_ddl`)
            for statement in view.ddl:
                if statement not in getattr(view, "query_only_ddl", ()):
                    memory.execute(statement)
        position = 0
        while notifications := app.recorder.select_notifications(start=position, limit=batch,
                                                                 inclusive_of_start=False):
            items = [(app.mapper.to_domain_event(n), n) for n in notifications]
            memory.execute("BEGIN")
            apply_views(views, _SQLiteCursor(memory.cursor()), items)
            memory.execute("COMMIT")
            position = notifications[-1].id
            if progress:
                progress(position)
        _swap(memory, views, pool, name, position)
        return position
    finally:
        memory.close()


def _swap(memory: sqlite3.Connection, views: Sequence[Any], pool: Any, name: str, position: int) -> None:
    """A live worker elsewhere either committed before this (its work is replaced) or finds the
    position moved and resumes from it: every event still lands in the views exactly once."""
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        for view in views:
            for table in view.tables:  # children first
                cursor.execute(f"DELETE FROM {table}")
        for view in views:
            for table in reversed(view.tables):  # parents first
                rows = memory.execute(f"SELECT * FROM {table}")
                columns = ", ".join(column[0] for column in rows.description)
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(tuple(row))
        cursor.execute("UPDATE projection_position SET position = %(position)s WHERE name = %(name)s",
                       {"position": position, "name": name})
