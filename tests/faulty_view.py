"""A read model with a bug, for the quarantine tests: it cannot apply an event that carries the
word RACUN ("poison") until it is `fixed`. It fails inside the database, as a real view would:
on PostgreSQL with the NUL the issue saw (`DataError`), on SQLite (which stores NUL) on a CHECK."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

POISON = "RACUN"


class FaultyView:
    tables = ["faulty_notes"]
    ddl = [
        "CREATE TABLE IF NOT EXISTS faulty_notes (position BIGINT PRIMARY KEY, originator_id TEXT NOT NULL,"
        f" note TEXT NOT NULL CHECK (note NOT LIKE '%{POISON}%'))"
    ]
    fixed = False  # the "fixed release"

    def apply(self, cursor: Any, event: Any, notification: Any) -> None:
        note = " ".join(str(value) for value in vars(event).values() if isinstance(value, str))[:200]
        if POISON in note:
            note = note.replace(POISON, "(fixed)") if self.fixed else note + "\x00"
        cursor.execute(
            "INSERT INTO faulty_notes (position, originator_id, note) VALUES (:p, :o, :n)",
            {"p": notification.id, "o": str(notification.originator_id), "n": note},
        )


@pytest.fixture
def faulty_views(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], None]]:
    """Every system built in this test has the faulty view too; call the result to 'fix' it."""
    import infra.bootstrap

    real = infra.bootstrap.all_views
    monkeypatch.setattr(infra.bootstrap, "all_views", lambda: [*real(), FaultyView()])
    monkeypatch.setattr(FaultyView, "fixed", False)
    yield lambda: monkeypatch.setattr(FaultyView, "fixed", True)
