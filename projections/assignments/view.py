"""Read models of assignments: each request with its status and open step, its officials, its
step history, and what the open step is waiting for.

`assignment_waiting` records *what* the open step waits for (the head of a unit, the appraiser
of an official, an office, the official, the other government), never *who*: the queries join
it with today's organisation, so a new unit head finds the request in their inbox at once.
"""

import json
from typing import Any

from eventsourcing.persistence import Notification

from domain.assignment import Assignment, GovernmentOffices
from projections.assignments.state import progress, waiting
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS assignments (id TEXT PRIMARY KEY, position BIGINT NOT NULL,"
    " mode TEXT NOT NULL, scope TEXT NOT NULL, status TEXT NOT NULL, route_citation TEXT NOT NULL,"
    " owning_unit TEXT NOT NULL, official_unit TEXT NOT NULL, counterpart TEXT, tenant_side TEXT,"
    " team INTEGER NOT NULL, work TEXT NOT NULL, criteria TEXT, period_start TEXT NOT NULL,"
    " period_end TEXT NOT NULL, requester_nip TEXT NOT NULL, requested_at TEXT NOT NULL,"
    " steps_total INTEGER NOT NULL, open_step INTEGER, open_role TEXT, open_action TEXT, steps TEXT NOT NULL,"
    " letter_number TEXT, letter_issued_on TEXT, updated_at TEXT NOT NULL, plan_item_id TEXT)",
    "CREATE INDEX IF NOT EXISTS assignments_requester ON assignments (requester_nip, position)",
    "CREATE TABLE IF NOT EXISTS assignment_officials (assignment_id TEXT NOT NULL, nip TEXT NOT NULL,"
    " name TEXT NOT NULL, accepted INTEGER NOT NULL, PRIMARY KEY (assignment_id, nip))",
    "CREATE INDEX IF NOT EXISTS assignment_officials_nip ON assignment_officials (nip)",
    "CREATE TABLE IF NOT EXISTS assignment_steps (assignment_id TEXT NOT NULL, version INTEGER NOT NULL,"
    " step INTEGER, role TEXT, action TEXT, outcome TEXT NOT NULL, actor_nip TEXT NOT NULL,"
    " capacity_kind TEXT NOT NULL, delegated_by TEXT, legal_basis TEXT NOT NULL, reason TEXT,"
    " letter_reference TEXT, recorded_at TEXT NOT NULL, PRIMARY KEY (assignment_id, version))",
    "CREATE TABLE IF NOT EXISTS assignment_waiting (assignment_id TEXT NOT NULL, role TEXT NOT NULL,"
    " target TEXT NOT NULL, unit_code TEXT, official_nip TEXT)",
    "CREATE INDEX IF NOT EXISTS assignment_waiting_id ON assignment_waiting (assignment_id)",
    "CREATE TABLE IF NOT EXISTS government_offices (id INTEGER PRIMARY KEY, setda_code TEXT,"
    " personnel_agency_code TEXT, pyb_nip TEXT, ppk_name TEXT, ppk_office TEXT)",
    # The assignment letter: the rule the request carries (at which step, tembusan by role, article),
    # then, once issued, its number, date, issuer and to whom the copies went (JSON lists).
    "CREATE TABLE IF NOT EXISTS assignment_letters (assignment_id TEXT PRIMARY KEY,"
    " issued_at_step INTEGER NOT NULL, copy_roles TEXT NOT NULL, citation TEXT NOT NULL, number TEXT,"
    " issued_on TEXT, issuer_nip TEXT, copies TEXT)",
    # A step another tenant took (ADR 0010): its event there, by chain position and hash.
    "CREATE TABLE IF NOT EXISTS assignment_step_crossings (assignment_id TEXT NOT NULL,"
    " version INTEGER NOT NULL, tenant TEXT NOT NULL, government TEXT NOT NULL, position BIGINT NOT NULL,"
    " hash TEXT NOT NULL, PRIMARY KEY (assignment_id, version))",
    # The other tenant of a native route (ADR 0010): its side's steps are taken there.
    "CREATE TABLE IF NOT EXISTS assignment_counterpart_tenants (assignment_id TEXT PRIMARY KEY,"
    " tenant TEXT NOT NULL)",
]

OUTCOME = {
    Assignment.Requested: "REQUESTED",
    Assignment.StepApproved: "APPROVED",
    Assignment.OfficialsNamed: "OFFICIALS_NAMED",
    Assignment.LetterIssued: "LETTER_ISSUED",
    Assignment.Accepted: "ACCEPTED",
    Assignment.StepRejected: "REJECTED",
    Assignment.Withdrawn: "WITHDRAWN",
    Assignment.Ended: "ENDED",
}


class AssignmentView:
    tables = [
        "assignment_step_crossings",
        "assignment_counterpart_tenants",
        "assignment_letters",
        "assignment_waiting",
        "assignment_steps",
        "assignment_officials",
        "assignments",
        "government_offices",
    ]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor, notification)

    @eventmethod
    def on(self, event: Any, cursor: Cursor, notification: Notification) -> None:
        """Events of other aggregates do not change these views."""

    @on.register
    def _(self, event: GovernmentOffices.Changed, cursor: Cursor, notification: Notification) -> None:
        cursor.execute("DELETE FROM government_offices WHERE id = 1")
        cursor.execute(
            "INSERT INTO government_offices (id, setda_code, personnel_agency_code, pyb_nip, ppk_name,"
            " ppk_office) VALUES (1, :setda, :personnel, :pyb, :ppk_name, :ppk_office)",
            {
                "setda": event.setda_code,
                "personnel": event.personnel_agency_code,
                "pyb": event.pyb_nip,
                "ppk_name": getattr(event, "ppk_name", None),  # absent from events before ADR 0008
                "ppk_office": getattr(event, "ppk_office", None),
            },
        )

    @on.register
    def _(self, event: Assignment.Requested, cursor: Cursor, notification: Notification) -> None:
        counterpart = event.counterpart or {}
        first_open = event.steps[1] if len(event.steps) > 1 else None
        cursor.execute(
            "INSERT INTO assignments (id, position, mode, scope, status, route_citation, owning_unit,"
            " official_unit, counterpart, tenant_side, team, work, criteria, period_start, period_end,"
            " requester_nip, requested_at, steps_total, open_step, open_role, open_action, steps, updated_at,"
            " plan_item_id)"
            " VALUES (:id, :position, :mode, :scope, 'PENDING', :route, :owning, :official_unit,"
            " :counterpart, :side, :team, :work, :criteria, :start, :end, :requester, :at, :total, :step,"
            " :role, :action, :steps, :at, :plan_item)",
            {
                "id": str(event.originator_id),
                "position": notification.id,
                "mode": event.mode,
                "scope": event.scope,
                "route": event.route_citation,
                "owning": event.owning_unit,
                "official_unit": event.official_unit,
                "counterpart": counterpart.get("government"),
                "side": counterpart.get("tenant_side"),
                "team": int(event.team),
                "work": event.work,
                "criteria": event.criteria,
                "start": event.period_start,
                "end": event.period_end,
                "requester": event.requester_nip,
                "at": event.timestamp.isoformat(),
                "total": len(event.steps),
                "step": 2 if first_open else None,
                "role": first_open["role"] if first_open else None,
                "action": first_open["action"] if first_open else None,
                "steps": json.dumps(event.steps),
                "plan_item": getattr(event, "plan_item_id", None),  # absent before issue 11
            },
        )
        cursor.execute(
            "INSERT INTO assignment_letters (assignment_id, issued_at_step, copy_roles, citation)"
            " VALUES (:id, :step, :roles, :citation)",
            {
                "id": str(event.originator_id),
                "step": event.letter["issued_at_step"],
                "roles": json.dumps(event.letter.get("copies", [])),
                "citation": event.letter["citation"],
            },
        )
        self._officials(cursor, str(event.originator_id), event.officials)
        if counterpart.get("tenant"):
            cursor.execute(
                "INSERT INTO assignment_counterpart_tenants (assignment_id, tenant) VALUES (:id, :tenant)",
                {"id": str(event.originator_id), "tenant": counterpart["tenant"]},
            )
        self._history(cursor, event, event.steps[0])
        self._refresh(cursor, event)

    @on.register(Assignment.StepApproved)
    @on.register(Assignment.OfficialsNamed)
    @on.register(Assignment.LetterIssued)
    @on.register(Assignment.Accepted)
    @on.register(Assignment.StepRejected)
    @on.register(Assignment.Withdrawn)
    @on.register(Assignment.Ended)
    def _(self, event: Any, cursor: Cursor, notification: Notification) -> None:
        key = str(event.originator_id)
        if isinstance(event, Assignment.StepApproved) and getattr(event, "official_unit", None):
            # The official's agency head designated the unit whose appraiser goes on.
            cursor.execute(
                "UPDATE assignments SET official_unit = :unit WHERE id = :id",
                {"unit": event.official_unit, "id": key},
            )
        if isinstance(event, Assignment.OfficialsNamed):
            cursor.execute("DELETE FROM assignment_officials WHERE assignment_id = :id", {"id": key})
            self._officials(cursor, key, event.officials)
        if isinstance(event, Assignment.Accepted):
            cursor.execute(
                "UPDATE assignment_officials SET accepted = 1 WHERE assignment_id = :id AND nip = :nip",
                {"id": key, "nip": event.nip},
            )
        if isinstance(event, Assignment.LetterIssued):
            cursor.execute(
                "UPDATE assignments SET letter_number = :number, letter_issued_on = :on WHERE id = :id",
                {"number": event.number, "on": event.issued_on, "id": key},
            )
            cursor.execute(
                "UPDATE assignment_letters SET number = :number, issued_on = :on, issuer_nip = :issuer,"
                " copies = :copies WHERE assignment_id = :id",
                {
                    "number": event.number,
                    "on": event.issued_on,
                    "issuer": event.decision["actor_nip"],
                    "copies": json.dumps(event.copies),
                    "id": key,
                },
            )
        accepted = isinstance(event, Assignment.Accepted)
        self._history(
            cursor,
            event,
            {
                "role": "OFFICIAL" if accepted else getattr(event, "role", None),
                "action": "ACCEPT" if accepted else getattr(event, "action", None),
            },
        )
        self._refresh(cursor, event)

    @staticmethod
    def _officials(cursor: Cursor, key: str, officials: list[dict]) -> None:
        for o in officials:
            cursor.execute(
                "INSERT INTO assignment_officials (assignment_id, nip, name, accepted)"
                " VALUES (:id, :nip, :name, 0)",
                {"id": key, "nip": o["nip"], "name": o["name"]},
            )

    @staticmethod
    def _history(cursor: Cursor, event: Any, step: dict) -> None:
        decision = event.decision
        cursor.execute(
            "INSERT INTO assignment_steps (assignment_id, version, step, role, action, outcome, actor_nip,"
            " capacity_kind, delegated_by, legal_basis, reason, letter_reference, recorded_at) VALUES (:id,"
            " :version, :step, :role, :action, :outcome, :actor, :kind, :by, :basis, :reason, :letter, :at)",
            {
                "id": str(event.originator_id),
                "version": event.originator_version,
                "step": getattr(event, "step", 1 if isinstance(event, Assignment.Requested) else None),
                "role": step.get("role"),
                "action": step.get("action"),
                "outcome": OUTCOME[type(event)],
                "actor": decision["actor_nip"],
                "kind": decision["capacity"]["kind"],
                "by": decision["capacity"].get("delegated_by"),
                "basis": decision["legal_basis"],
                "reason": decision.get("reason"),
                "letter": (decision.get("letter") or {}).get("reference"),
                "at": event.timestamp.isoformat(),
            },
        )
        crossing = decision.get("other_tenant_event")
        if crossing:
            cursor.execute(
                "INSERT INTO assignment_step_crossings (assignment_id, version, tenant, government, position,"
                " hash) VALUES (:id, :version, :tenant, :government, :position, :hash)",
                {"id": str(event.originator_id), "version": event.originator_version, **crossing},
            )

    @staticmethod
    def _refresh(cursor: Cursor, event: Any) -> None:
        """Status and open step follow the aggregate's own rules, applied to the event."""
        key = str(event.originator_id)
        cursor.execute("SELECT * FROM assignments WHERE id = :id", {"id": key})
        row = cursor.fetchone()
        if row is None:
            return
        cursor.execute(
            "SELECT nip, name, accepted FROM assignment_officials WHERE assignment_id = :id", {"id": key}
        )
        officials = cursor.fetchall()
        row.update(progress(row, officials, event))
        cursor.execute(
            "UPDATE assignments SET status = :status, open_step = :open_step, open_role ="
            " :open_role, open_action = :open_action, updated_at = :at WHERE id = :id",
            {**row, "at": event.timestamp.isoformat()},
        )
        cursor.execute("DELETE FROM assignment_waiting WHERE assignment_id = :id", {"id": key})
        for wait in waiting(row, officials):
            cursor.execute(
                "INSERT INTO assignment_waiting (assignment_id, role, target, unit_code, official_nip)"
                " VALUES (:assignment_id, :role, :target, :unit_code, :official_nip)",
                wait,
            )
