"""Read model of evaluations: where the results of every piece of work stand in their chain,
and every step taken (submitted, approved at a level, declared complete, returned)."""

from typing import Any

import orjson
from eventsourcing.persistence import Notification

from domain.evaluation import IN_PROGRESS, UNDER_REVIEW, Evaluation, Standing, evolve
from projections.engine.codec import dumps
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS evaluations (id TEXT PRIMARY KEY, subject_id TEXT NOT NULL UNIQUE,"
    " subject_kind TEXT NOT NULL, title TEXT NOT NULL, owning_unit TEXT NOT NULL, agency_kind TEXT NOT NULL,"
    " chain TEXT NOT NULL, chain_citation TEXT NOT NULL, status TEXT NOT NULL, level INTEGER NOT NULL,"
    " round INTEGER NOT NULL, reviewing_unit TEXT, submitted_by TEXT, updated_at TEXT NOT NULL,"
    " completed_at TEXT, last_notes TEXT)",
    "CREATE INDEX IF NOT EXISTS evaluations_reviewing ON evaluations (reviewing_unit, subject_id)",
    "CREATE TABLE IF NOT EXISTS evaluation_steps (evaluation_id TEXT NOT NULL, version INTEGER NOT NULL,"
    " round INTEGER NOT NULL, level INTEGER, unit_code TEXT, action TEXT NOT NULL, actor_nip TEXT NOT NULL,"
    " capacity TEXT NOT NULL, note TEXT, detail TEXT, legal_basis TEXT NOT NULL, at TEXT NOT NULL,"
    " PRIMARY KEY (evaluation_id, version))",
]


class EvaluationsView:
    tables = ["evaluation_steps", "evaluations"]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Other events do not change evaluations."""

    @on.register
    def _(self, e: Evaluation.Started, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO evaluations (id, subject_id, subject_kind, title, owning_unit, agency_kind, chain,"
            " chain_citation, status, level, round, updated_at) VALUES (:eid, :id, :kind, :title, :unit,"
            " :agency, :chain, :citation, :status, 0, 0, :at)",
            {
                "status": Standing().status,
                "eid": str(e.originator_id),
                "id": e.subject_id,
                "kind": e.subject_kind,
                "title": e.title,
                "unit": e.unit_code,
                "agency": e.agency_kind,
                "chain": dumps(e.chain),
                "citation": e.chain_citation,
                "at": e.timestamp.isoformat(),
            },
        )

    @on.register
    def _(self, e: Evaluation.ResultsSubmitted, cursor: Cursor) -> None:
        self._state(cursor, e, round=e.round, submitted_by=e.decision["actor_nip"])
        self._step(
            cursor,
            e,
            "SUBMITTED",
            None,
            None,
            None,
            {"summary": e.summary, "results": e.results, "attachments": e.attachments},
        )

    @on.register
    def _(self, e: Evaluation.LevelApproved, cursor: Cursor) -> None:
        self._state(cursor, e)
        self._step(cursor, e, "APPROVED", e.level, e.unit_code, e.note)

    @on.register
    def _(self, e: Evaluation.DeclaredComplete, cursor: Cursor) -> None:
        self._state(cursor, e, completed=True)
        self._step(cursor, e, "DECLARED_COMPLETE", e.level, e.unit_code, e.note)

    @on.register
    def _(self, e: Evaluation.ReturnedForRework, cursor: Cursor) -> None:
        self._state(cursor, e, notes=e.notes)
        self._step(cursor, e, "RETURNED", e.level, e.unit_code, e.notes)

    def _state(
        self,
        cursor: Cursor,
        e: Any,
        round: int | None = None,
        submitted_by: str | None = None,
        completed: bool = False,
        notes: str | None = None,
    ) -> None:
        eid = str(e.originator_id)
        cursor.execute("SELECT chain, status, level FROM evaluations WHERE id = :id", {"id": eid})
        row = cursor.fetchone()
        chain = orjson.loads(row["chain"])
        # The row keeps the level as a 1-based number (0: none); the lifecycle counts from 0.
        now = evolve(
            Standing(row["status"], max(row["level"] - 1, 0)), type(e).__name__, level=getattr(e, "level", 0)
        )
        status, level = now.status, now.level + 1 if now.status != IN_PROGRESS else 0
        # The unit reviewing now, so "what waits for me" is one indexed look-up.
        reviewing = chain[now.level]["unit_code"] if status == UNDER_REVIEW else None
        cursor.execute(
            "UPDATE evaluations SET status = :status, level = :level, reviewing_unit = :reviewing,"
            " updated_at = :at, round = COALESCE(:round, round), submitted_by = COALESCE(:by, submitted_by),"
            " completed_at = CASE WHEN :completed = 1 THEN :at ELSE completed_at END,"
            " last_notes = COALESCE(:notes, last_notes) WHERE id = :id",
            {
                "status": status,
                "level": level,
                "reviewing": reviewing,
                "at": e.timestamp.isoformat(),
                "round": round,
                "by": submitted_by,
                "completed": 1 if completed else 0,
                "notes": notes,
                "id": eid,
            },
        )

    def _step(
        self,
        cursor: Cursor,
        e: Any,
        action: str,
        level: int | None,
        unit: str | None,
        note: str | None,
        detail: dict | None = None,
    ) -> None:
        cursor.execute(
            "INSERT INTO evaluation_steps (evaluation_id, version, round, level, unit_code, action,"
            " actor_nip, capacity, note, detail, legal_basis, at) SELECT id, :version, round, :level, :unit,"
            " :action, :actor, :capacity, :note, :detail, :basis, :at FROM evaluations WHERE id = :id",
            {
                "version": e.originator_version,
                "level": level,
                "unit": unit,
                "action": action,
                "actor": e.decision["actor_nip"],
                "capacity": dumps(e.decision["capacity"]),
                "note": note,
                "detail": dumps(detail) if detail else None,
                "basis": e.decision["legal_basis"],
                "at": e.timestamp.isoformat(),
                "id": str(e.originator_id),
            },
        )
