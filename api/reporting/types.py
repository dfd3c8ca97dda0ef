"""GraphQL types of reporting and escalation: reports, obligations, requests, the leader's input
on each member, escalations; and the successes the mutations answer."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.documents.types import Document
from api.documents.types import documents as documents_of_decision
from api.enums import EscalationState, ReportLine, ReportRequestState, WorkSubjectKind
from api.errors import CommandError
from api.scalars import instant


@strawberry.type
class Recipient:
    nip: str
    name: str
    role: str = strawberry.field(description="The line's role (OWNING_UNIT_HEAD, …), REQUESTER or NEXT_TIER.")


@strawberry.type
class Progress:
    target: str
    progress: str


@strawberry.type
class Report:
    id: strawberry.ID
    line: ReportLine
    reporter_nip: str
    subject_id: strawberry.ID | None
    team_id: strawberry.ID | None
    period: str
    text: str
    progress: list[Progress]
    attachments: list[str]
    recipients: list[Recipient]
    in_reply_to: strawberry.ID | None
    reported_at: datetime
    legal_basis: str
    forwarded_from: str | None = None

    @strawberry.field(description="Its laporan pelaksanaan tugas, generated from the report (issue 12).")
    async def documents(self, info: Info) -> list[Document]:
        return await documents_of_decision(info, str(self.id))

    @staticmethod
    def from_row(row: dict[str, Any]) -> Report:
        return Report(
            id=row["id"],
            line=row["line"],
            reporter_nip=row["reporter_nip"],
            subject_id=row["subject_id"],
            team_id=row["team_id"],
            period=row["period"],
            text=row["text"],
            progress=[Progress(**p) for p in row["progress"]],
            attachments=row["attachments"],
            recipients=[Recipient(**r) for r in row["recipients"]],
            in_reply_to=row["in_reply_to"],
            reported_at=instant(row["reported_at"]),
            legal_basis=row["legal_basis"],
            forwarded_from=row.get("forwarded_from"),
        )


@strawberry.type(description="Who owes whom a report, since when.")
class ReportObligation:
    kind: ReportLine
    reporter_nip: str
    recipient_nips: list[str]
    team_id: strawberry.ID | None
    subject_id: strawberry.ID | None
    title: str | None
    period: str | None
    since: str = strawberry.field(
        description="The day after the period (a date) for a standing line; "
        "when it was asked (an instant) for a request."
    )
    request_id: strawberry.ID | None
    about: str | None


@strawberry.type
class ReportRequest:
    id: strawberry.ID
    requester_nip: str
    official_nip: str
    subject_id: strawberry.ID | None
    about: str
    status: ReportRequestState
    requested_at: datetime
    legal_basis: str
    answered_at: datetime | None
    report_id: strawberry.ID | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> ReportRequest:
        return ReportRequest(
            id=row["id"],
            requester_nip=row["requester_nip"],
            official_nip=row["official_nip"],
            subject_id=row["subject_id"],
            about=row["about"],
            status=row["status"],
            requested_at=instant(row["requested_at"]),
            legal_basis=row["legal_basis"],
            answered_at=instant(row["answered_at"]),
            report_id=row["report_id"],
        )


@strawberry.type
class Alternative:
    code: str
    text: str


@strawberry.type
class EscalationAddressee:
    unit_code: str
    role: str = strawberry.field(
        description="The role of the profile's rule it is addressed as (OWNING_UNIT_HEAD, "
        "OFFICIAL_APPRAISER, …; each is addressed), or for another unit EACH_UNIT_HEAD / "
        "EACH_UNIT_OR_AGENCY_HEAD."
    )
    decided_by: str | None
    choice: str | None
    decision: str | None
    reason: str | None
    decided_at: datetime | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> EscalationAddressee:
        return EscalationAddressee(
            unit_code=row["unit_code"],
            role=row["role"],
            decided_by=row["decided_by"],
            choice=row["choice"],
            decision=row["decision"],
            reason=row["reason"],
            decided_at=instant(row["decided_at"]),
        )


@strawberry.type
class Escalation:
    id: strawberry.ID
    subject_id: strawberry.ID
    subject_kind: WorkSubjectKind
    owning_unit: str
    problems: str
    alternatives: list[Alternative]
    addressees: list[EscalationAddressee]
    raised_by: str
    raised_at: datetime
    legal_basis: str
    status: EscalationState
    decided_at: datetime | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> Escalation:
        return Escalation(
            id=row["id"],
            subject_id=row["subject_id"],
            subject_kind=row["subject_kind"],
            owning_unit=row["owning_unit"],
            problems=row["problems"],
            alternatives=[Alternative(**a) for a in row["alternatives"]],
            addressees=[EscalationAddressee.from_row(a) for a in row["addressees"]],
            raised_by=row["raised_by"],
            raised_at=instant(row["raised_at"]),
            legal_basis=row["legal_basis"],
            status=row["status"],
            decided_at=instant(row["decided_at"]),
        )


@strawberry.type
class MemberPerformance:
    team_id: strawberry.ID
    period: str
    nip: str
    role: str
    contribution: str
    recipients: list[Recipient]
    recorded_at: datetime
    legal_basis: str

    @staticmethod
    def from_row(row: dict[str, Any]) -> MemberPerformance:
        return MemberPerformance(
            team_id=row["team_id"],
            period=row["period"],
            nip=row["nip"],
            role=row["role"],
            contribution=row["contribution"],
            recipients=[Recipient(**x) for x in row["recipients"]],
            recorded_at=instant(row["recorded_at"]),
            legal_basis=row["legal_basis"],
        )


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
MemberPerformanceResult = Annotated[
    MemberPerformanceSuccess | CommandError, strawberry.union("MemberPerformanceResult")
]
EscalationResult = Annotated[EscalationSuccess | CommandError, strawberry.union("EscalationResult")]
