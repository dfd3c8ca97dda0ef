"""Evaluation (reviu/evaluasi): the results of a piece of work climb the chain of reviewers the
profile gives for the agency's kind; the head of the last level declares the activity complete,
or any level returns it for rework with notes, which reopens the work.

One aggregate per piece of work (a team's or an individual assignment's), so the whole history
of its rounds is one stream the inspectorate can read in order.
"""

from dataclasses import dataclass
from enum import Enum
from typing import Any
from uuid import uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import Conflict
from domain.ids import _NAMESPACE


class EvaluationStatus(str, Enum):
    IN_PROGRESS = "IN_PROGRESS"  # also when returned for rework
    UNDER_REVIEW = "UNDER_REVIEW"
    COMPLETE = "COMPLETE"


IN_PROGRESS, UNDER_REVIEW, COMPLETE = (s.value for s in EvaluationStatus)


@dataclass(frozen=True)
class Standing:
    status: str = IN_PROGRESS
    level: int = 0  # index into the chain of the level reviewing now (while UNDER_REVIEW)


def evolve(standing: Standing, event: str, *, level: int = 0) -> Standing:
    """The evaluation's lifecycle, once (the aggregate and projections.evaluations apply it):
    submitted results go to the first level; an approval moves them to the next (`level`, the
    event's); the top declares them complete; a return reopens the work."""
    if event == "ResultsSubmitted":
        return Standing(UNDER_REVIEW, 0)
    if event == "LevelApproved":
        return Standing(UNDER_REVIEW, level)
    if event == "DeclaredComplete":
        return Standing(COMPLETE, standing.level)
    if event == "ReturnedForRework":
        return Standing(IN_PROGRESS, 0)
    return standing


class EvaluationAction(str, Enum):
    """A step of an evaluation's history, one per event after the start."""

    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"  # by a level below the top
    DECLARED_COMPLETE = "DECLARED_COMPLETE"  # by the top of the chain
    RETURNED = "RETURNED"  # for rework


class Evaluation(Aggregate):
    @staticmethod
    def create_id(subject_id: str, **_: Any):
        return uuid5(_NAMESPACE, f"evaluation:{subject_id}")

    @event("Started")
    def __init__(
        self,
        subject_id: str,
        subject_kind: str,
        title: str,
        unit_code: str,
        agency_kind: str,
        chain: list[dict],
        chain_citation: str,
    ):
        self.subject_id, self.subject_kind, self.title = subject_id, subject_kind, title
        self.owning_unit, self.agency_kind = unit_code, agency_kind
        self.chain, self.chain_citation = chain, chain_citation
        self.status, self.level = Standing().status, Standing().level  # level: index into the chain
        self.round = 0
        self.submitter_nip: str | None = None

    @property
    def reviewing_unit(self) -> str | None:
        return self.chain[self.level]["unit_code"] if self.status == UNDER_REVIEW else None

    def expect_status(self, *allowed: str) -> None:
        if self.status not in allowed:
            raise Conflict("EVALUATION_NOT_OPEN", status=self.status, title=self.title)

    def expect_level(self, level: int) -> str:
        """The level about to decide must be the current one (else someone was faster); the code
        of the unit reviewing at it."""
        self.expect_status(UNDER_REVIEW)
        if level != self.level + 1:
            raise Conflict("STEP_ALREADY_TAKEN", case="level", level=level, current=self.level + 1)
        return self.chain[self.level]["unit_code"]

    @event("ResultsSubmitted")
    def submit(
        self, round: int, summary: str, results: list[dict], attachments: list[str], decision: dict
    ) -> None:
        self._evolve("ResultsSubmitted")
        self.round = round
        self.submitter_nip = decision["actor_nip"]

    @event("LevelApproved")
    def approve_level(self, level: int, unit_code: str, note: str | None, decision: dict) -> None:
        self._evolve(
            "LevelApproved", level
        )  # the next level (0-based index == 1-based number of the approved)

    @event("DeclaredComplete")
    def declare_complete(self, level: int, unit_code: str, note: str | None, decision: dict) -> None:
        self._evolve("DeclaredComplete")

    @event("ReturnedForRework")
    def return_for_rework(self, level: int, unit_code: str, notes: str, decision: dict) -> None:
        self._evolve("ReturnedForRework")

    def _evolve(self, event: str, level: int = 0) -> None:
        now = evolve(Standing(self.status, self.level), event, level=level)
        self.status, self.level = now.status, now.level
