"""GraphQL types of the organisation: units, officials, placements, delegations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.enums import (
    DelegationAuthorityType,
    EducationType,
    EmployeeTypeType,
    GradeType,
    PositionTypeType,
    UnitKindType,
)
from api.permissions import NullUnlessPermitted, SelfOrLine
from api.scalars import day, instant
from domain.organisation import StructureType

StructureTypeType = strawberry.enum(
    StructureType,
    name="StructureType",
    description="An agency's structural levels as its SOTK declares them (placement rules may read it).",
)


@strawberry.type(description="The SK (surat keputusan) a decision rests on.")
class Decree:
    number: str
    date: date
    signed_by: str

    @staticmethod
    def from_columns(row: dict[str, Any], prefix: str) -> Decree | None:
        number = row.get(f"{prefix}_number")
        if not number:
            return None
        decided = day(row[f"{prefix}_date"])
        assert decided is not None  # recorded with its number
        return Decree(number=number, date=decided, signed_by=row[f"{prefix}_signed_by"])


@strawberry.type(description="A Perangkat Daerah (agency, level 1) or a unit inside one.")
class Unit:
    code: str
    name: str
    kind: UnitKindType
    level: int
    head_position: PositionTypeType
    parent_code: str | None
    agency_code: str
    head_since: date | None = strawberry.field(description="TMT of the current head's appointment.")
    head_decree: Decree | None = strawberry.field(description="The SK of the current head's appointment.")
    structure_type: StructureTypeType | None = strawberry.field(
        description="Agencies: the structure type declared (null until declared)."
    )
    unit_kerja_mandiri: bool
    established_at: datetime
    legal_basis: str
    head_nip: strawberry.Private[str | None]

    @staticmethod
    def from_row(row: dict[str, Any]) -> Unit:
        return Unit(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            level=row["level"],
            head_position=row["head_position"],
            parent_code=row["parent_code"],
            agency_code=row["agency_code"],
            head_since=day(row["head_since"]),
            head_decree=Decree.from_columns(row, "head_decree"),
            structure_type=row["structure_type"],
            unit_kerja_mandiri=bool(row["unit_kerja_mandiri"]),
            established_at=instant(row["established_at"]),
            legal_basis=row["legal_basis"],
            head_nip=row["head_nip"],
        )

    @strawberry.field
    async def head(self, info: Info) -> Official | None:
        return await load_official(info, self.head_nip)

    @strawberry.field
    async def parent(self, info: Info) -> Unit | None:
        return await load_unit(info, self.parent_code)

    @strawberry.field
    async def children(self, info: Info) -> list[Unit]:
        rows = await blocking(context(info).queries.units, parent_code=self.code, limit=1000)
        return [Unit.from_row(row) for row in rows]


@strawberry.type(description="A PNS or PPPK employee.")
class Official:
    nip: str
    employee_type: EmployeeTypeType
    name: str
    position_type: PositionTypeType
    position_title: str
    grade: GradeType | None
    rank: str
    education_text: strawberry.Private[str]
    head_of_code: str | None = strawberry.field(description="Code of the unit this official heads.")
    unit_code: str | None = strawberry.field(description="Unit of the current placement.")
    placed_since: date | None = strawberry.field(description="TMT of the current placement.")
    appraiser_nip: str | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> Official:
        return Official(
            nip=row["nip"],
            employee_type=row["employee_type"],
            name=row["name"],
            position_type=row["position_type"],
            position_title=row["position_title"],
            grade=row["grade"],
            rank=row["rank"],
            education_text=row["education"],
            head_of_code=row["head_of"],
            unit_code=row["unit_code"],
            placed_since=day(row["placed_since"]),
            appraiser_nip=row["appraiser_nip"],
        )

    @strawberry.field(description="The performance appraiser (Pejabat Penilai Kinerja).")
    async def appraiser(self, info: Info) -> Official | None:
        return await load_official(info, self.appraiser_nip)

    @strawberry.field(description="The unit of the current placement, or the unit this official heads.")
    async def unit(self, info: Info) -> Unit | None:
        return await load_unit(info, self.unit_code or self.head_of_code)

    @strawberry.field(description="Head of the unit of the current placement.")
    async def unit_head(self, info: Info) -> Official | None:
        unit = await load_unit(info, self.unit_code)
        return await load_official(info, unit.head_nip) if unit else None

    @strawberry.field(description="Head of the agency (Kepala Perangkat Daerah) of the placement.")
    async def agency_head(self, info: Info) -> Official | None:
        unit = await load_unit(info, self.unit_code or self.head_of_code)
        agency = await load_unit(info, unit.agency_code) if unit else None
        return await load_official(info, agency.head_nip) if agency else None

    # Personal data (README "Who may read what"): the official, their line, and oversight; null to others.
    @strawberry.field(
        description="Education (personal data: null unless the caller may see it).",
        extensions=[NullUnlessPermitted(SelfOrLine())],
    )
    async def education(self) -> EducationType | None:
        return self.education_text

    @strawberry.field(
        description="Placement decisions with their actors (personal data: null unless the caller "
        "may see it).",
        extensions=[NullUnlessPermitted(SelfOrLine())],
    )
    async def placement_history(self, info: Info) -> list[PlacementRecord] | None:
        rows = await blocking(context(info).queries.placement_history, self.nip)
        return [PlacementRecord.from_row(row) for row in rows]

    @strawberry.field(
        description="Recommendations for appraisal by the head of the unit the official is placed in "
        "(personal data: null unless the caller may see it).",
        extensions=[NullUnlessPermitted(SelfOrLine())],
    )
    async def appraisal_recommendations(self, info: Info) -> list[AppraisalRecommendation] | None:
        rows = await blocking(context(info).queries.appraisal_recommendations, self.nip)
        return [AppraisalRecommendation.from_row(row) for row in rows]

    @strawberry.field(
        description="Appraiser authority this official holds by delegation (null unless the caller "
        "may see it).",
        extensions=[NullUnlessPermitted(SelfOrLine())],
    )
    async def delegations_received(self, info: Info) -> list[Delegation] | None:
        rows = await blocking(context(info).queries.delegations, delegate_nip=self.nip)
        return [Delegation.from_row(row) for row in rows]

    @strawberry.field(
        description="Delegations granted (null unless the caller may see it).",
        extensions=[NullUnlessPermitted(SelfOrLine())],
    )
    async def delegations_granted(self, info: Info) -> list[Delegation] | None:
        rows = await blocking(context(info).queries.delegations, grantor_nip=self.nip)
        return [Delegation.from_row(row) for row in rows]


@strawberry.type(description="A unit head's recommendation for appraising the official (the profile's rule).")
class AppraisalRecommendation:
    year: int
    unit_code: str
    recommender_nip: str
    recommendation: str
    recorded_at: datetime
    legal_basis: str

    @staticmethod
    def from_row(row: dict[str, Any]) -> AppraisalRecommendation:
        return AppraisalRecommendation(
            year=row["year"],
            unit_code=row["unit_code"],
            recommender_nip=row["recommender_nip"],
            recommendation=row["recommendation"],
            recorded_at=instant(row["recorded_at"]),
            legal_basis=row["legal_basis"],
        )


@strawberry.type(description="One placement decision, in the order recorded.")
class PlacementRecord:
    unit_code: str
    appraiser_nip: str
    effective_date: date | None
    recorded_at: datetime
    actor_nip: str
    legal_basis: str
    decree: Decree | None = strawberry.field(description="The SK fixing the placement, where recorded.")

    @staticmethod
    def from_row(row: dict[str, Any]) -> PlacementRecord:
        return PlacementRecord(
            unit_code=row["unit_code"],
            appraiser_nip=row["appraiser_nip"],
            effective_date=day(row["effective_date"]),
            recorded_at=instant(row["recorded_at"]),
            actor_nip=row["actor_nip"],
            legal_basis=row["legal_basis"],
            decree=Decree.from_columns(row, "decree"),
        )


@strawberry.type(description="Appraiser authority delegated for a period (pendelegasian wewenang).")
class Delegation:
    delegation_id: strawberry.ID
    grantor_nip: str
    delegate_nip: str
    authority: DelegationAuthorityType
    valid_from: date
    valid_until: date
    granted_at: datetime
    legal_basis: str
    revoked_at: datetime | None
    revoke_reason: str | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> Delegation:
        return Delegation(
            delegation_id=row["delegation_id"],
            grantor_nip=row["grantor_nip"],
            delegate_nip=row["delegate_nip"],
            authority=row["authority"],
            valid_from=day(row["valid_from"]),
            valid_until=day(row["valid_until"]),
            granted_at=instant(row["granted_at"]),
            legal_basis=row["legal_basis"],
            revoked_at=instant(row["revoked_at"]),
            revoke_reason=row["revoke_reason"],
        )


async def load_official(info: Info, nip: str | None) -> Official | None:
    if not nip:
        return None
    row = await context(info).officials.load(nip)
    return Official.from_row(row) if row else None


async def load_unit(info: Info, code: str | None) -> Unit | None:
    if not code:
        return None
    row = await context(info).units.load(code)
    return Unit.from_row(row) if row else None
