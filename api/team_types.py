"""GraphQL types of team work: teams, their members and targets."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from api.enums import TeamState, WorkScope
from api.organisation.types import Official, load_official


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
    joined_at: str

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
    period_start: str
    period_end: str
    formed_by: str
    formed_at: str
    legal_basis: str
    leader_warnings_confirmed: list[str] = strawberry.field(description="Warnings the appointing official confirmed.")
    dissolved_at: str | None = None

    @strawberry.field
    async def leader(self, info: Info) -> Official | None:
        return await load_official(info, self.leader_nip)

    @staticmethod
    def from_row(row: dict[str, Any]) -> Team:
        members = row.get("members", [])
        return Team(
            id=row["id"], name=row["name"], owning_unit=row["owning_unit"], scope=row["scope"], status=row["status"],
            leader_nip=row["leader_nip"], tasks=row["tasks"], targets=[Target(**t) for t in row["targets"]],
            planned_members=[PlannedMember(nip=m["nip"], role=m["role"]) for m in row["planned_members"]],
            members=[TeamMember(nip=m["nip"], role=m["role"], unit_code=m["unit_code"], assignment_id=m["assignment_id"],
                                joined_at=m["joined_at"]) for m in members],
            units_spanned=row.get("units_spanned") or [row["owning_unit"]], period_start=row["period_start"],
            period_end=row["period_end"], formed_by=row["formed_by"], formed_at=row["formed_at"],
            legal_basis=row["legal_basis"], leader_warnings_confirmed=[w["code"] for w in row["leader_warnings"] or []],
            dissolved_at=row["dissolved_at"])


@strawberry.type(description="A decision the regulation allows but advises against: nothing was recorded. "
                             "Send the same mutation with confirmWarnings: true to record it.")
class ConfirmationNeeded:
    warnings: list[DecisionWarning]


@strawberry.type
class DecisionWarning:
    code: str
    message: str
    pesan: str
    legal_basis: str
