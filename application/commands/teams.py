"""Commands on teams: formation, the leader, members and their roles, dissolution."""

from dataclasses import dataclass, field
from datetime import date

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class FormTeam(Command):
    owning_unit: str
    scope: str
    name: str
    tasks: list[str]
    targets: list[dict]  # {description, measure, code?}
    planned_members: list[dict] = field(default_factory=list)  # {nip, role}
    period_start: date
    period_end: date
    letter: dict | None = None  # the PPK's signed decision, recorded by the administrator


@dataclass(frozen=True, kw_only=True)
class ProposeTeamLeader(Command):
    team_id: str
    nip: str


@dataclass(frozen=True, kw_only=True)
class AppointTeamLeader(Command):
    team_id: str
    nip: str
    confirm_warnings: bool = False
    letter: dict | None = None  # the PPK's signed decision, recorded by the administrator


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
