"""eventsourcing's PostgreSQL recorders, extended to append to the hash chain in the same
transaction, under the EXCLUSIVE lock the recorder already takes on the events table."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import InterfaceError, OperationalError, ProgrammingError
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresFactory,
    PostgresProcessRecorder,
)
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from infra.audit.chain import CHAIN_TABLE, CHECKPOINT_TABLE, GENESIS, ChainEvent, extend
from infra.audit.in_transaction import Committing, Pending, ViewsInTransaction, notifications

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from eventsourcing.persistence import StoredEvent
    from psycopg import Connection, Cursor, Pipeline


def events_channel(schema: str) -> str:
    """The NOTIFY channel on which a tenant's recorder announces committed events (a name
    PostgreSQL keeps whole: at most 63 bytes)."""
    name = f"sistemkerja_events_{schema}"
    if len(name.encode()) <= 63:
        return name
    return "sistemkerja_events_" + hashlib.sha256(schema.encode()).hexdigest()[:32]


class _PostgresChain:
    """Mixin placed before the eventsourcing recorder in the MRO."""

    views: ViewsInTransaction | None = None  # read models written in the same transaction (bootstrap)
    after_commit: tuple[Callable[[int, int], None], ...] = ()  # (previous, last) of each insert
    _views_pending = Pending()

    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        if datastore.enable_db_functions:
            # The database function path bypasses insert_events below: nothing would be chained.
            raise ProgrammingError("POSTGRES_ENABLE_DB_FUNCTIONS cannot be used with the chain")
        super().__init__(datastore, **kwargs)  # type: ignore[call-arg]
        s, chain = Identifier(datastore.schema), Identifier(CHAIN_TABLE)
        checkpoint, events = Identifier(CHECKPOINT_TABLE), Identifier(self.events_table_name)
        self.sql_create_statements += [
            SQL(
                "CREATE TABLE IF NOT EXISTS {}.{} (seq bigint PRIMARY KEY, "
                "notification_id bigint UNIQUE NOT NULL, hash bytea NOT NULL)"
            ).format(s, chain),
            SQL(
                "CREATE TABLE IF NOT EXISTS {}.{} (seq bigint NOT NULL, head_hash text NOT NULL, "
                "signed_at text NOT NULL, signature bytea NOT NULL, "
                "public_key_fingerprint text NOT NULL, PRIMARY KEY (seq, signed_at))"
            ).format(s, checkpoint),
        ]
        # Return the stored id text too, to pair each notification id with its event exactly.
        self.insert_events_statement += SQL(", originator_id::text AS chain_id, originator_version")
        self.audit_sql = {
            "head": SQL("SELECT seq, hash, notification_id FROM {}.{} ORDER BY seq DESC LIMIT 1").format(
                s, chain
            ),
            "append": SQL(
                "INSERT INTO {}.{} (seq, notification_id, hash) "
                "SELECT * FROM unnest(%b::bigint[], %b::bigint[], %b::bytea[])"
            ).format(s, chain),
            "snapshot": SQL("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"),
            "events_after": SQL(
                "SELECT notification_id, originator_id::text AS originator_id, "
                "originator_version, topic, state FROM {}.{} "
                "WHERE notification_id > %s ORDER BY notification_id LIMIT %s"
            ).format(s, events),
            "chain_after": SQL(
                "SELECT seq, notification_id, hash FROM {}.{} WHERE seq > %s ORDER BY seq LIMIT %s"
            ).format(s, chain),
            "chain_of_event": SQL(
                "SELECT seq, notification_id, hash FROM {}.{} WHERE notification_id = %s"
            ).format(s, chain),
            "insert_checkpoint": SQL("INSERT INTO {}.{} VALUES (%s, %s, %s, %s, %s)").format(s, checkpoint),
            # Delivered to the listeners (projections.engine.follower) when this transaction commits.
            "notify": SQL("SELECT pg_notify(%s, %s)"),
            "latest_checkpoint": SQL("SELECT * FROM {}.{} ORDER BY seq DESC, signed_at DESC LIMIT 1").format(
                s, checkpoint
            ),
        }
        self.channel = events_channel(datastore.schema)

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Sequence[int] | None:
        # Same shape as PostgresApplicationRecorder.insert_events, except that a failure is
        # raised *through* the transaction (eventsourcing catches it inside and commits), so
        # an error while chaining can never leave events committed without their chain rows.
        failure: Exception | None = None
        ids: Sequence[int] | None = None
        self._views_pending.start()
        try:
            with self.datastore.get_connection() as conn:  # type: ignore[attr-defined]
                with conn.pipeline() as pipeline:
                    try:
                        with conn.transaction():
                            with conn.cursor() as curs:
                                self._insert_events(curs, stored_events, **kwargs)  # type: ignore[attr-defined]
                            if stored_events:
                                ids = self._insert_and_chain(conn, pipeline, stored_events, **kwargs)
                    except Exception as e:  # noqa: BLE001 - re-raised below, after the pipeline
                        failure = e
                if failure is not None:
                    raise failure  # inside get_connection(), which maps psycopg errors
        except BaseException:
            self._views_pending.abandoned()
            raise
        self._views_pending.committed(self.after_commit)  # committed: tell the listeners
        return ids

    def _insert_and_chain(
        self,
        conn: Connection[Any],
        pipeline: Pipeline,
        stored_events: Sequence[StoredEvent],
        **kwargs: Any,
    ) -> list[int]:
        with conn.cursor() as curs, conn.cursor() as head_curs:
            # Lock, insert, then read the head: one round trip, all under the table lock.
            self._insert_stored_events(curs, stored_events, **kwargs)  # type: ignore[attr-defined]
            head_curs.execute(self.audit_sql["head"], prepare=True)
            pipeline.sync()  # a duplicate version raises IntegrityError here
            inserted = curs.fetchall()
            head = head_curs.fetchone()
        # Pair each returned notification id with its event by key, not by position.
        by_key = {(str(e.originator_id), e.originator_version): e for e in stored_events}
        events = [
            ChainEvent(
                row["notification_id"], row["chain_id"], event.originator_version, event.topic, event.state
            )
            for row in inserted
            for event in [by_key[(row["chain_id"], row["originator_version"])]]
        ]
        head_seq, head_hash = (head["seq"], bytes(head["hash"])) if head else (0, GENESIS)
        rows = extend(head_seq, head_hash, events)
        with conn.cursor() as curs:
            curs.execute(self.audit_sql["append"], [list(col) for col in zip(*rows)], prepare=True)
            curs.execute(self.audit_sql["notify"], [self.channel, str(rows[-1][1])], prepare=True)
        ids = [row["notification_id"] for row in inserted]
        # The chain's head is the event recorded just before these (every event is chained).
        previous = head["notification_id"] if head else 0
        views, applied = self.views, False
        if views is not None:
            in_order = [by_key[(row["chain_id"], row["originator_version"])] for row in inserted]
            applied = views.apply_within(conn, notifications(ids, in_order), previous)
        self._views_pending.set(Committing(previous, max(ids), views if applied else None))
        return ids

    @contextmanager
    def audit_transaction(self, *, commit: bool) -> Iterator[Cursor[Any]]:
        with self.datastore.transaction(commit=commit) as curs:  # type: ignore[attr-defined]
            if not commit:  # a consistent snapshot of events and chain, however long it takes
                curs.execute(self.audit_sql["snapshot"])
            yield curs


class ChainedPostgresApplicationRecorder(_PostgresChain, PostgresApplicationRecorder):
    pass


class ChainedPostgresProcessRecorder(_PostgresChain, PostgresProcessRecorder):
    pass


class ChainedPostgresFactory(PostgresFactory):
    application_recorder_class = ChainedPostgresApplicationRecorder
    process_recorder_class = ChainedPostgresProcessRecorder
