"""Queries of reporting and escalation: reports, obligations ("who owes whom a report, since
when"), report requests, the leader's member input, escalations."""

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import EscalationState, ReportRequestState
from api.input_limits import query_id
from api.permissions import ReportReader, Requires, SelfOrLine, SubjectParticipant, UnitLine
from api.reporting.types import Escalation, MemberPerformance, Report, ReportObligation, ReportRequest
from domain.periods import period as check_period
from projections.escalations.queries import EscalationQueries
from projections.reports.queries import ReportQueries
from projections.teams.queries import TeamQueries


def report_queries(info: Info) -> ReportQueries:
    return ReportQueries(context(info).store)


def escalation_queries(info: Info) -> EscalationQueries:
    return EscalationQueries(context(info).store)


async def load_performance(info: Info, team_id: str, period: str) -> list[MemberPerformance]:
    """The leader's input on each member (kept with the team's read model)."""
    rows = await blocking(TeamQueries(context(info).store).member_performance, team_id, period)
    return [MemberPerformance.from_row(r) for r in rows]


@strawberry.type
class ReportingQuery:
    @strawberry.field(extensions=[Requires(ReportReader())])
    async def reports(
        self,
        info: Info,
        subject_id: strawberry.ID | None = None,
        reporter_nip: str | None = None,
        recipient_nip: str | None = None,
        period: str | None = None,
    ) -> list[Report]:
        rows = await blocking(
            report_queries(info).reports,
            subject_id=query_id(subject_id, "subjectId"),
            reporter_nip=reporter_nip,
            recipient_nip=recipient_nip,
            period=period,
        )
        return [Report.from_row(r) for r in rows]

    @strawberry.field(
        description="Reports owed for a period along the standing lines, and open ad-hoc requests.",
        extensions=[Requires(ReportReader())],
    )
    async def report_obligations(
        self, info: Info, period: str, reporter_nip: str | None = None, recipient_nip: str | None = None
    ) -> list[ReportObligation]:
        app = context(info).app
        rows = await blocking(
            report_queries(info).obligations,
            app.profile,
            check_period(app.profile, period),
            reporter_nip=reporter_nip,
            recipient_nip=recipient_nip,
        )
        return [ReportObligation(**r) for r in rows]

    @strawberry.field(extensions=[Requires(SelfOrLine())])
    async def report_requests(
        self, info: Info, official_nip: str | None = None, status: ReportRequestState | None = None
    ) -> list[ReportRequest]:
        rows = await blocking(report_queries(info).report_requests, official_nip=official_nip, status=status)
        return [ReportRequest.from_row(r) for r in rows]

    @strawberry.field(
        description="The leader's input on each member for a period (the role-result matrix).",
        extensions=[Requires(SubjectParticipant())],
    )
    async def member_performance(
        self, info: Info, team_id: strawberry.ID, period: str
    ) -> list[MemberPerformance]:
        return await load_performance(info, query_id(team_id, "teamId"), period)

    @strawberry.field(
        description="Escalations addressed to a unit, or of one team or assignment.",
        extensions=[Requires(UnitLine())],
    )
    async def escalations(
        self,
        info: Info,
        status: EscalationState | None = None,
        unit_code: str | None = None,
        subject_id: strawberry.ID | None = None,
    ) -> list[Escalation]:
        rows = await blocking(
            escalation_queries(info).escalations,
            status=status,
            unit_code=unit_code,
            subject_id=query_id(subject_id, "subjectId"),
        )
        return [Escalation.from_row(r) for r in rows]
