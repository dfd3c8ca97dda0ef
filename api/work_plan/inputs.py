"""Inputs of the work-plan mutations; their fields are the commands' (application.commands.work_plan)."""

from datetime import date

import strawberry

KEY = "Client key: a retry returns the first result."


@strawberry.input(description="A target of the Perjanjian Kinerja: one row of the PK.")
class PkTargetInput:
    code: str | None = strawberry.field(default=None, description="Unique in the PK; S1, S2 … if omitted.")
    description: str = strawberry.field(description="The sasaran (performance objective).")
    indicator: str
    target: str


@strawberry.input(description="The signed PK the administrator records it from.")
class PkDocumentInput:
    number: str
    date: date
    signed_by: str


@strawberry.input
class RecordPkTargetsInput:
    agency_code: str
    year: int
    targets: list[PkTargetInput]
    document: PkDocumentInput | None = strawberry.field(
        default=None, description="Administrator only: the signed PK it is recorded (imported) from."
    )
    reason: str | None = strawberry.field(
        default=None, description="Required to revise a PK recorded before."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="An item of a unit's plan: what, its indicator and target, and its basis.")
class PlanItemInput:
    id: strawberry.ID | None = strawberry.field(
        default=None, description="amendWorkPlan: the item kept or changed (omit for a new item)."
    )
    code: str | None = strawberry.field(default=None, description="A new item's code; K1, K2 … if omitted.")
    description: str
    indicator: str
    target: str
    pk_target_id: strawberry.ID | None = strawberry.field(
        default=None, description="The PK target it serves: required once the agency's PK is recorded."
    )
    budget_activity: str | None = strawberry.field(
        default=None, description="The budget activity (kegiatan/subkegiatan): required while the PK is not."
    )


@strawberry.input
class FixWorkPlanInput:
    unit_code: str
    year: int
    items: list[PlanItemInput]
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class AmendWorkPlanInput:
    plan_id: strawberry.ID
    reason: str
    items: list[PlanItemInput] = strawberry.field(
        description="The plan's items after the change; an item not listed is withdrawn."
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
