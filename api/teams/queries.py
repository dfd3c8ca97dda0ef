"""Queries of teams: one team, and the teams of a unit or of a member."""

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import TeamState
from api.input_limits import query_id
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, Requires
from api.teams.types import Team
from projections.teams.queries import TeamQueries


def team_queries(info: Info) -> TeamQueries:
    return TeamQueries(context(info).store)


async def load_team(info: Info, team_id: str) -> Team | None:
    row = await blocking(team_queries(info).team, team_id)
    return Team.from_row(row) if row else None


@strawberry.type
class TeamQuery:
    @strawberry.field(
        description="A team: leader, members with roles, targets, units spanned.",
        extensions=[Requires(GovernmentMember())],
    )
    async def team(self, info: Info, id: strawberry.ID) -> Team | None:
        return await load_team(info, query_id(id, "id"))

    @strawberry.field(
        description="Teams of a unit, or those a member belongs to, by id.",
        extensions=[Requires(GovernmentMember())],
    )
    async def teams(
        self,
        info: Info,
        owning_unit: str | None = None,
        member_nip: str | None = None,
        status: TeamState | None = None,
        first: int = 50,
        after: str | None = None,
    ) -> Connection[Team]:
        size = page_size(first)
        rows = await blocking(
            team_queries(info).teams,
            owning_unit=owning_unit,
            member_nip=member_nip,
            status=status,
            after=decode_cursor(after),
            limit=size + 1,
        )
        full = [await blocking(team_queries(info).team, row["id"]) for row in rows]
        return connection(full, size, "id", Team.from_row)
