"""Performance management (pengelolaan kinerja): the dialogue's agreed expectations, the leader's
work breakdown, each member's individual plan, and feedback.

An Expectation is one official's agreed results on one piece of work (an individual assignment or
a team): the counterpart records the dialogue's outcome, the official agrees to it; recording it
again (expectations are clarified "sepanjang tahun kinerja") asks for a new agreement. One stream
per (work, official), so the latest record is always the one in force.
"""

from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate, event

from domain.errors import Conflict


def _scoped(kind: str, *parts: str) -> UUID:
    return uuid5(NAMESPACE_URL, f"sistemkerja:{kind}:" + ":".join(parts))


class Expectation(Aggregate):
    @staticmethod
    def create_id(subject_id: str, nip: str, **_: Any) -> UUID:
        return _scoped("expectation", subject_id, nip)

    @event("Recorded")
    def __init__(
        self,
        subject_id: str,
        nip: str,
        subject_kind: str,
        team_id: str | None,
        unit_code: str,
        counterpart_nip: str,
        results: list[dict],
        expectations: str,
        period_start: str | None,
        period_end: str | None,
        decision: dict,
    ):
        self.subject_id, self.nip, self.subject_kind, self.team_id = subject_id, nip, subject_kind, team_id
        self.owning_unit = unit_code
        self._record(counterpart_nip, results, expectations, period_start, period_end)

    def _record(self, counterpart_nip, results, expectations, period_start, period_end) -> None:
        self.counterpart_nip, self.results, self.expectations = counterpart_nip, results, expectations
        self.period_start, self.period_end = period_start, period_end
        self.revision = getattr(self, "revision", 0) + 1
        self.agreed = False

    @event("Revised")
    def revise(
        self,
        counterpart_nip: str,
        results: list[dict],
        expectations: str,
        period_start: str | None,
        period_end: str | None,
        decision: dict,
    ) -> None:
        self._record(counterpart_nip, results, expectations, period_start, period_end)

    @event("Agreed")
    def agree(self, revision: int, decision: dict) -> None:
        self.agreed = True

    def expect_unagreed(self) -> None:
        if self.agreed:
            raise Conflict("EXPECTATIONS_ALREADY_AGREED", revision=self.revision)


class WorkBreakdown(Aggregate):
    """The leader's rincian pelaksanaan kegiatan of a team (one per team, recorded again when it changes)."""

    @staticmethod
    def create_id(team_id: str, **_: Any) -> UUID:
        return _scoped("work-breakdown", team_id)

    @event("Recorded")
    def __init__(self, team_id: str, unit_code: str, items: list[dict], decision: dict):
        self.team_id, self.owning_unit, self.items = team_id, unit_code, items

    @event("Revised")
    def revise(self, items: list[dict], decision: dict) -> None:
        self.items = items


class IndividualPlan(Aggregate):
    """A member's rencana kerja individu for a team's work (one per team and member)."""

    @staticmethod
    def create_id(team_id: str, nip: str, **_: Any) -> UUID:
        return _scoped("individual-plan", team_id, nip)

    @event("Recorded")
    def __init__(self, team_id: str, nip: str, unit_code: str, items: list[dict], decision: dict):
        self.team_id, self.nip, self.owning_unit, self.items = team_id, nip, unit_code, items

    @event("Revised")
    def revise(self, items: list[dict], decision: dict) -> None:
        self.items = items


class Feedback(Aggregate):
    """One feedback given: a fact that never changes."""

    @staticmethod
    def create_id(**_: Any) -> UUID:
        return uuid4()

    @event("Given")
    def __init__(
        self,
        giver_nip: str,
        receiver_nip: str,
        subject_kind: str,
        subject_id: str,
        team_id: str | None,
        unit_code: str,
        result: str | None,
        text: str,
        given_on: str,
        decision: dict,
    ):
        self.giver_nip, self.receiver_nip = giver_nip, receiver_nip
        self.subject_kind, self.subject_id, self.team_id = subject_kind, subject_id, team_id
        self.owning_unit, self.result, self.text, self.given_on = unit_code, result, text, given_on
