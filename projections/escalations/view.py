"""Read model of escalations: open and decided, with each addressed head's decision."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.escalation import Escalation
from projections.engine.codec import dumps
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS escalations (id TEXT PRIMARY KEY, subject_id TEXT NOT NULL,"
    " subject_kind TEXT NOT NULL, owning_unit TEXT NOT NULL, problems TEXT NOT NULL,"
    " alternatives TEXT NOT NULL, raised_by TEXT NOT NULL, raised_at TEXT NOT NULL,"
    " legal_basis TEXT NOT NULL, status TEXT NOT NULL, decided_at TEXT)",
    "CREATE INDEX IF NOT EXISTS escalations_status ON escalations (status, raised_at)",
    "CREATE TABLE IF NOT EXISTS escalation_addressees (escalation_id TEXT NOT NULL, unit_code TEXT NOT NULL,"
    " role TEXT NOT NULL, decided_by TEXT, choice TEXT, decision TEXT, reason TEXT, capacity TEXT,"
    " decided_at TEXT, PRIMARY KEY (escalation_id, unit_code))",
    "CREATE INDEX IF NOT EXISTS escalation_addressees_unit ON escalation_addressees (unit_code, decided_at)",
]


class EscalationsView:
    tables = ["escalation_addressees", "escalations"]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Other events change no escalation."""

    @on.register
    def _(self, e: Escalation.Raised, cursor: Cursor) -> None:
        eid = str(e.originator_id)
        cursor.execute(
            "INSERT INTO escalations (id, subject_id, subject_kind, owning_unit, problems, alternatives,"
            " raised_by, raised_at, legal_basis, status) VALUES (:id, :subject, :kind, :unit, :problems,"
            " :alternatives, :by, :at, :basis, 'OPEN')",
            {
                "id": eid,
                "subject": e.subject_id,
                "kind": e.subject_kind,
                "unit": e.unit_code,
                "problems": e.problems,
                "alternatives": dumps(e.alternatives),
                "by": e.decision["actor_nip"],
                "at": e.timestamp.isoformat(),
                "basis": e.decision["legal_basis"],
            },
        )
        for a in e.addressees:
            cursor.execute(
                "INSERT INTO escalation_addressees (escalation_id, unit_code, role)"
                " VALUES (:id, :unit, :role)",
                {"id": eid, "unit": a["unit_code"], "role": a["role"]},
            )

    @on.register
    def _(self, e: Escalation.Decided, cursor: Cursor) -> None:
        eid, at = str(e.originator_id), e.timestamp.isoformat()
        cursor.execute(
            "UPDATE escalation_addressees SET decided_by = :by, choice = :choice, decision = :text,"
            " reason = :reason, capacity = :capacity, decided_at = :at"
            " WHERE escalation_id = :id AND unit_code = :unit",
            {
                "by": e.decision["actor_nip"],
                "choice": e.choice,
                "text": e.text,
                "reason": e.decision.get("reason"),
                "capacity": dumps(e.decision["capacity"]),
                "at": at,
                "id": eid,
                "unit": e.unit_code,
            },
        )
        cursor.execute(
            "UPDATE escalations SET status = 'DECIDED', decided_at = :at WHERE id = :id AND NOT EXISTS"
            " (SELECT 1 FROM escalation_addressees WHERE escalation_id = :id AND decided_at IS NULL)",
            {"at": at, "id": eid},
        )
