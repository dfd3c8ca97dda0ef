"""Team (Tim Kerja): formed for an owning unit, led by one leader, joined by members through
fixed assignments, dissolved when its work is done.

The aggregate guards its own life (no member twice, nothing after dissolution); who may decide
and what the regulation requires of the decision are the application's questions, asked of the
tenant's profile (domain.profile.Teams).
"""

from enum import Enum
from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from domain.errors import Conflict, InvalidInput


class HeadTitle(str, Enum):
    """The team's one head: a Ketua Tim, or a Koordinator where the profile has one ("Ketua Tim
    Kerja/Koordinator": teams.coordinator)."""

    KETUA_TIM = "KETUA_TIM"
    KOORDINATOR = "KOORDINATOR"


class TeamStatus(str, Enum):
    ACTIVE = "ACTIVE"
    DISSOLVED = "DISSOLVED"


ACTIVE, DISSOLVED = (s.value for s in TeamStatus)


def status_after(event: str, status: str | None = None) -> str | None:
    """The team's lifecycle, once (the aggregate and projections.teams apply it): formed ACTIVE,
    dissolved for good; other events leave it as it was."""
    return {"Formed": ACTIVE, "Dissolved": DISSOLVED}.get(event, status)


class Team(Aggregate):
    @staticmethod
    def create_id(**_: Any):
        return uuid4()

    @event("Formed")
    def __init__(
        self,
        name: str,
        unit_code: str,
        scope: str,
        tasks: list[str],
        targets: list[dict],
        planned_members: list[dict],
        period_start: str,
        period_end: str,
        decision: dict,
        plan_item_id: str | None = None,
    ):
        self.name, self.owning_unit, self.scope = name, unit_code, scope  # unit_code: the owning unit
        self.tasks = tasks  # rincian tugas
        self.targets = targets  # [{code, description, measure}] specific, measurable
        self.planned_members = planned_members  # [{nip, role}] as the decision states them
        self.period_start, self.period_end = period_start, period_end
        self.plan_item_id = plan_item_id  # the work-plan item it serves (None before it was kept)
        self.status = status_after("Formed")
        self.formed_by_nip = decision["actor_nip"]  # the assigner of its work (reporting role ASSIGNER)
        self.leader_nip: str | None = None  # the team's head: its Ketua Tim, or its Koordinator
        self.head_title: str | None = None  # HeadTitle of leader_nip
        self.pptk: dict | None = (
            None  # the leader's designation as PPTK: {nip, valid_from, valid_until, decree}
        )
        self.proposed_leader_nip: str | None = None  # where the profile has the leader proposed first
        self.proposed_members: dict[str, str] = {}  # nip -> role, where the profile has the leader propose
        self.members: dict[str, dict] = {}  # nip -> {nip, role, unit_code, assignment_id}
        self.performance: dict[str, dict] = {}  # "period|nip" -> the leader's input

    # --- guards ------------------------------------------------------------------------------

    def expect_active(self) -> None:
        if self.status != ACTIVE:
            raise Conflict("TEAM_DISSOLVED", name=self.name)

    def expect_member(self, nip: str) -> dict:
        member = self.members.get(nip)
        if member is None:
            raise InvalidInput("NOT_A_MEMBER", nip=nip, name=self.name)
        return member

    @property
    def units_spanned(self) -> list[str]:
        units = {self.owning_unit, *(m["unit_code"] for m in self.members.values() if m["unit_code"])}
        return sorted(units)

    # --- events ------------------------------------------------------------------------------

    @event("LeaderProposed")
    def propose_leader(self, nip: str, decision: dict) -> None:
        self.proposed_leader_nip = nip

    @event("LeaderAppointed")
    def appoint_leader(
        self,
        nip: str,
        previous_nip: str | None,
        eligibility: str,
        warnings_confirmed: list[dict],
        decision: dict,
        experience: dict | None = None,
    ) -> None:
        # experience: {statement, evidence} as stated on the appointment (None where the rule asks
        # for none, and in events recorded before it was kept).
        self._new_head(nip, HeadTitle.KETUA_TIM)
        self.proposed_leader_nip = None

    @event("CoordinatorAppointed")
    def appoint_coordinator(
        self, nip: str, previous_nip: str | None, eligibility: str, experience: dict | None, decision: dict
    ) -> None:
        self._new_head(nip, HeadTitle.KOORDINATOR)

    def _new_head(self, nip: str, title: HeadTitle) -> None:
        if self.leader_nip != nip or self.head_title != title.value:
            self.pptk = None  # the designation was the previous head's
        self.leader_nip, self.head_title = nip, title.value

    @event("PptkDesignated")
    def designate_pptk(
        self, nip: str, valid_from: str, valid_until: str, decree: dict, decision: dict
    ) -> None:
        self.pptk = {"nip": nip, "valid_from": valid_from, "valid_until": valid_until, "decree": decree}

    @event("MembersProposed")
    def propose_members(self, members: list[dict], decision: dict) -> None:
        self.proposed_members = {**self.proposed_members, **{m["nip"]: m["role"] for m in members}}

    @event("MemberJoined")
    def join(self, nip: str, role: str, member_unit: str | None, assignment_id: str, decision: dict) -> None:
        self.members = {
            **self.members,
            nip: {"nip": nip, "role": role, "unit_code": member_unit, "assignment_id": assignment_id},
        }

    @event("MemberRoleChanged")
    def change_role(self, nip: str, role: str, decision: dict) -> None:
        self.members = {**self.members, nip: {**self.members[nip], "role": role}}

    @event("MemberLeft")
    def leave(self, nip: str, decision: dict, assignment_id: str | None = None) -> None:
        # assignment_id: the fixed assignment whose part ends for this member (None in events
        # recorded before it was kept); the assignment itself runs on for the members who remain.
        self.members = {k: v for k, v in self.members.items() if k != nip}
        if self.leader_nip == nip:
            self.leader_nip = self.head_title = self.pptk = None

    @event("MemberPerformanceReported")
    def report_member_performance(
        self,
        period: str,
        nip: str,
        recipients: list[dict],
        role: str,
        results: list[dict],
        contribution: str,
        decision: dict,
    ) -> None:
        self.performance = {
            **self.performance,
            f"{period}|{nip}": {
                "period": period,
                "nip": nip,
                "recipients": recipients,
                "role": role,
                "results": results,
                "contribution": contribution,
            },
        }

    @event("Dissolved")
    def dissolve(self, on: str, decision: dict) -> None:
        self.status = status_after("Dissolved", self.status)
