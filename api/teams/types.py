"""GraphQL types of teams: the team, its targets and members, and the answers of its mutations."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from api.enums import TeamState, WorkScope
from api.errors import CommandError
from api.organisation.types import Official, load_official


@strawberry.enum(description="A preference of the regulation that a decision goes against.")
class DecisionWarningCode(Enum):
    LEADER_NOT_FROM_OWNING_UNIT = "LEADER_NOT_FROM_OWNING_UNIT"


@strawberry.type
class Target:
    code: str
    description: str
    measure: str


@strawberry.type
class PlannedMember:
    nip: str
    role: str


@strawberry.type
class TeamMember:
    nip: str
    role: str
    unit_code: str | None
    assignment_id: strawberry.ID
    joined_at: datetime

    @strawberry.field
    async def official(self, info: Info) -> Official | None:
        return await load_official(info, self.nip)


@strawberry.type
class Team:
    id: strawberry.ID
    name: str
    owning_unit: str
    scope: WorkScope
    status: TeamState
    leader_nip: str | None
    tasks: list[str]
    targets: list[Target]
    planned_members: list[PlannedMember]
    members: list[TeamMember]
    units_spanned: list[str]
    period_start: date
    period_end: date
    formed_by: str
    formed_at: datetime
    legal_basis: str
    leader_warnings_confirmed: list[DecisionWarningCode] = strawberry.field(
        description="Warnings the appointing official confirmed."
    )
    dissolved_at: date | None = strawberry.field(default=None, description="The day the team was dissolved.")

    @strawberry.field
    async def leader(self, info: Info) -> Official | None:
        return await load_official(info, self.leader_nip)

    @staticmethod
    def from_row(row: dict[str, Any]) -> Team:
        members = row.get("members", [])
        return Team(
            id=row["id"],
            name=row["name"],
            owning_unit=row["owning_unit"],
            scope=row["scope"],
            status=row["status"],
            leader_nip=row["leader_nip"],
            tasks=row["tasks"],
            targets=[Target(**t) for t in row["targets"]],
            planned_members=[PlannedMember(nip=m["nip"], role=m["role"]) for m in row["planned_members"]],
            members=[
                TeamMember(
                    nip=m["nip"],
                    role=m["role"],
                    unit_code=m["unit_code"],
                    assignment_id=m["assignment_id"],
                    joined_at=datetime.fromisoformat(m["joined_at"]),
                )
                for m in members
            ],
            units_spanned=row.get("units_spanned") or [row["owning_unit"]],
            period_start=date.fromisoformat(row["period_start"]),
            period_end=date.fromisoformat(row["period_end"]),
            formed_by=row["formed_by"],
            formed_at=datetime.fromisoformat(row["formed_at"]),
            legal_basis=row["legal_basis"],
            leader_warnings_confirmed=[DecisionWarningCode(w["code"]) for w in row["leader_warnings"] or []],
            dissolved_at=date.fromisoformat(row["dissolved_at"]) if row["dissolved_at"] else None,
        )


@strawberry.type(
    description="A decision the regulation allows but advises against: nothing was recorded. "
    "Send the same mutation with confirmWarnings: true to record it."
)
class ConfirmationNeeded:
    warnings: list[DecisionWarning]


@strawberry.type
class DecisionWarning:
    code: DecisionWarningCode
    message: str
    pesan: str
    legal_basis: str


@strawberry.type
class TeamSuccess:
    team: Team


TeamResult = Annotated[TeamSuccess | CommandError, strawberry.union("TeamResult")]
TeamLeaderResult = Annotated[
    TeamSuccess | ConfirmationNeeded | CommandError, strawberry.union("TeamLeaderResult")
]
