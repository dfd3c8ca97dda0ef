"""Queries of performance management: expectations, work breakdowns, individual plans, feedback,
and what is pending (dialogues) or overdue (feedback) for an official."""

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.input_limits import query_id
from api.performance.types import (
    Expectation,
    Feedback,
    IndividualPlan,
    OverdueFeedback,
    PendingDialogue,
    WorkBreakdown,
)
from api.permissions import PerformanceReader, Requires, SelfOrLine, SubjectParticipant
from projections.performance.queries import PerformanceQueries

AS_OF = "The day to judge by (default today)."


def performance_queries(info: Info) -> PerformanceQueries:
    return PerformanceQueries(context(info).store)


@strawberry.type
class PerformanceQuery:
    @strawberry.field(
        description="Agreed expectations (the dialogue's outcome) of an official, or on one piece of work.",
        extensions=[Requires(PerformanceReader())],
    )
    async def expectations(
        self, info: Info, nip: str | None = None, subject_id: strawberry.ID | None = None
    ) -> list[Expectation]:
        rows = await blocking(
            performance_queries(info).expectations, nip=nip, subject_id=query_id(subject_id, "subjectId")
        )
        return [Expectation.from_row(r) for r in rows]

    @strawberry.field(
        description="The leader's work breakdown of a team.", extensions=[Requires(SubjectParticipant())]
    )
    async def work_breakdown(self, info: Info, team_id: strawberry.ID) -> WorkBreakdown | None:
        rows = await blocking(performance_queries(info).work_breakdowns, team_id=query_id(team_id, "teamId"))
        return WorkBreakdown.from_row(rows[0]) if rows else None

    @strawberry.field(
        description="Members' individual plans for a team's work.",
        extensions=[Requires(SubjectParticipant())],
    )
    async def individual_plans(self, info: Info, team_id: strawberry.ID) -> list[IndividualPlan]:
        rows = await blocking(performance_queries(info).individual_plans, team_id=query_id(team_id, "teamId"))
        return [IndividualPlan.from_row(r) for r in rows]

    @strawberry.field(
        description="Feedback an official received (nip), or given on one piece of work.",
        extensions=[Requires(PerformanceReader())],
    )
    async def feedback(
        self, info: Info, nip: str | None = None, subject_id: strawberry.ID | None = None
    ) -> list[Feedback]:
        rows = await blocking(
            performance_queries(info).feedback, receiver_nip=nip, subject_id=query_id(subject_id, "subjectId")
        )
        return [Feedback.from_row(r) for r in rows]

    @strawberry.field(
        description="Dialogues due and not agreed, for the official or the counterpart `nip` "
        "(the profile's performance.dialogue.due).",
        extensions=[Requires(SelfOrLine())],
    )
    async def pending_dialogues(
        self,
        info: Info,
        nip: str,
        as_of: Annotated[date | None, strawberry.argument(description=AS_OF)] = None,
    ) -> list[PendingDialogue]:
        app = context(info).app
        rows = await blocking(
            performance_queries(info).pending_dialogues, app.profile, as_of or date.today(), nip
        )
        return [PendingDialogue(**r) for r in rows]

    @strawberry.field(
        description="Feedback overdue, for a giver or a giver's superior `nip` "
        "(the profile's performance.feedback.period).",
        extensions=[Requires(SelfOrLine())],
    )
    async def overdue_feedback(
        self,
        info: Info,
        nip: str,
        as_of: Annotated[date | None, strawberry.argument(description=AS_OF)] = None,
    ) -> list[OverdueFeedback]:
        app = context(info).app
        rows = await blocking(
            performance_queries(info).overdue_feedback, app.profile, as_of or date.today(), nip
        )
        return [OverdueFeedback(**r) for r in rows]
