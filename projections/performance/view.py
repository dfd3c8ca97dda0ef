"""Read model of performance management: each official's agreed expectations per piece of work,
the leaders' work breakdowns, members' individual plans, and every feedback given. What is
pending or overdue is computed by the queries against the standing report lines (projections.reports)."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.performance import Expectation, Feedback, IndividualPlan, WorkBreakdown
from projections.engine.codec import dumps
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS expectations (id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL,"
    " subject_id TEXT NOT NULL, team_id TEXT, nip TEXT NOT NULL, counterpart_nip TEXT NOT NULL,"
    " owning_unit TEXT NOT NULL, revision INTEGER NOT NULL, results TEXT NOT NULL,"
    " expectations TEXT NOT NULL,"
    " period_start TEXT, period_end TEXT, recorded_at TEXT NOT NULL, legal_basis TEXT NOT NULL,"
    " capacity TEXT NOT NULL, agreed_at TEXT, agreement_basis TEXT)",
    "CREATE INDEX IF NOT EXISTS expectations_nip ON expectations (nip, subject_id)",
    "CREATE INDEX IF NOT EXISTS expectations_counterpart ON expectations (counterpart_nip)",
    "CREATE TABLE IF NOT EXISTS work_breakdowns (id TEXT PRIMARY KEY, team_id TEXT NOT NULL UNIQUE,"
    " owning_unit TEXT NOT NULL, leader_nip TEXT NOT NULL, items TEXT NOT NULL, recorded_at TEXT NOT NULL,"
    " legal_basis TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS individual_plans (id TEXT PRIMARY KEY, team_id TEXT NOT NULL,"
    " nip TEXT NOT NULL,"
    " owning_unit TEXT NOT NULL, items TEXT NOT NULL, recorded_at TEXT NOT NULL, legal_basis TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS individual_plans_team ON individual_plans (team_id, nip)",
    "CREATE TABLE IF NOT EXISTS feedback (id TEXT PRIMARY KEY, giver_nip TEXT NOT NULL,"
    " receiver_nip TEXT NOT NULL, subject_kind TEXT NOT NULL, subject_id TEXT NOT NULL, team_id TEXT,"
    " owning_unit TEXT NOT NULL, result TEXT, text TEXT NOT NULL, given_on TEXT NOT NULL,"
    " given_at TEXT NOT NULL, capacity TEXT NOT NULL, legal_basis TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS feedback_receiver ON feedback (receiver_nip, subject_id, given_on)",
    "CREATE INDEX IF NOT EXISTS feedback_giver ON feedback (giver_nip, given_on)",
]


def _at(event: Any) -> str:
    return event.timestamp.isoformat()


class PerformanceView:
    tables = ["feedback", "individual_plans", "work_breakdowns", "expectations"]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Other events change nothing here."""

    @on.register
    def _(self, e: Expectation.Recorded, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO expectations (id, subject_kind, subject_id, team_id, nip, counterpart_nip,"
            " owning_unit,"
            " revision, results, expectations, period_start, period_end, recorded_at, legal_basis, capacity)"
            " VALUES (:id, :kind, :subject, :team, :nip, :counterpart, :unit, 1, :results, :text, :start,"
            " :end,"
            " :at, :basis, :capacity)",
            {
                "id": str(e.originator_id),
                "kind": e.subject_kind,
                "subject": e.subject_id,
                "team": e.team_id,
                "nip": e.nip,
                "unit": e.unit_code,
                **self._record(e),
            },
        )

    @on.register
    def _(self, e: Expectation.Revised, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE expectations SET counterpart_nip = :counterpart, revision = revision + 1,"
            " results = :results,"
            " expectations = :text, period_start = :start, period_end = :end, recorded_at = :at,"
            " legal_basis = :basis, capacity = :capacity, agreed_at = NULL, agreement_basis = NULL"
            " WHERE id = :id",
            {"id": str(e.originator_id), **self._record(e)},
        )

    @staticmethod
    def _record(e: Any) -> dict:
        return {
            "counterpart": e.counterpart_nip,
            "results": dumps(e.results),
            "text": e.expectations,
            "start": e.period_start,
            "end": e.period_end,
            "at": _at(e),
            "basis": e.decision["legal_basis"],
            "capacity": dumps(e.decision["capacity"]),
        }

    @on.register
    def _(self, e: Expectation.Agreed, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE expectations SET agreed_at = :at, agreement_basis = :basis WHERE id = :id",
            {"at": _at(e), "basis": e.decision["legal_basis"], "id": str(e.originator_id)},
        )

    @on.register
    def _(self, e: WorkBreakdown.Recorded, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO work_breakdowns (id, team_id, owning_unit, leader_nip, items, recorded_at,"
            " legal_basis)"
            " VALUES (:id, :team, :unit, :leader, :items, :at, :basis)",
            {
                "id": str(e.originator_id),
                "team": e.team_id,
                "unit": e.unit_code,
                "leader": e.decision["actor_nip"],
                "items": dumps(e.items),
                "at": _at(e),
                "basis": e.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, e: WorkBreakdown.Revised, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE work_breakdowns SET items = :items, leader_nip = :leader, recorded_at = :at,"
            " legal_basis = :basis WHERE id = :id",
            {
                "id": str(e.originator_id),
                "leader": e.decision["actor_nip"],
                "items": dumps(e.items),
                "at": _at(e),
                "basis": e.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, e: IndividualPlan.Recorded, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO individual_plans (id, team_id, nip, owning_unit, items, recorded_at, legal_basis)"
            " VALUES (:id, :team, :nip, :unit, :items, :at, :basis)",
            {
                "id": str(e.originator_id),
                "team": e.team_id,
                "nip": e.nip,
                "unit": e.unit_code,
                "items": dumps(e.items),
                "at": _at(e),
                "basis": e.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, e: IndividualPlan.Revised, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE individual_plans SET items = :items, recorded_at = :at, legal_basis = :basis"
            " WHERE id = :id",
            {
                "id": str(e.originator_id),
                "items": dumps(e.items),
                "at": _at(e),
                "basis": e.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, e: Feedback.Given, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO feedback (id, giver_nip, receiver_nip, subject_kind, subject_id, team_id,"
            " owning_unit,"
            " result, text, given_on, given_at, capacity, legal_basis) VALUES (:id, :giver, :receiver, :kind,"
            " :subject, :team, :unit, :result, :text, :on, :at, :capacity, :basis)",
            {
                "id": str(e.originator_id),
                "giver": e.giver_nip,
                "receiver": e.receiver_nip,
                "kind": e.subject_kind,
                "subject": e.subject_id,
                "team": e.team_id,
                "unit": e.unit_code,
                "result": e.result,
                "text": e.text,
                "on": e.given_on,
                "at": _at(e),
                "capacity": dumps(e.decision["capacity"]),
                "basis": e.decision["legal_basis"],
            },
        )
