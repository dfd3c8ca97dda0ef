"""Commands on performance management: the dialogue's agreed expectations, the leader's work
breakdown, members' individual plans, and feedback."""

from dataclasses import dataclass, field

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class RecordExpectations(Command):
    """The counterpart (appraiser, unit head or leader, as the profile says) records the dialogue."""

    subject_id: str  # an individual assignment or a team
    nip: str  # the official concerned
    results: list[dict] = field(default_factory=list)  # [{rhk, indicator, target}]
    expectations: str = ""


@dataclass(frozen=True, kw_only=True)
class AgreeExpectations(Command):
    """The official agrees to what the counterpart recorded."""

    subject_id: str


@dataclass(frozen=True, kw_only=True)
class RecordWorkBreakdown(Command):
    team_id: str
    items: list[dict] = field(default_factory=list)  # [{activity, target, member_nip, due}]


@dataclass(frozen=True, kw_only=True)
class RecordIndividualPlan(Command):
    team_id: str
    items: list[dict] = field(default_factory=list)  # [{activity, target, due}]


@dataclass(frozen=True, kw_only=True)
class GiveFeedback(Command):
    subject_id: str
    receiver_nip: str
    text: str
    result: str | None = None  # the agreed result (rhk) it is about, if one
