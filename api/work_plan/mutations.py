"""Mutations of the planning half: the PK's targets, a unit's plan fixed and amended — each run
through the pipeline (api.commands.run)."""

import strawberry
from strawberry.types import Info

from api.commands import run
from api.context import blocking
from api.work_plan.inputs import AmendWorkPlanInput, FixWorkPlanInput, RecordPkTargetsInput
from api.work_plan.types import (
    PerformanceAgreement,
    PerformanceAgreementResult,
    PerformanceAgreementSuccess,
    WorkPlan,
    WorkPlanResult,
    WorkPlanSuccess,
    plan_queries,
)
from application.commands.work_plan import AmendWorkPlan, FixWorkPlan, RecordPkTargets


async def _agreement(info: Info, agreement_id: str) -> PerformanceAgreementSuccess:
    row = await blocking(plan_queries(info).agreement, "", 0, agreement_id)
    return PerformanceAgreementSuccess(agreement=PerformanceAgreement.from_row(row))


async def _plan(info: Info, plan_id: str) -> WorkPlanSuccess:
    row = await blocking(plan_queries(info).plan, plan_id)
    return WorkPlanSuccess(plan=WorkPlan.from_row(row))


@strawberry.type
class WorkPlanMutation:
    @strawberry.mutation(
        description="Record an agency's PK targets for a year (the agency head; the administrator only from "
        "the signed PK document). Again for the same year: a revision, with a reason."
    )
    async def record_pk_targets(self, info: Info, input: RecordPkTargetsInput) -> PerformanceAgreementResult:
        return await run(info, RecordPkTargets, input, _agreement)

    @strawberry.mutation(description="Fix a unit's work plan for a year (the unit head).")
    async def fix_work_plan(self, info: Info, input: FixWorkPlanInput) -> WorkPlanResult:
        return await run(info, FixWorkPlan, input, _plan)

    @strawberry.mutation(description="Amend a unit's work plan, with the reason (the unit head).")
    async def amend_work_plan(self, info: Info, input: AmendWorkPlanInput) -> WorkPlanResult:
        return await run(info, AmendWorkPlan, input, _plan)
