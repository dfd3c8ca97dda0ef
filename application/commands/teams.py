"""Commands on teams: formation, the leader, members and their roles, dissolution."""

from dataclasses import dataclass, field
from datetime import date

from application.commands.organisation import Decree, _decree
from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class FormTeam(Command):
    owning_unit: str
    scope: str
    name: str
    tasks: list[str]
    targets: list[dict]  # {description, measure, code?}
    planned_members: list[dict] = field(default_factory=list)  # {nip, role, task?}
    period_start: date
    period_end: date
    decree: Decree | None = None  # the Keputusan fixing the team, where it has one
    letter: dict | None = None  # the PPK's signed decision, recorded by the administrator
    plan_item_id: str | None = None  # the work-plan item it serves (work_plan.link)

    def __post_init__(self) -> None:
        object.__setattr__(self, "decree", _decree(self.decree))


@dataclass(frozen=True, kw_only=True)
class ProposeTeamLeader(Command):
    team_id: str
    nip: str


@dataclass(frozen=True, kw_only=True)
class AppointTeamLeader(Command):
    team_id: str
    nip: str
    confirm_warnings: bool = False
    relevant_experience: dict | None = None  # {statement, evidence}: where the rule requires it
    letter: dict | None = None  # the PPK's signed decision, recorded by the administrator


@dataclass(frozen=True, kw_only=True)
class AppointTeamCoordinator(Command):
    team_id: str
    nip: str
    relevant_experience: dict | None = None  # {statement, evidence}
    letter: dict | None = None  # the PPK's signed decision, recorded by the administrator


@dataclass(frozen=True, kw_only=True)
class DesignateTeamLeaderPptk(Command):
    team_id: str
    nip: str
    valid_from: date
    valid_until: date
    decree: Decree

    def __post_init__(self) -> None:
        object.__setattr__(self, "decree", _decree(self.decree))


@dataclass(frozen=True, kw_only=True)
class RecordTransformationTeam(Command):
    name: str
    decree: Decree
    members: list[dict]  # {nip, role}

    def __post_init__(self) -> None:
        object.__setattr__(self, "decree", _decree(self.decree))


@dataclass(frozen=True, kw_only=True)
class ProposeTeamMembers(Command):
    team_id: str
    members: list[dict]  # {nip, role}


@dataclass(frozen=True, kw_only=True)
class AdmitTeamMembers(Command):
    team_id: str
    assignment_id: str
    roles: list[dict] = field(default_factory=list)  # {nip, role}: overrides the planned role


@dataclass(frozen=True, kw_only=True)
class ChangeTeamMemberRole(Command):
    team_id: str
    nip: str
    role: str


@dataclass(frozen=True, kw_only=True)
class RemoveTeamMember(Command):
    team_id: str
    nip: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class DissolveTeam(Command):
    team_id: str
    on: date
    reason: str
