"""Queries of evaluation: where one piece of work's results stand, and every activity's status."""

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import EvaluationState
from api.evaluation.types import Evaluation
from api.input_limits import query_id
from api.permissions import Requires, SubjectParticipant, UnitLine
from projections.evaluations.queries import EvaluationQueries


async def load_evaluation(info: Info, subject_id: str) -> Evaluation | None:
    queries = EvaluationQueries(context(info).store)
    rows = await blocking(queries.evaluations, subject_id=subject_id)
    if not rows:
        return None
    return Evaluation.from_row(rows[0], await blocking(queries.evaluation_steps, subject_id))


@strawberry.type
class EvaluationQuery:
    @strawberry.field(
        description="Where the results of one team's or assignment's work stand.",
        extensions=[Requires(SubjectParticipant())],
    )
    async def evaluation(self, info: Info, subject_id: strawberry.ID) -> Evaluation | None:
        return await load_evaluation(info, query_id(subject_id, "subjectId"))

    @strawberry.field(
        description="The evaluation status of every activity; `reviewingUnit` gives a head's queue.",
        extensions=[Requires(UnitLine())],
    )
    async def evaluations(
        self, info: Info, status: EvaluationState | None = None, reviewing_unit: str | None = None
    ) -> list[Evaluation]:
        queries = EvaluationQueries(context(info).store)
        rows = await blocking(queries.evaluations, status=status, reviewing_unit=reviewing_unit)
        return [
            Evaluation.from_row(r, await blocking(queries.evaluation_steps, r["subject_id"])) for r in rows
        ]
