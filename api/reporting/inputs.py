"""Inputs of the reporting and escalation mutations; their fields are the commands'
(application.commands.reporting)."""

import strawberry

KEY = "Client key: a retry returns the first result."


@strawberry.input
class ProgressInput:
    target: str
    progress: str


@strawberry.input
class SubmitReportInput:
    subject_id: strawberry.ID = strawberry.field(
        description="The team, or the individual assignment, reported on."
    )
    period: str = strawberry.field(description="2025-03 (monthly) or 2025-TW1 (quarterly), per the tenant.")
    text: str
    progress: list[ProgressInput] = strawberry.field(default_factory=list)
    attachments: list[str] = strawberry.field(
        default_factory=list, description="References, e.g. document ids."
    )
    in_reply_to: strawberry.ID | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class ForwardReportInput:
    report_id: strawberry.ID
    note: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class RequestReportInput:
    official_nip: str
    subject_id: strawberry.ID
    about: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


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
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class RaiseEscalationInput:
    subject_id: strawberry.ID
    problems: str
    alternatives: list[str]
    other_units: list[str] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class DecideEscalationInput:
    escalation_id: strawberry.ID
    unit_code: str
    decision: str
    reason: str
    choice: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
