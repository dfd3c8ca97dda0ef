"""Keeps the read models up to date with the event store, exactly once.

Every view is written in the same transaction as the position it has reached
(`projection_position`), and that position only moves forward from the value this process read:
if another worker got there first, the transaction is rolled back and nothing is applied twice.
A restart resumes from the stored position. SQLite has no subscriptions in eventsourcing, so
the projector is driven in-process after each save (and can be polled), on both stores alike.
"""

import threading
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from projections.rebuild import apply_views, rebuild_through_scratch
from projections.store import Cursor, ViewStore

POSITION_TABLE = (
    "CREATE TABLE IF NOT EXISTS projection_position ("
    " name TEXT PRIMARY KEY, position BIGINT NOT NULL)"
)
LIVE_BATCH = 500
REBUILD_BATCH = 2000


class View(Protocol):
    """One read model: its tables and how each event changes them."""

    tables: Sequence[str]  # table names, cleared on rebuild (children first)
    ddl: Sequence[str]  # CREATE TABLE / INDEX IF NOT EXISTS statements

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None: ...


class _Stale(Exception):
    """Another worker advanced the position first."""


class Projector:
    def __init__(self, app: Application, store: ViewStore, views: Iterable[View], name: str = "views"):
        self.app = app
        self.store = store
        self.views = list(views)
        self.name = name
        self._lock = threading.Lock()
        self._position = 0
        self._loaded = False

    def create_tables(self) -> None:
        with self.store.transaction() as cursor:
            cursor.execute(POSITION_TABLE)
            for view in self.views:
                for statement in view.ddl:
                    cursor.execute(statement)
            cursor.execute(
                "INSERT INTO projection_position (name, position) VALUES (:name, 0) "
                "ON CONFLICT (name) DO NOTHING", {"name": self.name})

    def stored_position(self) -> int:
        rows = self.store.query("SELECT position FROM projection_position WHERE name = :name", {"name": self.name})
        return int(rows[0]["position"]) if rows else 0

    def catch_up(self, up_to: int | None = None, batch: int = LIVE_BATCH) -> int:
        """Apply every stored event not yet in the views (at least up to `up_to`)."""
        if up_to is not None and self._position >= up_to:
            return self._position
        with self._lock:
            if not self._loaded:  # afterwards the guarded UPDATE tells when another worker moved it
                self._position, self._loaded = self.stored_position(), True
            while up_to is None or self._position < up_to:
                notifications = self.app.recorder.select_notifications(
                    start=self._position, limit=batch, inclusive_of_start=False)
                if not notifications:
                    break
                try:
                    self._apply(notifications)
                except _Stale:
                    self._position = self.stored_position()
            return self._position

    def rebuild(self, progress: Any = None, batch: int = REBUILD_BATCH) -> int:
        """Replace the views by a replay of the whole event store, in large batches
        (projections.rebuild: through a scratch SQLite copy on PostgreSQL, in place on SQLite)."""
        pool = getattr(self.store, "pool", None)
        if pool is not None:
            position = rebuild_through_scratch(self.app, self.views, pool, self.name, batch, progress)
            with self._lock:
                self._position = position
            return position
        with self._lock:
            with self.store.transaction() as cursor:
                for view in self.views:
                    for table in view.tables:
                        cursor.execute(f"DELETE FROM {table}")
                cursor.execute("UPDATE projection_position SET position = 0 WHERE name = :name", {"name": self.name})
            self._position = 0
            while notifications := self.app.recorder.select_notifications(
                    start=self._position, limit=batch, inclusive_of_start=False):
                items = [(self.app.mapper.to_domain_event(n), n) for n in notifications]
                try:
                    with self.store.transaction() as cursor:
                        self._advance(cursor, notifications[-1].id)
                        apply_views(self.views, cursor, items)
                    self._position = notifications[-1].id
                except _Stale:  # another process applied some: go on from where it is
                    self._position = self.stored_position()
                if progress:
                    progress(self._position)
            return self._position

    def _advance(self, cursor: Cursor, new_position: int) -> None:
        cursor.execute(
            "UPDATE projection_position SET position = :new WHERE name = :name AND position = :old "
            "RETURNING position", {"new": new_position, "name": self.name, "old": self._position})
        if cursor.fetchone() is None:
            raise _Stale

    def _apply(self, notifications: Sequence[Notification]) -> None:
        new_position = notifications[-1].id
        with self.store.transaction() as cursor:
            self._advance(cursor, new_position)
            for notification in notifications:
                event = self.app.mapper.to_domain_event(notification)
                for view in self.views:
                    view.apply(cursor, event, notification)
        self._position = new_position
