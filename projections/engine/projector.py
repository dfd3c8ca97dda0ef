"""Keeps the read models up to date with the event store, exactly once.

Every view is written in the same transaction as the position it has reached
(`projection_position`), and that position only moves forward from the value this process read:
if another worker got there first, the transaction is rolled back and nothing is applied twice.
A restart resumes from the stored position. The projector is driven in-process after each save
(read-your-writes), and by a background follower (projections.engine.follower: PostgreSQL
NOTIFY, polling on SQLite) for events no request of this process projected.

An event a view cannot apply never stops the projector: a batch is first applied in one go (the
fast path); if any view raises, the batch is rolled back and applied again event by event, view
by view, each inside a SAVEPOINT, and what still fails is quarantined (projections.engine.quarantine)
while the position advances. `retry_quarantined` re-applies the quarantine after a fix.

A command's own events are normally applied inside the transaction that records them
(`apply_within`, called by the chained recorder through projections.engine.within; ADR 0013),
and by `catch_up` after the commit only when that could not be done.
"""

import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from typing import Any, Protocol

import psycopg
from eventsourcing.application import Application
from eventsourcing.persistence import Notification

from projections.engine import quarantine
from projections.engine.quarantine import Quarantined, view_name
from projections.engine.rebuild import apply_views, ddl_of, rebuild_through_scratch, recreate_tables
from projections.engine.store import Cursor, ViewStore

log = logging.getLogger("sistemkerja.projections")

POSITION_TABLE = (
    "CREATE TABLE IF NOT EXISTS projection_position ( name TEXT PRIMARY KEY, position BIGINT NOT NULL)"
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


class _Careful(Exception):
    """The batch must be applied event by event (rolls the fast path's transaction back)."""


def transient(error: BaseException) -> bool:
    """A failure of the database, not of the event: never quarantined, the caller sees it and
    the batch is applied later (a lost connection, a deadlock, a locked SQLite file)."""
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return True
    return isinstance(error, sqlite3.OperationalError) and ("locked" in str(error) or "busy" in str(error))


@contextmanager
def savepoint(cursor: Cursor) -> Iterator[None]:
    """Undo one view's work for one event if it raises (the transaction itself goes on)."""
    cursor.execute("SAVEPOINT view_apply")
    try:
        yield
    except BaseException:
        cursor.execute("ROLLBACK TO SAVEPOINT view_apply")
        cursor.execute("RELEASE SAVEPOINT view_apply")
        raise
    cursor.execute("RELEASE SAVEPOINT view_apply")


class OutdatedReadModels(RuntimeError):
    """The read-model tables are an older release's: `sistemkerja projections rebuild` brings them
    up to date (README, "Upgrading")."""

    def __init__(self, statements: list[str]):
        self.statements = statements
        super().__init__(
            "read-model tables from an older release (run `sistemkerja projections rebuild`;"
            " tabel read model dari rilis lama: jalankan `sistemkerja projections rebuild`): "
            + "; ".join(statements)
        )


class Projector:
    def __init__(self, app: Application, store: ViewStore, views: Iterable[View], name: str = "views"):
        self.app = app
        self.store = store
        self.views = list(views)
        self.name = name
        self._lock = threading.Lock()
        self._position = 0
        self._loaded = False
        # The quarantine as of this process's last transaction (read with the position row held).
        self.quarantine: list[Quarantined] = []
        self.reapplied = 0  # quarantined events this process re-applied (start-up and retries)

    def create_tables(self, *, outdated_ok: bool = False) -> None:
        """Create what is missing. A table an older release created lacks the columns a statement
        of today's DDL names (an index on a new column): that statement is skipped and the
        tables are OutdatedReadModels, which only `projections rebuild` (outdated_ok) goes on
        past, since it recreates every view table from today's DDL."""
        skipped: list[str] = []
        with self.store.transaction() as cursor:
            cursor.execute(POSITION_TABLE)
            cursor.execute(quarantine.DDL)
            for view in self.views:
                for statement in ddl_of(view, self.store.dialect):
                    cursor.execute("SAVEPOINT view_ddl")
                    try:
                        cursor.execute(statement)
                    except Exception as error:  # noqa: BLE001 - reported below, in the operator's terms
                        if transient(error):
                            raise
                        cursor.execute("ROLLBACK TO SAVEPOINT view_ddl")
                        skipped.append(f"{' '.join(statement.split())[:80]}… ({quarantine.describe(error)})")
                    cursor.execute("RELEASE SAVEPOINT view_ddl")
            cursor.execute(
                "INSERT INTO projection_position (name, position) VALUES (:name, 0) "
                "ON CONFLICT (name) DO NOTHING",
                {"name": self.name},
            )
        if skipped and not outdated_ok:
            raise OutdatedReadModels(skipped)

    def stored_position(self) -> int:
        rows = self.store.query(
            "SELECT position FROM projection_position WHERE name = :name", {"name": self.name}
        )
        return int(rows[0]["position"]) if rows else 0

    def catch_up(self, up_to: int | None = None, batch: int = LIVE_BATCH) -> int:
        """Apply every stored event not yet in the views (at least up to `up_to`)."""
        if up_to is not None and self._position >= up_to:
            return self._position
        with self._lock:
            if not self._loaded:  # afterwards the guarded UPDATE tells when another worker moved it
                self._reload()
                self._loaded = True
            while up_to is None or self._position < up_to:
                notifications = self.app.recorder.select_notifications(
                    start=self._position, limit=batch, inclusive_of_start=False
                )
                if not notifications:
                    break
                try:
                    self._apply(notifications)
                except _Stale:
                    self._reload()
            return self._position

    def _reload(self) -> None:
        self._position = self.stored_position()
        self.quarantine = quarantine.listing(self.store)

    def quarantined(self, first: int, last: int, originator_ids: Iterable[str] = ()) -> list[Quarantined]:
        """Quarantined events at positions first..last or of these records (as last seen)."""
        originators = set(originator_ids)
        return [q for q in self.quarantine if first <= q.position <= last or q.originator_id in originators]

    def rebuild(self, progress: Any = None, batch: int = REBUILD_BATCH, workers: int | None = None) -> int:
        """Replace the views by a replay of the whole event store, in large batches
        (projections.engine.rebuild: on PostgreSQL through scratch SQLite copies, by `workers`
        processes side by side, one per core unless given; in place on SQLite).
        If the fast copy fails (an event a view cannot apply), the rebuild is done in place,
        where such an event is quarantined instead."""
        pool = getattr(self.store, "pool", None)
        if pool is not None:
            try:
                position = rebuild_through_scratch(
                    self.app, self.views, pool, self.name, batch, progress, workers
                )
            except Exception as error:
                if transient(error):
                    raise
                log.warning(
                    "rebuild through a scratch copy failed (%s); rebuilding in place",
                    quarantine.describe(error),
                )
            else:
                with self._lock:
                    self._position = position
                    self.quarantine = []
                return position
        with self._lock:
            with self.store.transaction() as cursor:
                recreate_tables(cursor.execute, self.views, self.store.dialect)
                quarantine.clear(cursor)
                cursor.execute(
                    "UPDATE projection_position SET position = 0 WHERE name = :name", {"name": self.name}
                )
            self._position, self.quarantine = 0, []
            while notifications := self.app.recorder.select_notifications(
                start=self._position, limit=batch, inclusive_of_start=False
            ):
                try:
                    self._apply(notifications)
                except _Stale:  # another process applied some: go on from where it is
                    self._reload()
                if progress:
                    progress(self._position)
            return self._position

    def apply_within(
        self,
        cursor: Cursor,
        savepoint: AbstractContextManager[Any],
        notifications: Sequence[Notification],
        previous: int,
    ) -> bool:
        """Apply events inside the transaction that records them (one commit instead of two,
        docs/adr/0013-command-cost.md), under `savepoint`, if the views are exactly at `previous`
        (the event recorded just before them). Whether they were: if not (another worker is
        applying, the views lag, something is quarantined, or a view raised), nothing of it is
        left in the transaction and the events are projected after the commit as before, where a
        failing view quarantines them. When they were, the projector stays locked until the
        recorder calls `committed` or `abandoned` (a follower woken by the commit then finds
        them applied instead of racing to apply them again)."""
        if not notifications or not self._lock.acquire(blocking=False):  # never wait with the store locked
            return False
        applied = False
        try:
            if not self._loaded or self._position != previous:
                return False
            try:
                with savepoint:
                    if self._advance(cursor, notifications[-1].id):
                        raise _Careful  # a record's later events may have to be held back
                    items = [(self.app.mapper.to_domain_event(n), n) for n in notifications]
                    apply_views(self.views, cursor, items)
            except (_Stale, _Careful):
                return False
            except Exception as error:  # noqa: BLE001 - the careful path after the commit deals with it
                log.info("views not applied with their events (%s): after the commit", error)
                return False
            applied = True
            return True
        finally:
            if not applied:
                self._lock.release()

    def committed(self, position: int) -> None:
        """The transaction in which `apply_within` applied events up to `position` committed."""
        self._position = max(self._position, position)
        self._lock.release()

    def abandoned(self) -> None:
        """That transaction did not commit: the views are where they were."""
        self._lock.release()

    def _advance(self, cursor: Cursor, new_position: int) -> bool:
        """Move the position (holding its row until commit); whether any event is quarantined,
        learnt in the same round trip (the fast path must know, and it is nearly always empty)."""
        cursor.execute(
            "UPDATE projection_position SET position = :new WHERE name = :name AND position = :old "
            f"RETURNING position, EXISTS (SELECT 1 FROM {quarantine.TABLE}) AS held",
            {"new": new_position, "name": self.name, "old": self._position},
        )
        row = cursor.fetchone()
        if row is None:
            raise _Stale
        return bool(row["held"])

    def _apply(self, notifications: Sequence[Notification]) -> None:
        """Apply a batch in one transaction, the cheapest way that works: all views in one go;
        else (something is quarantined) holding back the later events of quarantined records;
        else (a view raised) event by event, view by view, each under a savepoint, quarantining
        what fails. A failed attempt leaves nothing behind (its transaction is rolled back)."""
        attempts = (
            self._apply_fast,
            partial(self._apply_each, guarded=False),
            partial(self._apply_each, guarded=True),
        )
        for attempt in attempts:
            try:
                held = attempt(notifications)
            except _Stale:
                raise
            except Exception as error:
                if transient(error) or attempt is attempts[-1]:
                    raise
                continue
            self._position, self.quarantine = notifications[-1].id, held
            return

    def _apply_fast(self, notifications: Sequence[Notification]) -> list[Quarantined]:
        with self.store.transaction() as cursor:
            if self._advance(cursor, notifications[-1].id):
                raise _Careful  # later events of a quarantined record must be held back
            apply_views(self.views, cursor, [(self.app.mapper.to_domain_event(n), n) for n in notifications])
        return []

    def _apply_each(self, notifications: Sequence[Notification], guarded: bool) -> list[Quarantined]:
        with self.store.transaction() as cursor:
            self._advance(cursor, notifications[-1].id)
            held = quarantine.load(cursor)
            blocked = {(q.view, q.originator_id): q.position for q in held}
            for notification in notifications:
                for view in self.views:
                    entry = self._apply_one(cursor, view, notification, blocked, guarded)
                    if entry is not None:
                        held.append(entry)
                        blocked.setdefault((entry.view, entry.originator_id), entry.position)
        return held

    def _apply_one(
        self,
        cursor: Cursor,
        view: View,
        notification: Notification,
        blocked: dict[tuple[str, str], int],
        guarded: bool = True,
    ) -> Quarantined | None:
        """Apply one event to one view; the quarantine entry if it could not be applied (only
        when `guarded`: under a savepoint; else the failure is raised)."""
        name = view_name(view)
        earlier = blocked.get((name, str(notification.originator_id)))
        if earlier is not None:
            error = f"held back: an earlier event of this record (position {earlier}) is quarantined"
            return quarantine.record(cursor, name, notification, error)
        if not guarded:
            view.apply(cursor, self.app.mapper.to_domain_event(notification), notification)
            return None
        try:
            with savepoint(cursor):
                view.apply(cursor, self.app.mapper.to_domain_event(notification), notification)
            return None
        except Exception as error:
            if transient(error):
                raise
            log.error(
                "quarantined event %s (%s) in view %s: %s",
                notification.id,
                notification.topic,
                name,
                quarantine.describe(error),
            )
            return quarantine.record(cursor, name, notification, quarantine.describe(error))

    def retry_quarantined(self) -> tuple[int, int]:
        """Re-apply the quarantined events (a fixed release), oldest first; those that apply now
        leave the quarantine. A record whose event still fails keeps its later events held back.
        Returns (applied, still quarantined)."""
        with self._lock:
            # The events are read first, outside the transaction that holds the position row.
            positions = sorted({q.position for q in quarantine.listing(self.store)})
            events = {
                n.id: n
                for position in positions
                for n in self.app.recorder.select_notifications(start=position, limit=1)
            }
            with self.store.transaction() as cursor:
                # Hold the position row: no worker projects while the quarantine is replayed.
                cursor.execute(
                    "UPDATE projection_position SET position = position WHERE name = :name",
                    {"name": self.name},
                )
                by_name = {view_name(view): view for view in self.views}
                blocked: dict[tuple[str, str], int] = {}
                applied = 0
                for entry in quarantine.load(cursor):
                    view, notification = by_name.get(entry.view), events.get(entry.position)
                    if view is None:
                        quarantine.remove(cursor, entry.view, entry.position)  # that view is gone
                    elif notification is None:  # quarantined meanwhile: the next retry
                        blocked.setdefault((entry.view, entry.originator_id), entry.position)
                    elif self._apply_one(cursor, view, notification, blocked) is None:
                        quarantine.remove(cursor, entry.view, entry.position)
                        applied += 1
                    else:
                        blocked.setdefault((entry.view, entry.originator_id), entry.position)
                self.quarantine = quarantine.load(cursor)
        self.reapplied += applied
        return applied, len(self.quarantine)
