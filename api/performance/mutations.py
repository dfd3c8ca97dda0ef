"""Mutations of performance management, each one line through api.commands.run; the success is
read back from the read model."""

import strawberry
from strawberry.types import Info

from api.commands import run
from api.context import blocking
from api.performance.inputs import (
    AgreeExpectationsInput,
    GiveFeedbackInput,
    RecordExpectationsInput,
    RecordIndividualPlanInput,
    RecordWorkBreakdownInput,
)
from api.performance.queries import performance_queries
from api.performance.types import (
    Expectation,
    ExpectationResult,
    ExpectationSuccess,
    Feedback,
    FeedbackResult,
    FeedbackSuccess,
    IndividualPlan,
    IndividualPlanResult,
    IndividualPlanSuccess,
    WorkBreakdown,
    WorkBreakdownResult,
    WorkBreakdownSuccess,
)
from application.commands.performance import (
    AgreeExpectations,
    GiveFeedback,
    RecordExpectations,
    RecordIndividualPlan,
    RecordWorkBreakdown,
)


def _one(rows: list[dict], key: str) -> dict:
    return next(r for r in rows if r["id"] == key)


async def _expectation(info: Info, done: dict) -> ExpectationSuccess:
    rows = await blocking(performance_queries(info).expectations)
    return ExpectationSuccess(expectation=Expectation.from_row(_one(rows, done["expectation_id"])))


async def _breakdown(info: Info, done: dict) -> WorkBreakdownSuccess:
    rows = await blocking(performance_queries(info).work_breakdowns, team_id=done["team_id"])
    return WorkBreakdownSuccess(work_breakdown=WorkBreakdown.from_row(_one(rows, done["work_breakdown_id"])))


async def _plan(info: Info, done: dict) -> IndividualPlanSuccess:
    rows = await blocking(performance_queries(info).individual_plans, team_id=done["team_id"])
    return IndividualPlanSuccess(
        individual_plan=IndividualPlan.from_row(_one(rows, done["individual_plan_id"]))
    )


async def _feedback(info: Info, done: dict) -> FeedbackSuccess:
    rows = await blocking(performance_queries(info).feedback, subject_id=done["subject_id"])
    return FeedbackSuccess(feedback=Feedback.from_row(_one(rows, done["feedback_id"])))


@strawberry.type
class PerformanceMutation:
    @strawberry.mutation(
        description="The counterpart the profile names records the performance dialogue: agreed results "
        "(RHK, indicator, target) and expectations. Recording again asks for a new agreement."
    )
    async def record_expectations(self, info: Info, input: RecordExpectationsInput) -> ExpectationResult:
        return await run(info, RecordExpectations, input, _expectation)

    @strawberry.mutation(description="The official agrees to the latest record of their dialogue.")
    async def agree_expectations(self, info: Info, input: AgreeExpectationsInput) -> ExpectationResult:
        return await run(info, AgreeExpectations, input, _expectation)

    @strawberry.mutation(description="The leader's rincian pelaksanaan kegiatan of the team.")
    async def record_work_breakdown(self, info: Info, input: RecordWorkBreakdownInput) -> WorkBreakdownResult:
        return await run(info, RecordWorkBreakdown, input, _breakdown)

    @strawberry.mutation(description="A member's own rencana kerja individu for the team's work.")
    async def record_individual_plan(
        self, info: Info, input: RecordIndividualPlanInput
    ) -> IndividualPlanResult:
        return await run(info, RecordIndividualPlan, input, _plan)

    @strawberry.mutation(
        description="Feedback on a piece of work, to the official doing it, by whom the profile names."
    )
    async def give_feedback(self, info: Info, input: GiveFeedbackInput) -> FeedbackResult:
        return await run(info, GiveFeedback, input, _feedback)
