"""GraphQL types of reports and obligations, escalations, evaluations (teams: api.teams.types)."""

from __future__ import annotations

from typing import Any

import strawberry

from api.enums import CapacityKindType, EscalationState, EvaluationState, ReportRequestState


@strawberry.type
class Recipient:
    nip: str
    name: str
    role: str


@strawberry.type
class Progress:
    target: str
    progress: str


@strawberry.type
class Report:
    id: strawberry.ID
    line: str = strawberry.field(description="MEMBER, LEADER, INDIVIDUAL, ON_REQUEST or FORWARDED")
    reporter_nip: str
    subject_id: strawberry.ID | None
    team_id: strawberry.ID | None
    period: str
    text: str
    progress: list[Progress]
    attachments: list[str]
    recipients: list[Recipient]
    in_reply_to: strawberry.ID | None
    reported_at: str
    legal_basis: str
    forwarded_from: str | None = None

    @staticmethod
    def from_row(row: dict[str, Any]) -> Report:
        return Report(id=row["id"], line=row["line"], reporter_nip=row["reporter_nip"], subject_id=row["subject_id"],
                      team_id=row["team_id"], period=row["period"], text=row["text"],
                      progress=[Progress(**p) for p in row["progress"]], attachments=row["attachments"],
                      recipients=[Recipient(**r) for r in row["recipients"]], in_reply_to=row["in_reply_to"],
                      reported_at=row["reported_at"], legal_basis=row["legal_basis"],
                      forwarded_from=row.get("forwarded_from"))


@strawberry.type(description="Who owes whom a report, since when.")
class ReportObligation:
    kind: str
    reporter_nip: str
    recipient_nips: list[str]
    team_id: strawberry.ID | None
    subject_id: strawberry.ID | None
    title: str | None
    period: str | None
    since: str
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
    requested_at: str
    legal_basis: str
    answered_at: str | None
    report_id: strawberry.ID | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> ReportRequest:
        return ReportRequest(**{k: row[k] for k in ReportRequest.__annotations__})


@strawberry.type
class Alternative:
    code: str
    text: str


@strawberry.type
class EscalationAddressee:
    unit_code: str
    role: str
    decided_by: str | None
    choice: str | None
    decision: str | None
    reason: str | None
    decided_at: str | None


@strawberry.type
class Escalation:
    id: strawberry.ID
    subject_id: strawberry.ID
    subject_kind: str
    owning_unit: str
    problems: str
    alternatives: list[Alternative]
    addressees: list[EscalationAddressee]
    raised_by: str
    raised_at: str
    legal_basis: str
    status: EscalationState
    decided_at: str | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> Escalation:
        fields = {k: row[k] for k in Escalation.__annotations__ if k not in ("alternatives", "addressees")}
        return Escalation(**fields, alternatives=[Alternative(**a) for a in row["alternatives"]],
                          addressees=[EscalationAddressee(**{k: a[k] for k in EscalationAddressee.__annotations__})
                                      for a in row["addressees"]])


@strawberry.type
class ChainLevel:
    unit_code: str
    unit_kind: str


@strawberry.type
class EvaluationStep:
    round: int
    level: int | None
    unit_code: str | None
    action: str
    actor_nip: str
    capacity_kind: CapacityKindType
    note: str | None
    legal_basis: str
    at: str


@strawberry.type
class Evaluation:
    subject_id: strawberry.ID
    subject_kind: str
    title: str
    owning_unit: str
    agency_kind: str
    chain: list[ChainLevel]
    status: EvaluationState
    level: int = strawberry.field(description="The level reviewing now (1-based), 0 when none")
    round: int
    reviewing_unit: str | None
    completed_at: str | None
    last_notes: str | None
    steps: list[EvaluationStep]

    @staticmethod
    def from_row(row: dict[str, Any], steps: list[dict[str, Any]]) -> Evaluation:
        return Evaluation(
            subject_id=row["subject_id"], subject_kind=row["subject_kind"], title=row["title"],
            owning_unit=row["owning_unit"], agency_kind=row["agency_kind"],
            chain=[ChainLevel(**c) for c in row["chain"]], status=row["status"], level=row["level"],
            round=row["round"], reviewing_unit=row["reviewing_unit"], completed_at=row["completed_at"],
            last_notes=row["last_notes"],
            steps=[EvaluationStep(round=s["round"], level=s["level"], unit_code=s["unit_code"], action=s["action"],
                                  actor_nip=s["actor_nip"], capacity_kind=s["capacity"]["kind"], note=s["note"],
                                  legal_basis=s["legal_basis"], at=s["at"]) for s in steps])


@strawberry.type
class MemberPerformance:
    team_id: strawberry.ID
    period: str
    nip: str
    role: str
    contribution: str
    recipients: list[Recipient]
    recorded_at: str
    legal_basis: str
