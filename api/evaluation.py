"""Queries and mutations of evaluation: results submitted, reviewed level by level, declared
complete by the top of the chain or returned for rework."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import EvaluationState
from api.errors import CommandError, command_error
from api.idempotency import first_aggregate, once
from api.input_limits import query_id
from api.permissions import Requires, SubjectParticipant, UnitLine
from api.team_types import Evaluation
from domain.errors import DomainError
from projections.evaluations.queries import EvaluationQueries


async def load_evaluation(info: Info, subject_id: str) -> Evaluation | None:
    queries = EvaluationQueries(context(info).store)
    rows = await blocking(queries.evaluations, subject_id=subject_id)
    if not rows:
        return None
    return Evaluation.from_row(rows[0], await blocking(queries.evaluation_steps, subject_id))


@strawberry.type
class EvaluationQuery:
    @strawberry.field(description="Where the results of one team's or assignment's work stand.",
                      extensions=[Requires(SubjectParticipant())])
    async def evaluation(self, info: Info, subject_id: strawberry.ID) -> Evaluation | None:
        return await load_evaluation(info, query_id(subject_id, "subjectId"))

    @strawberry.field(description="The evaluation status of every activity; `reviewingUnit` gives a head's queue.",
                      extensions=[Requires(UnitLine())])
    async def evaluations(self, info: Info, status: EvaluationState | None = None,
                          reviewing_unit: str | None = None) -> list[Evaluation]:
        queries = EvaluationQueries(context(info).store)
        rows = await blocking(queries.evaluations, status=status, reviewing_unit=reviewing_unit)
        return [Evaluation.from_row(r, await blocking(queries.evaluation_steps, r["subject_id"])) for r in rows]


@strawberry.input
class ResultInput:
    target: str
    achieved: str
    note: str = ""


@strawberry.input
class SubmitResultsInput:
    subject_id: strawberry.ID
    summary: str
    results: list[ResultInput]
    attachments: list[str] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class ReviewResultsInput:
    subject_id: strawberry.ID
    level: int = strawberry.field(description="The level reviewing now (1-based), as last read.")
    note: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class ReturnResultsInput:
    subject_id: strawberry.ID
    level: int
    notes: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.type
class EvaluationSuccess:
    evaluation: Evaluation


EvaluationResult = Annotated[EvaluationSuccess | CommandError, strawberry.union("EvaluationResult")]


async def _run(info: Info, input, command: str, subject_id: str, **kwargs) -> EvaluationSuccess | CommandError:
    ctx = context(info)
    try:
        await once(info, input, first_aggregate(info), getattr(ctx.app, command), ctx.principal,
                   subject_id=subject_id, **kwargs)
    except DomainError as error:
        return command_error(error)
    return EvaluationSuccess(evaluation=await load_evaluation(info, subject_id))


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation
    async def submit_results(self, info: Info, input: SubmitResultsInput) -> EvaluationResult:
        return await _run(info, input, "submit_results", input.subject_id, summary=input.summary,
                          results=[vars(r) for r in input.results], attachments=input.attachments)

    @strawberry.mutation(description="Accept at this level; at the top of the chain this declares the work complete.")
    async def approve_results(self, info: Info, input: ReviewResultsInput) -> EvaluationResult:
        return await _run(info, input, "approve_results", input.subject_id, level=input.level, note=input.note)

    @strawberry.mutation(description="Send the results back for rework, with notes: the work reopens.")
    async def return_results(self, info: Info, input: ReturnResultsInput) -> EvaluationResult:
        return await _run(info, input, "return_results", input.subject_id, level=input.level, notes=input.notes)
