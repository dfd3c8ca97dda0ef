"""Mutations of teams: formation, leader, members and roles, dissolution — each one run through
the pipeline (api.commands.run)."""

import strawberry
from strawberry.types import Info

from api.commands import run
from api.context import blocking
from api.teams.inputs import (
    AdmitTeamMembersInput,
    AppointTeamCoordinatorInput,
    AppointTeamLeaderInput,
    ChangeTeamMemberRoleInput,
    DesignateTeamLeaderPptkInput,
    DissolveTeamInput,
    FormTeamInput,
    ProposeTeamLeaderInput,
    ProposeTeamMembersInput,
    RecordTransformationTeamInput,
    RemoveTeamMemberInput,
)
from api.teams.queries import load_team, team_queries
from api.teams.types import (
    ConfirmationNeeded,
    DecisionWarning,
    DecisionWarningCode,
    TeamLeaderResult,
    TeamResult,
    TeamSuccess,
    TransformationTeam,
    TransformationTeamResult,
    TransformationTeamSuccess,
)
from application.commands.teams import (
    AdmitTeamMembers,
    AppointTeamCoordinator,
    AppointTeamLeader,
    ChangeTeamMemberRole,
    DesignateTeamLeaderPptk,
    DissolveTeam,
    FormTeam,
    ProposeTeamLeader,
    ProposeTeamMembers,
    RecordTransformationTeam,
    RemoveTeamMember,
)


async def _team(info: Info, team_id: str) -> TeamSuccess:
    return TeamSuccess(team=await load_team(info, team_id))


async def _leader(info: Info, result: str | dict) -> TeamSuccess | ConfirmationNeeded:
    """The team's id, or the warnings the appointing official has yet to confirm."""
    if isinstance(result, str):
        return await _team(info, result)
    return ConfirmationNeeded(
        warnings=[
            DecisionWarning(
                code=DecisionWarningCode(w["code"]),
                message=w["message_en"],
                pesan=w["message_id"],
                legal_basis=w["legal_basis"],
            )
            for w in result["warnings"]
        ]
    )


async def _transformation(info: Info, team_id: str) -> TransformationTeamSuccess:
    rows = await blocking(team_queries(info).transformation_teams)
    row = next(r for r in rows if r["id"] == team_id)
    return TransformationTeamSuccess(transformation_team=TransformationTeam.from_row(row))


@strawberry.type
class TeamMutation:
    @strawberry.mutation
    async def form_team(self, info: Info, input: FormTeamInput) -> TeamResult:
        return await run(info, FormTeam, input, _team)

    @strawberry.mutation(
        description="Where the profile has the leader proposed first (e.g. Kab. Serang, Kota Serang)."
    )
    async def propose_team_leader(self, info: Info, input: ProposeTeamLeaderInput) -> TeamResult:
        return await run(info, ProposeTeamLeader, input, _team)

    @strawberry.mutation(
        description="Checked against the profile's eligibility; a leader from outside the "
        "owning unit of a cross-unit team first answers ConfirmationNeeded."
    )
    async def appoint_team_leader(self, info: Info, input: AppointTeamLeaderInput) -> TeamLeaderResult:
        return await run(info, AppointTeamLeader, input, _leader)

    @strawberry.mutation(
        description="A Koordinator heads the team in the Ketua Tim's place, where the profile has one "
        "(Kota Serang): appointed by its office, only in an agency that declared the affair it needs, "
        "eligible with the stated experience."
    )
    async def appoint_team_coordinator(self, info: Info, input: AppointTeamCoordinatorInput) -> TeamResult:
        return await run(info, AppointTeamCoordinator, input, _team)

    @strawberry.mutation(
        description="The team's Ketua Tim designated PPTK, where the profile has the rule (Kab. Serang), "
        "with the decree and the period."
    )
    async def designate_team_leader_pptk(self, info: Info, input: DesignateTeamLeaderPptkInput) -> TeamResult:
        return await run(info, DesignateTeamLeaderPptk, input, _team)

    @strawberry.mutation(
        description="The administrator records a transformation-management team from its decree, where "
        "the profile has one (Banjarnegara)."
    )
    async def record_transformation_team(
        self, info: Info, input: RecordTransformationTeamInput
    ) -> TransformationTeamResult:
        return await run(info, RecordTransformationTeam, input, _transformation)

    @strawberry.mutation(
        description="The leader proposes members to the office that fixes the team, where the "
        "profile has it (Kota Serang); admission then takes only those proposed."
    )
    async def propose_team_members(self, info: Info, input: ProposeTeamMembersInput) -> TeamResult:
        return await run(info, ProposeTeamMembers, input, _team)

    @strawberry.mutation(
        description="By the office that fixed the team (the profile's teams.membership); a leader is "
        "refused MEMBERSHIP_NOT_THE_LEADERS."
    )
    async def admit_team_members(self, info: Info, input: AdmitTeamMembersInput) -> TeamResult:
        return await run(info, AdmitTeamMembers, input, _team)

    @strawberry.mutation(
        description="By the office that fixed the team, or whom the profile lets divide roles (the leader)."
    )
    async def change_team_member_role(self, info: Info, input: ChangeTeamMemberRoleInput) -> TeamResult:
        return await run(info, ChangeTeamMemberRole, input, _team)

    @strawberry.mutation(
        description="By the office that fixed the team, with a reason; the member's part in the team's "
        "fixed assignment ends."
    )
    async def remove_team_member(self, info: Info, input: RemoveTeamMemberInput) -> TeamResult:
        return await run(info, RemoveTeamMember, input, _team)

    @strawberry.mutation
    async def dissolve_team(self, info: Info, input: DissolveTeamInput) -> TeamResult:
        return await run(info, DissolveTeam, input, _team)
