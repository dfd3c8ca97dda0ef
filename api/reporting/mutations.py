"""Mutations of reporting and escalation, each one line through api.commands.run; the success is
read back from the read models."""

import strawberry
from strawberry.types import Info

from api.commands import run
from api.context import blocking
from api.reporting.inputs import (
    DecideEscalationInput,
    ForwardReportInput,
    RaiseEscalationInput,
    ReportMemberPerformanceInput,
    RequestReportInput,
    SubmitReportInput,
)
from api.reporting.queries import escalation_queries, load_performance, report_queries
from api.reporting.types import (
    Escalation,
    EscalationResult,
    EscalationSuccess,
    MemberPerformanceResult,
    MemberPerformanceSuccess,
    Report,
    ReportRequest,
    ReportRequestResult,
    ReportRequestSuccess,
    ReportResult,
    ReportSuccess,
)
from application.commands.reporting import (
    DecideEscalation,
    ForwardReport,
    RaiseEscalation,
    ReportMemberPerformance,
    RequestReport,
    SubmitReport,
)


async def _report(info: Info, reported: dict) -> ReportSuccess:
    rows = await blocking(report_queries(info).reports, subject_id=reported["subject_id"], limit=1000)
    return ReportSuccess(report=Report.from_row(next(r for r in rows if r["id"] == reported["report_id"])))


async def _request(info: Info, requested: dict) -> ReportRequestSuccess:
    rows = await blocking(report_queries(info).report_requests, official_nip=requested["official_nip"])
    return ReportRequestSuccess(
        request=ReportRequest.from_row(next(r for r in rows if r["id"] == requested["request_id"]))
    )


async def _performance(info: Info, reported: dict) -> MemberPerformanceSuccess:
    performance = await load_performance(info, reported["team_id"], reported["period"])
    return MemberPerformanceSuccess(performance=performance)


async def _escalation(info: Info, raised: dict) -> EscalationSuccess:
    rows = await blocking(escalation_queries(info).escalations, subject_id=raised["subject_id"])
    return EscalationSuccess(
        escalation=Escalation.from_row(next(r for r in rows if r["id"] == raised["escalation_id"]))
    )


@strawberry.type
class ReportingMutation:
    @strawberry.mutation
    async def submit_report(self, info: Info, input: SubmitReportInput) -> ReportResult:
        return await run(info, SubmitReport, input, _report)

    @strawberry.mutation(
        description="A recipient who heads a unit passes the report up one tier (berjenjang)."
    )
    async def forward_report(self, info: Info, input: ForwardReportInput) -> ReportResult:
        return await run(info, ForwardReport, input, _report)

    @strawberry.mutation(
        description="A unit head (or whom the profile allows) asks for a report at any time."
    )
    async def request_report(self, info: Info, input: RequestReportInput) -> ReportRequestResult:
        return await run(info, RequestReport, input, _request)

    @strawberry.mutation(
        description="The leader's input on a member's performance, for the member's appraiser."
    )
    async def report_member_performance(
        self, info: Info, input: ReportMemberPerformanceInput
    ) -> MemberPerformanceResult:
        return await run(info, ReportMemberPerformance, input, _performance)

    @strawberry.mutation
    async def raise_escalation(self, info: Info, input: RaiseEscalationInput) -> EscalationResult:
        return await run(info, RaiseEscalation, input, _escalation)

    @strawberry.mutation(description="The head of one addressed unit decides, with a reason.")
    async def decide_escalation(self, info: Info, input: DecideEscalationInput) -> EscalationResult:
        return await run(info, DecideEscalation, input, _escalation)
