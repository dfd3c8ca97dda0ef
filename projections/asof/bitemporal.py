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

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import orjson

from projections.engine.store import Cursor, _SQLiteCursor

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
    return instant.isoformat(timespec="microseconds")[:26] + "Z"  # the year padded to four digits


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
    """The stored text of a state: compact, keys sorted, so equal states have equal texts."""
    return orjson.dumps(state, option=orjson.OPT_SORT_KEYS).decode()


class History:
    """One history table: a key column, fixed columns copied from row to row (immutable facts of
    the subject that queries filter on), and the state."""

    def __init__(self, table: str, key: str, fixed: tuple[str, ...] = ()):
        self.table, self.key, self.fixed = table, key, fixed
        self.columns = (
            key,
            *fixed,
            "recorded_from",
            "recorded_to",
            "effective_from",
            "effective_to",
            "state",
        )

    def ddl(self, fixed_types: str = "") -> str:
        return (
            f"CREATE TABLE IF NOT EXISTS {self.table}"
            f" ({self.key} TEXT NOT NULL,{fixed_types}{HISTORY_COLUMNS},"
            f" PRIMARY KEY ({self.key}, recorded_from, effective_from))"
        )


CHUNK = 200  # rows per statement (SQLite allows 32,766 parameters)


class Work:
    """The rows of one history table that a batch of events touches: each subject's open rows read
    once (`load`, one statement for the batch), changed in memory in the events' order, written
    once (`flush`). The result is the same as writing event by event; a row opened and closed
    within the batch is written once, closed."""

    def __init__(self, history: History, cursor: Cursor):
        self.h, self.cursor = history, cursor
        self.open: dict[str, list[dict[str, Any]]] = {}  # key -> rows open on the recorded axis
        self.replaced: list[dict[str, Any]] = []  # stored rows to delete (written again if closed)
        self.closed: list[dict[str, Any]] = []  # rows to write closed

    def load(self, keys: set[str]) -> None:
        missing = sorted(k for k in keys if k not in self.open)
        for i in range(0, len(missing), CHUNK):
            chunk = missing[i : i + CHUNK]
            names = {f"k{n}": key for n, key in enumerate(chunk)}
            self.cursor.execute(
                f"SELECT * FROM {self.h.table} WHERE recorded_to IS NULL"
                f" AND {self.h.key} IN ({', '.join(':' + n for n in names)})",
                names,
            )
            for key in chunk:
                self.open[key] = []
            for row in self.cursor.fetchall():  # the state is parsed when a change needs it
                self.open[row[self.h.key]].append({**row, "parsed": None, "stored": True})

    def rows(self, key: str) -> list[dict[str, Any]]:
        if key not in self.open:
            self.load({key})
        return self.open[key]

    def begin(self, key: str, at: str, since: str, state: dict[str, Any], **fixed: Any) -> None:
        """The subject comes into the record at `at`, in force from `since`."""
        row = {self.h.key: key, **fixed, "recorded_from": at, "recorded_to": None}
        self.rows(key).append(
            {
                **row,
                "effective_from": since,
                "effective_to": None,
                "state": dump(state),
                "parsed": state,
                "stored": False,
            }
        )

    def change(self, key: str, at: str, since: str, change: Change) -> None:
        """Recorded at `at`, in force from `since`: `change` applies to the state on every day
        from `since` on (as far as the subject is known there)."""
        kept, written = [], []
        for row in self.rows(key):
            if row["effective_to"] is not None and row["effective_to"] <= since:
                kept.append(row)
                continue
            if row["parsed"] is None:  # re-dumped, so a text an older release wrote compares equal
                row["parsed"] = orjson.loads(row["state"])
                row["state"] = dump(row["parsed"])
            parsed = change(row["parsed"])  # a change returns a new dict: the row's own stays as it was
            new = dump(parsed)
            if new == row["state"]:
                kept.append(row)
                continue
            self._close(row, at)
            base = {**row, "recorded_from": at, "recorded_to": None, "stored": False}
            if row["effective_from"] < since:  # the days before `since` stay as they were
                written.append({**base, "effective_to": since})
                base["effective_from"] = since
            written.append({**base, "state": new, "parsed": parsed})
        self.open[key] = kept + written

    def _close(self, row: dict[str, Any], at: str) -> None:
        if row["stored"]:
            self.replaced.append(row)
        if row["recorded_from"] != at:  # else written at this same instant: nobody saw it
            self.closed.append({**row, "recorded_to": at})

    def flush(self) -> None:
        rows = self.closed + [r for rows in self.open.values() for r in rows if not r["stored"]]
        if isinstance(self.cursor, _SQLiteCursor):
            self._flush_sqlite(rows)
        else:
            self._flush_chunked(rows)
        self.open, self.replaced, self.closed = {}, [], []

    def _flush_sqlite(self, rows: list[dict[str, Any]]) -> None:
        """In process a statement costs microseconds: one prepared statement run row by row."""
        key, columns, sqlite = self.h.key, self.h.columns, self.cursor._cursor  # type: ignore[attr-defined]
        sqlite.executemany(
            f"DELETE FROM {self.h.table} WHERE {key} = ? AND recorded_from = ? AND effective_from = ?",
            [(row[key], row["recorded_from"], row["effective_from"]) for row in self.replaced],
        )
        sqlite.executemany(
            f"INSERT INTO {self.h.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            [tuple(row[column] for column in columns) for row in rows],
        )

    def _flush_chunked(self, rows: list[dict[str, Any]]) -> None:
        """Over a network a statement costs a round trip: many rows a statement."""
        key = self.h.key
        for i in range(0, len(self.replaced), CHUNK):
            chunk = self.replaced[i : i + CHUNK]
            params, tuples = {}, []
            for n, row in enumerate(chunk):
                params |= {f"k{n}": row[key], f"r{n}": row["recorded_from"], f"e{n}": row["effective_from"]}
                tuples.append(f"(:k{n}, :r{n}, :e{n})")
            keys = [f":k{n}" for n in range(len(chunk))]
            # The key's own IN list lets the planner search the primary key.
            self.cursor.execute(
                f"DELETE FROM {self.h.table} WHERE {key} IN ({', '.join(keys)})"
                f" AND ({key}, recorded_from, effective_from) IN (VALUES {', '.join(tuples)})",
                params,
            )
        columns = self.h.columns
        for i in range(0, len(rows), CHUNK):
            chunk, params, tuples = rows[i : i + CHUNK], {}, []
            for n, row in enumerate(chunk):
                params |= {f"c{c}_{n}": row[column] for c, column in enumerate(columns)}
                tuples.append("(" + ", ".join(f":c{c}_{n}" for c in range(len(columns))) + ")")
            self.cursor.execute(
                f"INSERT INTO {self.h.table} ({', '.join(columns)}) VALUES {', '.join(tuples)}", params
            )


def in_force(alias: str = "") -> str:
    """The SQL condition: the row is valid at recorded instant :at and on effective day :on."""
    p = f"{alias}." if alias else ""
    return (
        f"{p}recorded_from <= :at AND ({p}recorded_to IS NULL OR {p}recorded_to > :at)"
        f" AND {p}effective_from <= :on AND ({p}effective_to IS NULL OR {p}effective_to > :on)"
    )
