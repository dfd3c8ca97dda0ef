"""Inputs of the team mutations; their fields are the commands' (application.commands.teams)."""

from datetime import date

import strawberry

from api.assignments.inputs import LetterRecordInput
from api.enums import WorkScope
from api.organisation.inputs import DecreeInput
from api.teams.types import TransformationRoleType

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
class PlannedMemberInput:
    nip: str
    role: str
    task: str | None = strawberry.field(
        default=None, description="The member's own task, where the profile asks for one (Kota Serang)."
    )


@strawberry.input(description="The relevant experience (pengalaman jabatan) and the document showing it.")
class ExperienceInput:
    statement: str
    evidence: str


@strawberry.input
class FormTeamInput:
    owning_unit: str
    scope: WorkScope
    name: str
    tasks: list[str]
    targets: list[TargetInput]
    planned_members: list[PlannedMemberInput] = strawberry.field(default_factory=list)
    period_start: date
    period_end: date
    decree: DecreeInput | None = strawberry.field(default=None, description="The Keputusan fixing the team.")
    letter: LetterRecordInput | None = strawberry.field(
        default=None,
        description="Administrator: the signed letter of an office no official here holds (the PPK, "
        "Bupati / Wali Kota), recorded as its decision.",
    )
    plan_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The work-plan item it serves: an item of the owning unit's plan."
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
    relevant_experience: ExperienceInput | None = strawberry.field(
        default=None,
        description="Required where the profile's rule asks for experience (Kota Serang Pelaksana).",
    )
    letter: LetterRecordInput | None = strawberry.field(
        default=None,
        description="Administrator: the signed letter of an office no official here holds (the PPK, "
        "Bupati / Wali Kota), recorded as its decision.",
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class AppointTeamCoordinatorInput:
    team_id: strawberry.ID
    nip: str
    relevant_experience: ExperienceInput | None = None
    letter: LetterRecordInput | None = strawberry.field(
        default=None,
        description="Administrator: the signed letter of an office no official here holds (the PPK, "
        "Bupati / Wali Kota), recorded as its decision.",
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class DesignateTeamLeaderPptkInput:
    team_id: strawberry.ID
    nip: str = strawberry.field(description="The team's Ketua Tim.")
    valid_from: date
    valid_until: date
    decree: DecreeInput
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class TransformationMemberInput:
    nip: str
    role: TransformationRoleType


@strawberry.input
class RecordTransformationTeamInput:
    name: str
    decree: DecreeInput = strawberry.field(description="The Keputusan Bupati fixing the team.")
    members: list[TransformationMemberInput]
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
