"""Inputs of the team mutations; their fields are the commands' (application.commands.teams)."""

from datetime import date

import strawberry

from api.assignments.inputs import LetterRecordInput
from api.enums import WorkScope

KEY = "Client key: a retry returns the first result."


@strawberry.input
class TargetInput:
    description: str
    measure: str = ""
    code: str | None = None


@strawberry.input
class MemberRoleInput:
    nip: str
    role: str


@strawberry.input
class FormTeamInput:
    owning_unit: str
    scope: WorkScope
    name: str
    tasks: list[str]
    targets: list[TargetInput]
    planned_members: list[MemberRoleInput] = strawberry.field(default_factory=list)
    period_start: date
    period_end: date
    letter: LetterRecordInput | None = strawberry.field(
        default=None,
        description="Administrator: the signed letter of an office no official here holds (the PPK, "
        "Bupati / Wali Kota), recorded as its decision.",
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class ProposeTeamLeaderInput:
    team_id: strawberry.ID
    nip: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class AppointTeamLeaderInput:
    team_id: strawberry.ID
    nip: str
    confirm_warnings: bool = False
    letter: LetterRecordInput | None = strawberry.field(
        default=None,
        description="Administrator: the signed letter of an office no official here holds (the PPK, "
        "Bupati / Wali Kota), recorded as its decision.",
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class ProposeTeamMembersInput:
    team_id: strawberry.ID
    members: list[MemberRoleInput]
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class AdmitTeamMembersInput:
    team_id: strawberry.ID
    assignment_id: strawberry.ID = strawberry.field(description="A fixed team assignment of the owning unit.")
    roles: list[MemberRoleInput] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class ChangeTeamMemberRoleInput:
    team_id: strawberry.ID
    nip: str
    role: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class RemoveTeamMemberInput:
    team_id: strawberry.ID
    nip: str
    reason: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class DissolveTeamInput:
    team_id: strawberry.ID
    on: date
    reason: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
