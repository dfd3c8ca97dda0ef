"""Escalation: problems and obstacles (permasalahan dan kendala), raised with alternative
recommendations to every role of the profile's rule (the head of the owning unit; where the text
says so the raiser's appraiser too), each by the unit he heads, and, where several units or
agencies are concerned, to each of their heads; each decides, and the escalation is decided when
all have."""

from enum import Enum
from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from domain.errors import Conflict, InvalidInput


class EscalationStatus(str, Enum):
    OPEN = "OPEN"
    DECIDED = "DECIDED"


OPEN, DECIDED = (s.value for s in EscalationStatus)


class Escalation(Aggregate):
    @staticmethod
    def create_id(**_: Any):
        return uuid4()

    @event("Raised")
    def __init__(
        self,
        subject_id: str,
        subject_kind: str,
        unit_code: str,
        problems: str,
        alternatives: list[dict],
        addressees: list[dict],
        decision: dict,
    ):
        self.subject_id, self.subject_kind, self.owning_unit = subject_id, subject_kind, unit_code
        self.problems = problems
        self.alternatives = alternatives  # [{code, text}]
        self.addressees = addressees  # [{unit_code, role}] each of whose heads decides
        self.decisions: dict[str, dict] = {}  # unit_code -> {choice, text, nip}
        self.status = OPEN

    def expect_pending(self, unit_code: str) -> dict:
        addressee = next((a for a in self.addressees if a["unit_code"] == unit_code), None)
        if addressee is None:
            raise InvalidInput("NOT_AN_ADDRESSEE", unit=unit_code)
        if unit_code in self.decisions:
            raise Conflict("ALREADY_DECIDED", unit=unit_code)
        return addressee

    @event("Decided")
    def decide(self, unit_code: str, choice: str | None, text: str, decision: dict) -> None:
        self.decisions = {
            **self.decisions,
            unit_code: {"choice": choice, "text": text, "nip": decision["actor_nip"]},
        }
        if len(self.decisions) == len(self.addressees):
            self.status = DECIDED
