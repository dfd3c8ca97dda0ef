"""Read model of the agency's PK targets and the units' work plans: the plan, its items (with the
PK target or budget activity each rests on, and their status), and each amendment with its reason.
Which assignments and teams serve an item is read from their own tables (their `plan_item_id`)."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.work_plan import ACTIVE, DROPPED, WITHDRAWN, PerformanceAgreement, WorkPlan
from projections.engine.codec import dumps
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor
from projections.ledger import view as ledger

# The PK's events name their agency (`agency_code`): the decision ledger files them under it.
if "agency_code" not in ledger.UNIT_FIELDS:
    ledger.UNIT_FIELDS.append("agency_code")

DDL = [
    "CREATE TABLE IF NOT EXISTS performance_agreements (id TEXT PRIMARY KEY, agency_code TEXT NOT NULL,"
    " year INTEGER NOT NULL, recorded_by TEXT NOT NULL, capacity_kind TEXT NOT NULL,"
    " legal_basis TEXT NOT NULL, document TEXT, recorded_at TEXT NOT NULL, revised_at TEXT,"
    " revision_reason TEXT, revisions INTEGER NOT NULL DEFAULT 0)",
    "CREATE UNIQUE INDEX IF NOT EXISTS performance_agreements_key"
    " ON performance_agreements (agency_code, year)",
    "CREATE TABLE IF NOT EXISTS pk_targets (id TEXT PRIMARY KEY, agreement_id TEXT NOT NULL,"
    " agency_code TEXT NOT NULL, year INTEGER NOT NULL, code TEXT NOT NULL, description TEXT NOT NULL,"
    " indicator TEXT NOT NULL, target TEXT NOT NULL, status TEXT NOT NULL, recorded_at TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pk_targets_agency ON pk_targets (agency_code, year, code)",
    "CREATE TABLE IF NOT EXISTS work_plans (id TEXT PRIMARY KEY, unit_code TEXT NOT NULL,"
    " agency_code TEXT NOT NULL, year INTEGER NOT NULL, fixed_by TEXT NOT NULL, capacity_kind TEXT NOT NULL,"
    " delegated_by TEXT, legal_basis TEXT NOT NULL, fixed_at TEXT NOT NULL, deadline TEXT,"
    " late INTEGER NOT NULL, amendments INTEGER NOT NULL DEFAULT 0, amended_at TEXT)",
    "CREATE UNIQUE INDEX IF NOT EXISTS work_plans_key ON work_plans (unit_code, year)",
    "CREATE INDEX IF NOT EXISTS work_plans_year ON work_plans (year, unit_code)",
    "CREATE TABLE IF NOT EXISTS plan_items (id TEXT PRIMARY KEY, plan_id TEXT NOT NULL,"
    " unit_code TEXT NOT NULL, year INTEGER NOT NULL, code TEXT NOT NULL, description TEXT NOT NULL,"
    " indicator TEXT NOT NULL, target TEXT NOT NULL, pk_target_id TEXT, budget_activity TEXT,"
    " status TEXT NOT NULL, added_at TEXT NOT NULL, changed_at TEXT, withdrawn_at TEXT)",
    "CREATE INDEX IF NOT EXISTS plan_items_plan ON plan_items (plan_id, code)",
    "CREATE INDEX IF NOT EXISTS plan_items_target ON plan_items (pk_target_id)",
    "CREATE TABLE IF NOT EXISTS work_plan_amendments (plan_id TEXT NOT NULL, number INTEGER NOT NULL,"
    " amended_by TEXT NOT NULL, capacity_kind TEXT NOT NULL, legal_basis TEXT NOT NULL, reason TEXT NOT NULL,"
    " effective_date TEXT, added TEXT NOT NULL, changed TEXT NOT NULL, withdrawn TEXT NOT NULL,"
    " amended_at TEXT NOT NULL, PRIMARY KEY (plan_id, number))",
]


def _at(event: Any) -> str:
    return event.timestamp.isoformat()


class WorkPlansView:
    tables = ["work_plan_amendments", "plan_items", "work_plans", "pk_targets", "performance_agreements"]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Other events do not change plans."""

    @on.register
    def _(self, e: PerformanceAgreement.TargetsRecorded, cursor: Cursor) -> None:
        d = e.decision
        cursor.execute(
            "INSERT INTO performance_agreements (id, agency_code, year, recorded_by, capacity_kind,"
            " legal_basis, document, recorded_at)"
            " VALUES (:id, :agency, :year, :by, :kind, :basis, :document, :at)",
            {
                "id": str(e.originator_id),
                "agency": e.agency_code,
                "year": e.year,
                "by": d["actor_nip"],
                "kind": d["capacity"]["kind"],
                "basis": d["legal_basis"],
                "document": dumps(d["document"]) if d.get("document") else None,
                "at": _at(e),
            },
        )
        _targets(cursor, e, str(e.originator_id), e.agency_code, e.year)

    @on.register
    def _(self, e: PerformanceAgreement.TargetsRevised, cursor: Cursor) -> None:
        params = {"id": str(e.originator_id), "at": _at(e), "reason": e.decision.get("reason")}
        cursor.execute(
            "UPDATE performance_agreements SET revised_at = :at, revision_reason = :reason,"
            " revisions = revisions + 1 WHERE id = :id",
            params,
        )
        row = {"agency_code": None, "year": None}
        cursor.execute("SELECT agency_code, year FROM performance_agreements WHERE id = :id", params)
        found = cursor.fetchone()
        if found:
            row = found
        for target_id in e.dropped:
            cursor.execute(
                "UPDATE pk_targets SET status = :status WHERE id = :target",
                {"status": DROPPED, "target": target_id},
            )
        _targets(cursor, e, str(e.originator_id), row["agency_code"], row["year"])

    @on.register
    def _(self, e: WorkPlan.Fixed, cursor: Cursor) -> None:
        d = e.decision
        cursor.execute(
            "INSERT INTO work_plans (id, unit_code, agency_code, year, fixed_by, capacity_kind, delegated_by,"
            " legal_basis, fixed_at, deadline, late) VALUES (:id, :unit, :agency, :year, :by, :kind,"
            " :delegated, :basis, :at, :deadline, :late)",
            {
                "id": str(e.originator_id),
                "unit": e.unit_code,
                "agency": e.agency_code,
                "year": e.year,
                "by": d["actor_nip"],
                "kind": d["capacity"]["kind"],
                "delegated": d["capacity"].get("delegated_by"),
                "basis": d["legal_basis"],
                "at": _at(e),
                "deadline": e.deadline,
                "late": int(e.late),
            },
        )
        for item in e.items:
            _item(cursor, e, str(e.originator_id), e.unit_code, e.year, item)

    @on.register
    def _(self, e: WorkPlan.Amended, cursor: Cursor) -> None:
        d = e.decision
        plan = str(e.originator_id)
        cursor.execute(
            "UPDATE work_plans SET amendments = amendments + 1, amended_at = :at WHERE id = :id",
            {"id": plan, "at": _at(e)},
        )
        cursor.execute("SELECT unit_code, year, amendments FROM work_plans WHERE id = :id", {"id": plan})
        row = cursor.fetchone() or {"unit_code": "", "year": 0, "amendments": 0}
        for item in e.items:
            _item(cursor, e, plan, row["unit_code"], row["year"], item, changed=item["id"] in e.changed)
        for item_id in e.withdrawn:
            cursor.execute(
                "UPDATE plan_items SET status = :status, withdrawn_at = :at WHERE id = :id",
                {"status": WITHDRAWN, "at": _at(e), "id": item_id},
            )
        cursor.execute(
            "INSERT INTO work_plan_amendments (plan_id, number, amended_by, capacity_kind, legal_basis,"
            " reason, effective_date, added, changed, withdrawn, amended_at) VALUES (:plan, :number, :by,"
            " :kind, :basis, :reason, :effective, :added, :changed, :withdrawn, :at)",
            {
                "plan": plan,
                "number": row["amendments"],
                "by": d["actor_nip"],
                "kind": d["capacity"]["kind"],
                "basis": d["legal_basis"],
                "reason": d.get("reason") or "",
                "effective": d.get("effective_date"),
                "added": dumps(e.added),
                "changed": dumps(e.changed),
                "withdrawn": dumps(e.withdrawn),
                "at": _at(e),
            },
        )


def _targets(cursor: Cursor, e: Any, agreement: str, agency: str | None, year: int | None) -> None:
    for t in e.targets:
        params = {
            "id": t["id"],
            "agreement": agreement,
            "agency": agency,
            "year": year,
            "code": t["code"],
            "description": t["description"],
            "indicator": t["indicator"],
            "target": t["target"],
            "status": ACTIVE,
            "at": _at(e),
        }
        cursor.execute("DELETE FROM pk_targets WHERE id = :id", params)
        cursor.execute(
            "INSERT INTO pk_targets (id, agreement_id, agency_code, year, code, description, indicator,"
            " target, status, recorded_at) VALUES (:id, :agreement, :agency, :year, :code, :description,"
            " :indicator, :target, :status, :at)",
            params,
        )


def _item(cursor: Cursor, e: Any, plan: str, unit: str, year: int, item: dict, changed: bool = False) -> None:
    params = {
        "id": item["id"],
        "plan": plan,
        "unit": unit,
        "year": year,
        "code": item["code"],
        "description": item["description"],
        "indicator": item["indicator"],
        "target": item["target"],
        "pk": item.get("pk_target_id"),
        "budget": item.get("budget_activity"),
        "status": ACTIVE,
        "at": _at(e),
        "changed": _at(e) if changed else None,
    }
    cursor.execute(
        "UPDATE plan_items SET description = :description, indicator = :indicator, target = :target,"
        " pk_target_id = :pk, budget_activity = :budget, changed_at = COALESCE(:changed, changed_at)"
        " WHERE id = :id",
        params,
    )
    cursor.execute(
        "INSERT INTO plan_items (id, plan_id, unit_code, year, code, description, indicator, target,"
        " pk_target_id, budget_activity, status, added_at) SELECT :id, :plan, :unit, :year, :code,"
        " :description, :indicator, :target, :pk, :budget, :status, :at"
        " WHERE NOT EXISTS (SELECT 1 FROM plan_items WHERE id = :id)",
        params,
    )
