"""eventsourcing's SQLite recorders, extended to append to the hash chain in the same transaction."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteCursor,
    SQLiteFactory,
    SQLiteProcessRecorder,
)

from infra.audit.chain import CHAIN_TABLE, CHECKPOINT_TABLE, GENESIS, ChainEvent, extend
from infra.audit.in_transaction import Committing, Pending, ViewsInTransaction, notifications

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from eventsourcing.persistence import StoredEvent

_ROWS_PER_INSERT = 300  # 3 parameters each: stays under old SQLite's 999-variable limit


class _SQLiteChain:
    """Mixin placed before the eventsourcing recorder in the MRO."""

    events_table_name: str
    datastore: Any
    views: ViewsInTransaction | None = None  # read models written in the same transaction (bootstrap)
    after_commit: tuple[Callable[[int, int], None], ...] = ()  # (previous, last) of each insert
    _views_pending = Pending()

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        self._views_pending.start()
        try:
            ids = super().insert_events(stored_events, **kwargs)  # type: ignore[misc]  # commits
        except BaseException:
            self._views_pending.abandoned()
            raise
        self._views_pending.committed(self.after_commit)
        return ids

    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()  # type: ignore[misc]
        # INTEGER PRIMARY KEY (not BIGINT) makes seq the rowid: 64-bit, and the fastest lookup.
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "seq INTEGER PRIMARY KEY, notification_id INTEGER UNIQUE NOT NULL, "
            "hash BLOB NOT NULL)"
        )
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {CHECKPOINT_TABLE} ("
            "seq INTEGER NOT NULL, head_hash TEXT NOT NULL, signed_at TEXT NOT NULL, "
            "signature BLOB NOT NULL, public_key_fingerprint TEXT NOT NULL, "
            "PRIMARY KEY (seq, signed_at))"
        )
        return statements

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # The write transaction is already open here (BEGIN, then the first INSERT took
        # SQLite's write lock), so reading the head and appending cannot interleave.
        ids = super()._insert_events(c, stored_events, **kwargs)  # type: ignore[misc]
        if not stored_events:
            return ids
        events = [
            ChainEvent(nid, _stored_id(s.originator_id), s.originator_version, s.topic, s.state)
            for nid, s in zip(ids, stored_events, strict=True)
        ]
        c.execute(self.audit_sql["head"])
        head = c.fetchone()
        head_seq, head_hash = (head["seq"], bytes(head["hash"])) if head else (0, GENESIS)
        rows = extend(head_seq, head_hash, events)
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            values = ",".join(["(?,?,?)"] * len(chunk))
            c.execute(
                f"INSERT INTO {CHAIN_TABLE} (seq, notification_id, hash) VALUES {values}",
                [value for row in chunk for value in row],
            )
        # The chain's head is the event recorded just before these (every event is chained).
        previous = head["notification_id"] if head else 0
        views = self.views
        applied = views is not None and views.apply_within(c, notifications(ids, stored_events), previous)
        self._views_pending.set(Committing(previous, max(ids), views if applied else None))
        return ids

    @property
    def audit_sql(self) -> dict[str, str]:
        return {
            "head": f"SELECT seq, hash, notification_id FROM {CHAIN_TABLE} ORDER BY seq DESC LIMIT 1",
            "events_after": (
                "SELECT rowid AS notification_id, originator_id, originator_version, topic, "
                f"state FROM {self.events_table_name} WHERE rowid > ? ORDER BY rowid LIMIT ?"
            ),
            "chain_after": (
                f"SELECT seq, notification_id, hash FROM {CHAIN_TABLE} WHERE seq > ? ORDER BY seq LIMIT ?"
            ),
            "chain_of_event": (
                f"SELECT seq, notification_id, hash FROM {CHAIN_TABLE} WHERE notification_id = ?"
            ),
            "insert_checkpoint": f"INSERT INTO {CHECKPOINT_TABLE} VALUES (?,?,?,?,?)",
            "latest_checkpoint": (
                f"SELECT * FROM {CHECKPOINT_TABLE} ORDER BY seq DESC, signed_at DESC LIMIT 1"
            ),
        }

    @contextmanager
    def audit_transaction(self, *, commit: bool) -> Iterator[SQLiteCursor]:
        # A read transaction on a WAL database is a snapshot: events and chain agree.
        with self.datastore.transaction(commit=commit) as c:
            yield c


def _stored_id(originator_id: UUID | str) -> str:
    # Exactly what SQLiteAggregateRecorder writes into the originator_id column.
    return originator_id.hex if isinstance(originator_id, UUID) else originator_id


class ChainedSQLiteApplicationRecorder(_SQLiteChain, SQLiteApplicationRecorder):
    pass


class ChainedSQLiteProcessRecorder(_SQLiteChain, SQLiteProcessRecorder):
    pass


class ChainedSQLiteFactory(SQLiteFactory):
    application_recorder_class = ChainedSQLiteApplicationRecorder
    process_recorder_class = ChainedSQLiteProcessRecorder
