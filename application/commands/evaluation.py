"""Commands on evaluation: results submitted, approved level by level or returned for rework."""

from dataclasses import dataclass, field

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class SubmitResults(Command):
    subject_id: str
    summary: str
    results: list[dict]  # [{target, achieved, note}]
    attachments: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class ApproveResults(Command):
    subject_id: str
    level: int  # the level reviewing now (1-based), as last read
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReturnResults(Command):
    subject_id: str
    level: int
    notes: str
