"""GraphQL types of performance management, and the successes its mutations answer."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from api.enums import WorkSubjectKind
from api.errors import CommandError
from api.scalars import instant


@strawberry.type
class AgreedResult:
    rhk: str
    indicator: str
    target: str


@strawberry.type(description="The outcome of a performance dialogue: the agreed results and expectations.")
class Expectation:
    id: strawberry.ID
    subject_kind: WorkSubjectKind
    subject_id: strawberry.ID
    team_id: strawberry.ID | None
    nip: str
    counterpart_nip: str = strawberry.field(description="Who recorded it: appraiser, unit head or leader.")
    revision: int
    results: list[AgreedResult]
    expectations: str
    period_start: str | None
    period_end: str | None
    recorded_at: datetime
    agreed_at: datetime | None = strawberry.field(description="When the official agreed (null: not yet).")
    legal_basis: str
    agreement_basis: str | None

    @staticmethod
    def from_row(r: dict[str, Any]) -> Expectation:
        return Expectation(
            id=r["id"],
            subject_kind=r["subject_kind"],
            subject_id=r["subject_id"],
            team_id=r["team_id"],
            nip=r["nip"],
            counterpart_nip=r["counterpart_nip"],
            revision=r["revision"],
            results=[AgreedResult(**x) for x in r["results"]],
            expectations=r["expectations"],
            period_start=r["period_start"],
            period_end=r["period_end"],
            recorded_at=instant(r["recorded_at"]),
            agreed_at=instant(r["agreed_at"]) if r["agreed_at"] else None,
            legal_basis=r["legal_basis"],
            agreement_basis=r["agreement_basis"],
        )


@strawberry.type
class BreakdownItem:
    activity: str
    target: str | None
    member_nip: str | None


@strawberry.type(description="The leader's rincian pelaksanaan kegiatan of a team.")
class WorkBreakdown:
    id: strawberry.ID
    team_id: strawberry.ID
    leader_nip: str
    items: list[BreakdownItem]
    recorded_at: datetime
    legal_basis: str

    @staticmethod
    def from_row(r: dict[str, Any]) -> WorkBreakdown:
        return WorkBreakdown(
            id=r["id"],
            team_id=r["team_id"],
            leader_nip=r["leader_nip"],
            items=[BreakdownItem(**x) for x in r["items"]],
            recorded_at=instant(r["recorded_at"]),
            legal_basis=r["legal_basis"],
        )


@strawberry.type(description="One activity of a member's rencana kerja individu.")
class IndividualPlanItem:
    activity: str
    target: str | None


@strawberry.type(description="A member's rencana kerja individu for a team's work.")
class IndividualPlan:
    id: strawberry.ID
    team_id: strawberry.ID
    nip: str
    items: list[IndividualPlanItem]
    recorded_at: datetime
    legal_basis: str

    @staticmethod
    def from_row(r: dict[str, Any]) -> IndividualPlan:
        return IndividualPlan(
            id=r["id"],
            team_id=r["team_id"],
            nip=r["nip"],
            items=[IndividualPlanItem(**x) for x in r["items"]],
            recorded_at=instant(r["recorded_at"]),
            legal_basis=r["legal_basis"],
        )


@strawberry.type(description="One feedback given: who, when, to whom, on which work or result.")
class Feedback:
    id: strawberry.ID
    giver_nip: str
    receiver_nip: str
    subject_kind: WorkSubjectKind
    subject_id: strawberry.ID
    team_id: strawberry.ID | None
    result: str | None
    text: str
    given_on: str
    given_at: datetime
    capacity: str = strawberry.field(description="POSITION, DELEGATION, …: why the giver could give it.")
    legal_basis: str

    @staticmethod
    def from_row(r: dict[str, Any]) -> Feedback:
        return Feedback(
            id=r["id"],
            giver_nip=r["giver_nip"],
            receiver_nip=r["receiver_nip"],
            subject_kind=r["subject_kind"],
            subject_id=r["subject_id"],
            team_id=r["team_id"],
            result=r["result"],
            text=r["text"],
            given_on=r["given_on"],
            given_at=instant(r["given_at"]),
            capacity=r["capacity"]["kind"],
            legal_basis=r["legal_basis"],
        )


@strawberry.enum
class DialogueState(Enum):
    NOT_RECORDED = "NOT_RECORDED"
    AWAITING_AGREEMENT = "AWAITING_AGREEMENT"


@strawberry.type(description="Work whose performance dialogue is due and not yet agreed.")
class PendingDialogue:
    subject_kind: WorkSubjectKind
    subject_id: strawberry.ID
    title: str
    nip: str
    counterpart_nips: list[str]
    state: DialogueState
    since: str
    due_on: str


@strawberry.type(description="Work on which no feedback was given within the tenant's period.")
class OverdueFeedback:
    subject_kind: WorkSubjectKind
    subject_id: strawberry.ID
    title: str
    receiver_nip: str
    giver_nips: list[str]
    superior_nips: list[str]
    last_given_on: str | None
    due_on: str


@strawberry.type
class ExpectationSuccess:
    expectation: Expectation


@strawberry.type
class WorkBreakdownSuccess:
    work_breakdown: WorkBreakdown


@strawberry.type
class IndividualPlanSuccess:
    individual_plan: IndividualPlan


@strawberry.type
class FeedbackSuccess:
    feedback: Feedback


ExpectationResult = Annotated[ExpectationSuccess | CommandError, strawberry.union("ExpectationResult")]
WorkBreakdownResult = Annotated[WorkBreakdownSuccess | CommandError, strawberry.union("WorkBreakdownResult")]
IndividualPlanResult = Annotated[
    IndividualPlanSuccess | CommandError, strawberry.union("IndividualPlanResult")
]
FeedbackResult = Annotated[FeedbackSuccess | CommandError, strawberry.union("FeedbackResult")]
