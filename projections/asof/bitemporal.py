"""Rows valid on two axes, and how an event changes them (ADR 0011).

Every row of a history table holds one subject's state (JSON) over a rectangle:
`recorded_from <= T < recorded_to` (what the record said at instant T: the events' own UTC
timestamps) and `effective_from <= D < effective_to` (what was in force on day D, by TMT). NULL
ends are open. The rectangles of one subject never overlap, so a look-up finds at most one row.

The model: an event recorded at T0 with effective date E0 states "from E0 on, the state is the
old state changed by this event". So the state on (T, D) is the fold, in recorded order, of the
subject's events recorded at or before T whose effective date is on or before D: a later record
with an earlier TMT rewrites the effective past from its TMT on, and today's effective state is
always the aggregate's present state. The standard bitemporal update does exactly that: the rows
still open on the recorded axis whose effective interval reaches E0 are closed at T0 and written
again from T0, split at E0 (the part before unchanged, the part after changed).
"""

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from projections.engine.store import Cursor

BEGINNING = "0001-01-01"  # "in force on every day": the record gives no start date
FOREVER = "9999-12-31"  # the effective day asked for when only a recorded instant is given

Change = Callable[[dict[str, Any]], dict[str, Any]]

HISTORY_COLUMNS = (
    " recorded_from TEXT NOT NULL, recorded_to TEXT,"
    " effective_from TEXT NOT NULL, effective_to TEXT, state TEXT NOT NULL"
)


def recorded(instant: datetime) -> str:
    """A fixed-width UTC text that sorts as the instants do, on both stores (an instant whose UTC
    falls outside years 1-9999 is before or after everything recorded)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    try:
        instant = instant.astimezone(UTC)
    except OverflowError:
        instant = datetime.min.replace(tzinfo=UTC) if instant.year == 1 else datetime.max.replace(tzinfo=UTC)
    return f"{instant.year:04d}-{instant:%m-%dT%H:%M:%S.%f}Z"


def effective(event: Any, *, since_ever: bool = False) -> str:
    """The event's TMT where its decision gives one; else `BEGINNING` for a subject recorded as it
    stands (units, officials, delegations: their own dates say when), else the UTC day recorded."""
    decision = getattr(event, "decision", None) or {}
    if decision.get("effective_date"):
        return str(decision["effective_date"])
    if since_ever:
        return BEGINNING
    return event.timestamp.astimezone(UTC).date().isoformat()


def day(on: date | None) -> str:
    return on.isoformat() if on is not None else FOREVER


def dump(state: dict[str, Any]) -> str:
    return json.dumps(state, sort_keys=True, separators=(",", ":"))


class History:
    """One history table: a key column, fixed columns copied from row to row (immutable facts of
    the subject that queries filter on), and the state."""

    def __init__(self, table: str, key: str, fixed: tuple[str, ...] = ()):
        self.table, self.key, self.fixed = table, key, fixed
        self._columns = ", ".join(
            (key, *fixed, "recorded_from", "recorded_to", "effective_from", "effective_to", "state")
        )
        self._values = ", ".join(
            f":{c}"
            for c in (key, *fixed, "recorded_from", "recorded_to", "effective_from", "effective_to", "state")
        )

    def ddl(self, fixed_types: str = "") -> str:
        return (
            f"CREATE TABLE IF NOT EXISTS {self.table}"
            f" ({self.key} TEXT NOT NULL,{fixed_types}{HISTORY_COLUMNS},"
            f" PRIMARY KEY ({self.key}, recorded_from, effective_from))"
        )

    def _insert(self, cursor: Cursor, row: dict[str, Any]) -> None:
        cursor.execute(f"INSERT INTO {self.table} ({self._columns}) VALUES ({self._values})", row)

    def begin(
        self, cursor: Cursor, key: str, at: str, since: str, state: dict[str, Any], **fixed: Any
    ) -> None:
        """The subject comes into the record at `at`, in force from `since`."""
        row = {self.key: key, **fixed, "recorded_from": at, "recorded_to": None}
        self._insert(cursor, {**row, "effective_from": since, "effective_to": None, "state": dump(state)})

    def change(self, cursor: Cursor, key: str, at: str, since: str, change: Change) -> None:
        """Recorded at `at`, in force from `since`: `change` applies to the state on every day
        from `since` on (as far as the subject is known there)."""
        cursor.execute(
            f"SELECT * FROM {self.table} WHERE {self.key} = :key AND recorded_to IS NULL"
            " AND (effective_to IS NULL OR effective_to > :since)",
            {"key": key, "since": since},
        )
        for row in cursor.fetchall():
            old = json.loads(row["state"])
            new = dump(change(old))
            if new == row["state"]:
                continue
            where = {"key": key, "rf": row["recorded_from"], "ef": row["effective_from"]}
            if row["recorded_from"] == at:  # written at this same instant: nobody saw it
                cursor.execute(
                    f"DELETE FROM {self.table} WHERE {self.key} = :key AND recorded_from = :rf"
                    " AND effective_from = :ef",
                    where,
                )
            else:
                cursor.execute(
                    f"UPDATE {self.table} SET recorded_to = :at WHERE {self.key} = :key"
                    " AND recorded_from = :rf AND effective_from = :ef",
                    {**where, "at": at},
                )
            base = {**row, "recorded_from": at, "recorded_to": None}
            if row["effective_from"] < since:
                self._insert(cursor, {**base, "effective_to": since})
                base["effective_from"] = since
            self._insert(cursor, {**base, "state": new})


def in_force(alias: str = "") -> str:
    """The SQL condition: the row is valid at recorded instant :at and on effective day :on."""
    p = f"{alias}." if alias else ""
    return (
        f"{p}recorded_from <= :at AND ({p}recorded_to IS NULL OR {p}recorded_to > :at)"
        f" AND {p}effective_from <= :on AND ({p}effective_to IS NULL OR {p}effective_to > :on)"
    )
