"""Events a read model could not apply: kept aside, reported, retried by a fixed release.

One event that a view cannot write (a NUL that PostgreSQL text refuses, a bug in a view) must not
stop the projector for good: the view's work for that event is rolled back to a savepoint, the
event is recorded here with its position and error, and the other views and later events go on.
Later events of the same record are held back in that view too (recorded here as well), so that
when the fixed release retries them they are applied in their original order.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from projections.engine.store import Cursor, ViewStore

TABLE = "projection_quarantine"
DDL = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} ("
    " view TEXT NOT NULL, position BIGINT NOT NULL, originator_id TEXT NOT NULL, topic TEXT NOT NULL,"
    " error TEXT NOT NULL, quarantined_at TEXT NOT NULL, PRIMARY KEY (view, position))"
)
MAX_ERROR = 2000  # characters of the error kept (an error may quote a whole row)


@dataclass(frozen=True)
class Quarantined:
    view: str
    position: int
    originator_id: str
    topic: str
    error: str
    quarantined_at: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "position": self.position,
            "originatorId": self.originator_id,
            "topic": self.topic,
            "error": self.error,
            "quarantinedAt": self.quarantined_at,
        }


def view_name(view: Any) -> str:
    return type(view).__name__


def describe(error: BaseException) -> str:
    """The error as text that any store accepts (an error may quote the NUL that caused it)."""
    text = f"{type(error).__module__}.{type(error).__qualname__}: {error}"
    return text.replace("\x00", "\\x00")[:MAX_ERROR]


def record(cursor: Cursor, view: str, notification: Any, error: str) -> Quarantined:
    entry = Quarantined(
        view=view,
        position=int(notification.id),
        originator_id=str(notification.originator_id),
        topic=notification.topic,
        error=error,
        quarantined_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    cursor.execute(
        f"INSERT INTO {TABLE} (view, position, originator_id, topic, error, quarantined_at)"
        " VALUES (:view, :position, :originator_id, :topic, :error, :at)"
        " ON CONFLICT (view, position) DO UPDATE SET error = excluded.error,"
        " quarantined_at = excluded.quarantined_at",
        {
            "view": entry.view,
            "position": entry.position,
            "originator_id": entry.originator_id,
            "topic": entry.topic,
            "error": entry.error,
            "at": entry.quarantined_at,
        },
    )
    return entry


def remove(cursor: Cursor, view: str, position: int) -> None:
    cursor.execute(
        f"DELETE FROM {TABLE} WHERE view = :view AND position = :position",
        {"view": view, "position": position},
    )


def clear(cursor: Cursor) -> None:
    cursor.execute(f"DELETE FROM {TABLE}")


_SELECT = f"SELECT view, position, originator_id, topic, error, quarantined_at FROM {TABLE}"


def _entries(rows: Sequence[dict[str, Any]]) -> list[Quarantined]:
    return [
        Quarantined(
            view=r["view"],
            position=int(r["position"]),
            originator_id=r["originator_id"],
            topic=r["topic"],
            error=r["error"],
            quarantined_at=r["quarantined_at"],
        )
        for r in rows
    ]


def load(cursor: Cursor) -> list[Quarantined]:
    """Inside a transaction (the projector's, which holds the position row)."""
    cursor.execute(f"{_SELECT} ORDER BY position, view")
    return _entries(cursor.fetchall())


def listing(store: ViewStore) -> list[Quarantined]:
    """Every quarantined event, oldest first: what the administrator sees."""
    return _entries(store.query(f"{_SELECT} ORDER BY position, view"))
