"""The read models written in the events' own transaction (docs/adr/0013-command-cost.md): the
adapters a chained recorder calls (infra.audit.in_transaction), one per dialect, around
`Projector.apply_within`."""

from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import Notification
from psycopg.rows import dict_row

from projections.engine.projector import Projector, savepoint
from projections.engine.store import _PgCursor, _SQLiteCursor


class SQLiteWithin:
    """On SQLite the recorder hands over its cursor (the views share the application's file)."""

    def __init__(self, projector: Projector, enabled: Callable[[], bool] = lambda: True):
        self.projector = projector
        self.enabled = enabled  # whether commands project their events at all (infra.bootstrap)

    def apply_within(self, handle: Any, notifications: Sequence[Notification], previous: int) -> bool:
        if not self.enabled():
            return False
        cursor = _SQLiteCursor(handle)
        return self.projector.apply_within(cursor, savepoint(cursor), notifications, previous)

    def committed(self, position: int) -> None:
        self.projector.committed(position)

    def abandoned(self) -> None:
        self.projector.abandoned()


class PostgresWithin:
    """On PostgreSQL the recorder hands over its connection (in pipeline mode, inside its
    transaction): the views' unqualified tables are found through a transaction-local search_path,
    as on a shared pool (projections.engine.store)."""

    def __init__(self, projector: Projector, schema: str, enabled: Callable[[], bool] = lambda: True):
        self.projector = projector
        self.schema = schema
        self.enabled = enabled

    def apply_within(self, handle: Any, notifications: Sequence[Notification], previous: int) -> bool:
        if not self.enabled():
            return False
        with handle.cursor(row_factory=dict_row) as cursor:
            cursor.execute("SELECT set_config('search_path', %s, true)", (self.schema,), prepare=True)
            return self.projector.apply_within(
                _PgCursor(cursor), handle.transaction(), notifications, previous
            )

    def committed(self, position: int) -> None:
        self.projector.committed(position)

    def abandoned(self) -> None:
        self.projector.abandoned()
