"""Reading and writing the audit tables through a chained recorder's own connection pool.

The recorders (sqlite_chain, postgres_chain) hold the dialect-specific SQL in `audit_sql`;
this module only runs it, so verify and checkpoint are written once for both databases.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from infra.audit.chain import ChainEvent, ChainRow

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from infra.audit.chained import ChainedRecorder


class AuditTables:
    def __init__(self, cursor: Any, sql: dict[str, Any]) -> None:
        self._c, self._sql = cursor, sql

    def _all(self, name: str, *params: Any) -> list[Any]:
        self._c.execute(self._sql[name], params)
        return self._c.fetchall()

    def head(self) -> ChainRow | None:
        rows = self._all("head")
        return ChainRow(rows[0]["seq"], 0, bytes(rows[0]["hash"])) if rows else None

    def events_after(self, notification_id: int, limit: int) -> list[ChainEvent]:
        return [_event(row) for row in self._all("events_after", notification_id, limit)]

    def chain_after(self, seq: int, limit: int) -> list[ChainRow]:
        rows = self._all("chain_after", seq, limit)
        return [ChainRow(r["seq"], r["notification_id"], bytes(r["hash"])) for r in rows]

    def chain_of_event(self, notification_id: int) -> ChainRow | None:
        rows = self._all("chain_of_event", notification_id)
        return ChainRow(rows[0]["seq"], rows[0]["notification_id"], bytes(rows[0]["hash"])) if rows else None

    def latest_checkpoint(self) -> dict[str, Any] | None:
        rows = self._all("latest_checkpoint")
        return dict(rows[0]) if rows else None

    def insert_checkpoint(self, *values: Any) -> None:
        self._c.execute(self._sql["insert_checkpoint"], values)


def _event(row: Any) -> ChainEvent:
    # Coerce rather than trust: a tampered row may hold NULLs or text where bytes belong,
    # and must then fail the hash comparison, not crash the verifier.
    state = row["state"]
    state = state.encode() if isinstance(state, str) else bytes(state or b"")
    return ChainEvent(
        row["notification_id"],
        str(row["originator_id"]),
        row["originator_version"] if row["originator_version"] is not None else -1,
        str(row["topic"] or ""),
        state,
    )


@contextmanager
def reading(recorder: ChainedRecorder) -> Iterator[AuditTables]:
    """One read-only snapshot: everything read inside sees the same committed state."""
    with recorder.audit_transaction(commit=False) as cursor:
        yield AuditTables(cursor, recorder.audit_sql)


@contextmanager
def writing(recorder: ChainedRecorder) -> Iterator[AuditTables]:
    with recorder.audit_transaction(commit=True) as cursor:
        yield AuditTables(cursor, recorder.audit_sql)


def paged(fetch: Callable[[int, int], list[Any]], key: str, batch: int, after: int = 0) -> Iterator[Any]:
    """Keyset pagination: fetch(after, limit) repeatedly, resuming after the last key."""
    while True:
        rows = fetch(after, batch)
        yield from rows
        if len(rows) < batch:
            return
        after = getattr(rows[-1], key)
