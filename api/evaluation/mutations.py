"""Mutations of evaluation, each one line through api.commands.run; the success is the
evaluation read back from the read models."""

import strawberry
from strawberry.types import Info

from api.commands import run
from api.evaluation.inputs import ReturnResultsInput, ReviewResultsInput, SubmitResultsInput
from api.evaluation.queries import load_evaluation
from api.evaluation.types import EvaluationResult, EvaluationSuccess
from application.commands.evaluation import ApproveResults, ReturnResults, SubmitResults


async def _evaluation(info: Info, subject_id: str) -> EvaluationSuccess:
    return EvaluationSuccess(evaluation=await load_evaluation(info, subject_id))


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation
    async def submit_results(self, info: Info, input: SubmitResultsInput) -> EvaluationResult:
        return await run(info, SubmitResults, input, _evaluation)

    @strawberry.mutation(
        description="Accept at this level; at the top of the chain this declares the work complete."
    )
    async def approve_results(self, info: Info, input: ReviewResultsInput) -> EvaluationResult:
        return await run(info, ApproveResults, input, _evaluation)

    @strawberry.mutation(description="Send the results back for rework, with notes: the work reopens.")
    async def return_results(self, info: Info, input: ReturnResultsInput) -> EvaluationResult:
        return await run(info, ReturnResults, input, _evaluation)
