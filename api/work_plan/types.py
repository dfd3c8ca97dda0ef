"""GraphQL types of PK targets and work plans, and the answers of their mutations."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import AssignmentState, CapacityKindType, TeamState
from api.errors import CommandError
from projections.work_plans.queries import WorkPlanQueries


def plan_queries(info: Info) -> WorkPlanQueries:
    return WorkPlanQueries(context(info).store)


@strawberry.enum(description="A PK target in force, or dropped by a revision of the PK.")
class PkTargetStatus(Enum):
    ACTIVE = "ACTIVE"
    DROPPED = "DROPPED"


@strawberry.enum(description="A plan item in force, or withdrawn by an amendment of the plan.")
class PlanItemStatus(Enum):
    ACTIVE = "ACTIVE"
    WITHDRAWN = "WITHDRAWN"


@strawberry.type(description="A target of an agency's Perjanjian Kinerja for a year.")
class PkTarget:
    id: strawberry.ID
    agency_code: str
    year: int
    code: str
    description: str
    indicator: str
    target: str
    status: PkTargetStatus

    @staticmethod
    def from_row(row: dict[str, Any]) -> PkTarget:
        return PkTarget(
            id=strawberry.ID(row["id"]),
            agency_code=row["agency_code"],
            year=row["year"],
            code=row["code"],
            description=row["description"],
            indicator=row["indicator"],
            target=row["target"],
            status=PkTargetStatus(row["status"]),
        )


@strawberry.type(description="The signed PK the administrator recorded it from.")
class PkDocument:
    number: str
    date: date
    signed_by: str


@strawberry.type(
    description="An agency's Perjanjian Kinerja for a year: who recorded it, under which article."
)
class PerformanceAgreement:
    id: strawberry.ID
    agency_code: str
    year: int
    targets: list[PkTarget]
    recorded_by: str
    capacity_kind: CapacityKindType
    legal_basis: str
    document: PkDocument | None
    recorded_at: datetime
    revised_at: datetime | None
    revision_reason: str | None
    revisions: int

    @staticmethod
    def from_row(row: dict[str, Any]) -> PerformanceAgreement:
        doc = row["document"]
        return PerformanceAgreement(
            id=strawberry.ID(row["id"]),
            agency_code=row["agency_code"],
            year=row["year"],
            targets=[PkTarget.from_row(t) for t in row["targets"]],
            recorded_by=row["recorded_by"],
            capacity_kind=row["capacity_kind"],
            legal_basis=row["legal_basis"],
            document=PkDocument(
                number=doc["number"], date=date.fromisoformat(doc["date"]), signed_by=doc["signed_by"]
            )
            if doc
            else None,
            recorded_at=datetime.fromisoformat(row["recorded_at"]),
            revised_at=datetime.fromisoformat(row["revised_at"]) if row["revised_at"] else None,
            revision_reason=row["revision_reason"],
            revisions=row["revisions"],
        )


@strawberry.type(description="An item of a unit's plan, with the PK target or budget activity it rests on.")
class PlanItem:
    id: strawberry.ID
    plan_id: strawberry.ID
    unit_code: str
    year: int
    code: str
    description: str
    indicator: str
    target: str
    pk_target_id: strawberry.ID | None
    budget_activity: str | None
    status: PlanItemStatus
    added_at: datetime
    changed_at: datetime | None
    withdrawn_at: datetime | None

    @strawberry.field(description="The PK target it serves, where it rests on one.")
    async def pk_target(self, info: Info) -> PkTarget | None:
        if not self.pk_target_id:
            return None
        row = await blocking(plan_queries(info).pk_target, str(self.pk_target_id))
        return PkTarget.from_row(row) if row else None

    @staticmethod
    def from_row(row: dict[str, Any]) -> PlanItem:
        return PlanItem(
            id=strawberry.ID(row["id"]),
            plan_id=strawberry.ID(row["plan_id"]),
            unit_code=row["unit_code"],
            year=row["year"],
            code=row["code"],
            description=row["description"],
            indicator=row["indicator"],
            target=row["target"],
            pk_target_id=row["pk_target_id"],
            budget_activity=row["budget_activity"],
            status=PlanItemStatus(row["status"]),
            added_at=datetime.fromisoformat(row["added_at"]),
            changed_at=datetime.fromisoformat(row["changed_at"]) if row["changed_at"] else None,
            withdrawn_at=datetime.fromisoformat(row["withdrawn_at"]) if row["withdrawn_at"] else None,
        )


@strawberry.type(description="An amendment of a plan: who, why, under which article, what changed.")
class WorkPlanAmendment:
    number: int
    amended_by: str
    capacity_kind: CapacityKindType
    legal_basis: str
    reason: str
    effective_date: date | None
    added: list[strawberry.ID]
    changed: list[strawberry.ID]
    withdrawn: list[strawberry.ID]
    amended_at: datetime


@strawberry.type(description="A unit's annual work plan (rencana kegiatan), fixed by the unit head.")
class WorkPlan:
    id: strawberry.ID
    unit_code: str
    agency_code: str
    year: int
    fixed_by: str
    capacity_kind: CapacityKindType
    delegated_by: str | None
    legal_basis: str
    fixed_at: datetime
    deadline: date | None = strawberry.field(description="When the profile sets one (work_plan.deadline).")
    late: bool = strawberry.field(description="Fixed after the deadline.")
    amendment_count: int
    amended_at: datetime | None

    @strawberry.field
    async def items(self, info: Info) -> list[PlanItem]:
        return [PlanItem.from_row(r) for r in await blocking(plan_queries(info).items, str(self.id))]

    @strawberry.field(description="Every amendment, in order.")
    async def amendments(self, info: Info) -> list[WorkPlanAmendment]:
        rows = await blocking(plan_queries(info).amendments, str(self.id))
        return [
            WorkPlanAmendment(
                number=r["number"],
                amended_by=r["amended_by"],
                capacity_kind=r["capacity_kind"],
                legal_basis=r["legal_basis"],
                reason=r["reason"],
                effective_date=date.fromisoformat(r["effective_date"]) if r["effective_date"] else None,
                added=r["added"],
                changed=r["changed"],
                withdrawn=r["withdrawn"],
                amended_at=datetime.fromisoformat(r["amended_at"]),
            )
            for r in rows
        ]

    @staticmethod
    def from_row(row: dict[str, Any]) -> WorkPlan:
        return WorkPlan(
            id=strawberry.ID(row["id"]),
            unit_code=row["unit_code"],
            agency_code=row["agency_code"],
            year=row["year"],
            fixed_by=row["fixed_by"],
            capacity_kind=row["capacity_kind"],
            delegated_by=row["delegated_by"],
            legal_basis=row["legal_basis"],
            fixed_at=datetime.fromisoformat(row["fixed_at"]),
            deadline=date.fromisoformat(row["deadline"]) if row["deadline"] else None,
            late=bool(row["late"]),
            amendment_count=row["amendments"],
            amended_at=datetime.fromisoformat(row["amended_at"]) if row["amended_at"] else None,
        )


@strawberry.type(description="A unit with no plan fixed for the year, and the deadline where there is one.")
class UnitWithoutPlan:
    code: str
    name: str
    agency_code: str
    head_nip: str | None
    deadline: date | None
    overdue: bool = strawberry.field(description="The deadline has passed.")


@strawberry.type
class PlanWorker:
    nip: str
    name: str | None = None
    role: str | None = None


@strawberry.type(description="An assignment that serves the item.")
class PlanItemAssignment:
    id: strawberry.ID
    status: AssignmentState
    work: str
    owning_unit: str
    team: bool
    period_start: date
    period_end: date
    letter_number: str | None
    officials: list[PlanWorker]


@strawberry.type(description="A team that serves the item.")
class PlanItemTeam:
    id: strawberry.ID
    name: str
    status: TeamState
    owning_unit: str
    leader_nip: str | None
    period_start: date
    period_end: date
    members: list[PlanWorker]


@strawberry.type(description="Who works on a plan item: the assignments and teams that name it.")
class PlanItemWork:
    item: PlanItem
    assignments: list[PlanItemAssignment]
    teams: list[PlanItemTeam]


@strawberry.type
class PerformanceAgreementSuccess:
    agreement: PerformanceAgreement


@strawberry.type
class WorkPlanSuccess:
    plan: WorkPlan


PerformanceAgreementResult = Annotated[
    PerformanceAgreementSuccess | CommandError, strawberry.union("PerformanceAgreementResult")
]
WorkPlanResult = Annotated[WorkPlanSuccess | CommandError, strawberry.union("WorkPlanResult")]
