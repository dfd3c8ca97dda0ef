"""Queries and mutations of reporting and escalation: reports, obligations ("who owes whom a
report, since when"), report requests, the leader's member input, escalations and decisions."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import EscalationState, ReportRequestState
from api.errors import CommandError, command_error
from api.idempotency import first_aggregate, once
from api.input_limits import query_id
from api.permissions import ReportReader, Requires, SelfOrLine, SubjectParticipant, UnitLine
from api.teams.queries import team_queries
from api.team_types import Escalation, MemberPerformance, Recipient, Report, ReportObligation, ReportRequest
from domain.errors import DomainError
from projections.escalations.queries import EscalationQueries
from projections.reports.queries import ReportQueries


def report_queries(info: Info) -> ReportQueries:
    return ReportQueries(context(info).store)


def escalation_queries(info: Info) -> EscalationQueries:
    return EscalationQueries(context(info).store)


async def _performance(info: Info, team_id: str, period: str) -> list[MemberPerformance]:
    rows = await blocking(team_queries(info).member_performance, team_id, period)
    return [MemberPerformance(team_id=r["team_id"], period=r["period"], nip=r["nip"], role=r["role"],
                              contribution=r["contribution"], recipients=[Recipient(**x) for x in r["recipients"]],
                              recorded_at=r["recorded_at"], legal_basis=r["legal_basis"]) for r in rows]


@strawberry.type
class ReportingQuery:
    @strawberry.field(extensions=[Requires(ReportReader())])
    async def reports(self, info: Info, subject_id: strawberry.ID | None = None, reporter_nip: str | None = None,
                      recipient_nip: str | None = None, period: str | None = None) -> list[Report]:
        rows = await blocking(report_queries(info).reports, subject_id=query_id(subject_id, "subjectId"),
                              reporter_nip=reporter_nip, recipient_nip=recipient_nip, period=period)
        return [Report.from_row(r) for r in rows]

    @strawberry.field(description="Reports owed for a period along the standing lines, and open ad-hoc requests.",
                      extensions=[Requires(ReportReader())])
    async def report_obligations(self, info: Info, period: str, reporter_nip: str | None = None,
                                 recipient_nip: str | None = None) -> list[ReportObligation]:
        from domain.periods import period as check_period
        app = context(info).app
        rows = await blocking(report_queries(info).obligations, app.profile, check_period(app.profile, period),
                              reporter_nip=reporter_nip, recipient_nip=recipient_nip)
        return [ReportObligation(**r) for r in rows]

    @strawberry.field(extensions=[Requires(SelfOrLine())])
    async def report_requests(self, info: Info, official_nip: str | None = None,
                              status: ReportRequestState | None = None) -> list[ReportRequest]:
        rows = await blocking(report_queries(info).report_requests, official_nip=official_nip, status=status)
        return [ReportRequest.from_row(r) for r in rows]

    @strawberry.field(description="The leader's input on each member for a period (the role-result matrix).",
                      extensions=[Requires(SubjectParticipant())])
    async def member_performance(self, info: Info, team_id: strawberry.ID, period: str) -> list[MemberPerformance]:
        return await _performance(info, query_id(team_id, "teamId"), period)

    @strawberry.field(description="Escalations addressed to a unit, or of one team or assignment.",
                      extensions=[Requires(UnitLine())])
    async def escalations(self, info: Info, status: EscalationState | None = None, unit_code: str | None = None,
                          subject_id: strawberry.ID | None = None) -> list[Escalation]:
        rows = await blocking(escalation_queries(info).escalations, status=status, unit_code=unit_code,
                              subject_id=query_id(subject_id, "subjectId"))
        return [Escalation.from_row(r) for r in rows]


@strawberry.input
class ProgressInput:
    target: str
    progress: str


@strawberry.input
class SubmitReportInput:
    subject_id: strawberry.ID = strawberry.field(description="The team, or the individual assignment, reported on.")
    period: str = strawberry.field(description="2025-03 (monthly) or 2025-TW1 (quarterly), per the tenant.")
    text: str
    progress: list[ProgressInput] = strawberry.field(default_factory=list)
    attachments: list[str] = strawberry.field(default_factory=list, description="References, e.g. document ids.")
    in_reply_to: strawberry.ID | None = None
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class ForwardReportInput:
    report_id: strawberry.ID
    note: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class RequestReportInput:
    official_nip: str
    subject_id: strawberry.ID
    about: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class PerformanceResultInput:
    target: str
    result: str


@strawberry.input
class ReportMemberPerformanceInput:
    team_id: strawberry.ID
    period: str
    nip: str
    contribution: str
    results: list[PerformanceResultInput] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class RaiseEscalationInput:
    subject_id: strawberry.ID
    problems: str
    alternatives: list[str]
    other_units: list[str] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class DecideEscalationInput:
    escalation_id: strawberry.ID
    unit_code: str
    decision: str
    reason: str
    choice: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.type
class ReportSuccess:
    report: Report


@strawberry.type
class ReportRequestSuccess:
    request: ReportRequest


@strawberry.type
class MemberPerformanceSuccess:
    performance: list[MemberPerformance]


@strawberry.type
class EscalationSuccess:
    escalation: Escalation


ReportResult = Annotated[ReportSuccess | CommandError, strawberry.union("ReportResult")]
ReportRequestResult = Annotated[ReportRequestSuccess | CommandError, strawberry.union("ReportRequestResult")]
MemberPerformanceResult = Annotated[MemberPerformanceSuccess | CommandError, strawberry.union("MemberPerformanceResult")]
EscalationResult = Annotated[EscalationSuccess | CommandError, strawberry.union("EscalationResult")]


async def _call(info: Info, input, command: str, **kwargs):
    """The command under the input's idempotency key (a retry answers with the first result)."""
    ctx = context(info)
    return await once(info, input, first_aggregate(info), getattr(ctx.app, command), ctx.principal, **kwargs)


@strawberry.type
class ReportingMutation:
    @strawberry.mutation
    async def submit_report(self, info: Info, input: SubmitReportInput) -> ReportResult:
        try:
            report = await _call(info, input, "submit_report", subject_id=input.subject_id, period=input.period,
                                 text=input.text, progress=[vars(p) for p in input.progress],
                                 attachments=input.attachments, in_reply_to=input.in_reply_to)
        except DomainError as error:
            return command_error(error)
        rows = await blocking(report_queries(info).reports, subject_id=input.subject_id, limit=1000)
        return ReportSuccess(report=Report.from_row(next(r for r in rows if r["id"] == str(report.id))))

    @strawberry.mutation(description="A recipient who heads a unit passes the report up one tier (berjenjang).")
    async def forward_report(self, info: Info, input: ForwardReportInput) -> ReportResult:
        try:
            report = await _call(info, input, "forward_report", report_id=input.report_id, note=input.note)
        except DomainError as error:
            return command_error(error)
        rows = await blocking(report_queries(info).reports, subject_id=report.subject_id, limit=1000)
        return ReportSuccess(report=Report.from_row(next(r for r in rows if r["id"] == str(report.id))))

    @strawberry.mutation(description="A unit head (or whom the profile allows) asks for a report at any time.")
    async def request_report(self, info: Info, input: RequestReportInput) -> ReportRequestResult:
        try:
            request = await _call(info, input, "request_report", official_nip=input.official_nip,
                                  subject_id=input.subject_id, about=input.about)
        except DomainError as error:
            return command_error(error)
        rows = await blocking(report_queries(info).report_requests, official_nip=input.official_nip)
        return ReportRequestSuccess(request=ReportRequest.from_row(next(r for r in rows if r["id"] == str(request.id))))

    @strawberry.mutation(description="The leader's input on a member's performance, for the member's appraiser.")
    async def report_member_performance(self, info: Info, input: ReportMemberPerformanceInput) -> MemberPerformanceResult:
        try:
            await _call(info, input, "report_member_performance", team_id=input.team_id, period=input.period, nip=input.nip,
                        contribution=input.contribution, results=[vars(r) for r in input.results])
        except DomainError as error:
            return command_error(error)
        return MemberPerformanceSuccess(performance=await _performance(info, input.team_id, input.period.strip().upper()))

    @strawberry.mutation
    async def raise_escalation(self, info: Info, input: RaiseEscalationInput) -> EscalationResult:
        try:
            escalation = await _call(info, input, "raise_escalation", subject_id=input.subject_id, problems=input.problems,
                                     alternatives=input.alternatives, other_units=input.other_units)
        except DomainError as error:
            return command_error(error)
        return await _escalation(info, str(escalation.id), input.subject_id)

    @strawberry.mutation(description="The head of one addressed unit decides, with a reason.")
    async def decide_escalation(self, info: Info, input: DecideEscalationInput) -> EscalationResult:
        try:
            escalation = await _call(info, input, "decide_escalation", escalation_id=input.escalation_id,
                                     unit_code=input.unit_code, decision=input.decision, reason=input.reason,
                                     choice=input.choice)
        except DomainError as error:
            return command_error(error)
        return await _escalation(info, str(escalation.id), escalation.subject_id)


async def _escalation(info: Info, escalation_id: str, subject_id: str) -> EscalationSuccess:
    rows = await blocking(escalation_queries(info).escalations, subject_id=subject_id)
    return EscalationSuccess(escalation=Escalation.from_row(next(r for r in rows if r["id"] == escalation_id)))
