"""Queries and mutations of teams: formation, leader, members and roles, dissolution."""

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import TeamState, WorkScope
from api.errors import CommandError, command_error
from api.idempotency import first_aggregate, once
from api.input_limits import query_id
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, Requires
from api.team_types import ConfirmationNeeded, DecisionWarning, Team
from application.team_checks import NeedsConfirmation
from domain.errors import DomainError
from projections.teams.queries import TeamQueries


def team_queries(info: Info) -> TeamQueries:
    return TeamQueries(context(info).store)


async def load_team(info: Info, team_id: str) -> Team | None:
    row = await blocking(team_queries(info).team, team_id)
    return Team.from_row(row) if row else None


@strawberry.type
class TeamQuery:
    @strawberry.field(description="A team: leader, members with roles, targets, units spanned.", extensions=[Requires(GovernmentMember())])
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        return await load_team(info, query_id(id, "id"))

    @strawberry.field(description="Teams of a unit, or those a member belongs to, by id.", extensions=[Requires(GovernmentMember())])
    async def teams(self, info: Info, owning_unit: str | None = None, member_nip: str | None = None,
                    status: TeamState | None = None, first: int = 50, after: str | None = None) -> Connection[Team]:
        size = page_size(first)
        rows = await blocking(team_queries(info).teams, owning_unit=owning_unit, member_nip=member_nip,
                              status=status, after=decode_cursor(after), limit=size + 1)
        full = [await blocking(team_queries(info).team, row["id"]) for row in rows]
        return connection(full, size, "id", Team.from_row)


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
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class ProposeTeamLeaderInput:
    team_id: strawberry.ID
    nip: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class AppointTeamLeaderInput:
    team_id: strawberry.ID
    nip: str
    confirm_warnings: bool = False
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class AdmitTeamMembersInput:
    team_id: strawberry.ID
    assignment_id: strawberry.ID = strawberry.field(description="A fixed team assignment of the owning unit.")
    roles: list[MemberRoleInput] = strawberry.field(default_factory=list)
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class ChangeTeamMemberRoleInput:
    team_id: strawberry.ID
    nip: str
    role: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class RemoveTeamMemberInput:
    team_id: strawberry.ID
    nip: str
    reason: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class DissolveTeamInput:
    team_id: strawberry.ID
    on: date
    reason: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.type
class TeamSuccess:
    team: Team


TeamResult = Annotated[TeamSuccess | CommandError, strawberry.union("TeamResult")]
TeamLeaderResult = Annotated[TeamSuccess | ConfirmationNeeded | CommandError, strawberry.union("TeamLeaderResult")]


async def _run(info: Info, input, command: str, **kwargs) -> TeamSuccess | CommandError:
    """The command under the input's idempotency key (a retry answers with the first result)."""
    ctx = context(info)
    try:
        team = await once(info, input, first_aggregate(info), getattr(ctx.app, command), ctx.principal, **kwargs)
    except DomainError as error:
        return command_error(error)
    if isinstance(team, NeedsConfirmation):
        return ConfirmationNeeded(warnings=[DecisionWarning(code=w["code"], message=w["message_en"], pesan=w["message_id"],
                                                            legal_basis=w["legal_basis"]) for w in team.warnings])
    return TeamSuccess(team=await load_team(info, str(team.id)))


@strawberry.type
class TeamMutation:
    @strawberry.mutation
    async def form_team(self, info: Info, input: FormTeamInput) -> TeamResult:
        return await _run(info, input, "form_team", owning_unit=input.owning_unit, scope=input.scope, name=input.name,
                          tasks=input.tasks, targets=[vars(t) for t in input.targets],
                          planned_members=[vars(m) for m in input.planned_members],
                          period_start=input.period_start, period_end=input.period_end)

    @strawberry.mutation(description="Where the profile has the leader proposed first (e.g. Kab. Serang, Kota Serang).")
    async def propose_team_leader(self, info: Info, input: ProposeTeamLeaderInput) -> TeamResult:
        return await _run(info, input, "propose_team_leader", team_id=input.team_id, nip=input.nip)

    @strawberry.mutation(description="Checked against the profile's eligibility; a leader from outside the owning "
                                     "unit of a cross-unit team first answers ConfirmationNeeded.")
    async def appoint_team_leader(self, info: Info, input: AppointTeamLeaderInput) -> TeamLeaderResult:
        return await _run(info, input, "appoint_team_leader", team_id=input.team_id, nip=input.nip,
                          confirm_warnings=input.confirm_warnings)

    @strawberry.mutation
    async def admit_team_members(self, info: Info, input: AdmitTeamMembersInput) -> TeamResult:
        return await _run(info, input, "admit_team_members", team_id=input.team_id, assignment_id=input.assignment_id,
                          roles={r.nip: r.role for r in input.roles})

    @strawberry.mutation
    async def change_team_member_role(self, info: Info, input: ChangeTeamMemberRoleInput) -> TeamResult:
        return await _run(info, input, "change_team_member_role", team_id=input.team_id, nip=input.nip, role=input.role)

    @strawberry.mutation
    async def remove_team_member(self, info: Info, input: RemoveTeamMemberInput) -> TeamResult:
        return await _run(info, input, "remove_team_member", team_id=input.team_id, nip=input.nip, reason=input.reason)

    @strawberry.mutation
    async def dissolve_team(self, info: Info, input: DissolveTeamInput) -> TeamResult:
        return await _run(info, input, "dissolve_team", team_id=input.team_id, on=input.on, reason=input.reason)
