"""Commands on reporting and escalation: reports up the profile's lines, forwarded tier by tier,
asked for at any time, the leader's input on each member, problems raised and decided."""

from dataclasses import dataclass, field

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class SubmitReport(Command):
    subject_id: str
    period: str
    text: str
    progress: list[dict] = field(default_factory=list)  # [{target, progress}]
    attachments: list[str] = field(default_factory=list)
    in_reply_to: str | None = None


@dataclass(frozen=True, kw_only=True)
class ForwardReport(Command):
    report_id: str
    note: str


@dataclass(frozen=True, kw_only=True)
class RequestReport(Command):
    official_nip: str
    subject_id: str
    about: str


@dataclass(frozen=True, kw_only=True)
class ReportMemberPerformance(Command):
    team_id: str
    period: str
    nip: str
    contribution: str
    results: list[dict] = field(default_factory=list)  # [{target, result}]


@dataclass(frozen=True, kw_only=True)
class RaiseEscalation(Command):
    subject_id: str
    problems: str
    alternatives: list[str]
    other_units: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class DecideEscalation(Command):
    escalation_id: str
    unit_code: str
    decision: str
    reason: str
    choice: str | None = None
