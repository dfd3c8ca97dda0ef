"""Mutations of the organisation, placement and delegation: each builds its command from its
input and runs it through the pipeline (api.commands.run)."""

from typing import Annotated

import strawberry
from strawberry.types import Info

from api.commands import run
from api.context import blocking, context
from api.errors import CommandError
from api.organisation.inputs import (
    AppointHeadInput,
    DeclareStructureTypeInput,
    DeclareUnitKerjaMandiriInput,
    EstablishUnitInput,
    GrantDelegationInput,
    PlaceOfficialInput,
    RecommendAppraisalInput,
    RegisterOfficialInput,
    RevokeDelegationInput,
)
from api.organisation.types import Delegation, Official, Unit
from application.commands.organisation import (
    AppointHead,
    DeclareStructureType,
    DeclareUnitKerjaMandiri,
    EstablishUnit,
    GrantDelegation,
    PlaceOfficial,
    RecommendAppraisal,
    RegisterOfficial,
    RevokeDelegation,
)


@strawberry.type
class UnitSuccess:
    unit: Unit


@strawberry.type
class OfficialSuccess:
    official: Official


@strawberry.type
class DelegationSuccess:
    delegation: Delegation


UnitResult = Annotated[UnitSuccess | CommandError, strawberry.union("UnitResult")]
OfficialResult = Annotated[OfficialSuccess | CommandError, strawberry.union("OfficialResult")]
DelegationResult = Annotated[DelegationSuccess | CommandError, strawberry.union("DelegationResult")]


async def _unit(info: Info, code: str) -> UnitSuccess:
    row = await blocking(context(info).queries.unit, code)
    return UnitSuccess(unit=Unit.from_row(row))


async def _official(info: Info, nip: str) -> OfficialSuccess:
    row = await blocking(context(info).queries.official, nip)
    return OfficialSuccess(official=Official.from_row(row))


async def _delegation(info: Info, granted: dict) -> DelegationSuccess:
    rows = await blocking(context(info).queries.delegations, grantor_nip=granted["grantor_nip"])
    return DelegationSuccess(
        delegation=Delegation.from_row(
            next(row for row in rows if row["delegation_id"] == granted["delegation_id"])
        )
    )


@strawberry.type
class OrganisationMutation:
    @strawberry.mutation
    async def establish_unit(self, info: Info, input: EstablishUnitInput) -> UnitResult:
        return await run(info, EstablishUnit, input, _unit)

    @strawberry.mutation(
        description="Declare an agency's structure type as its SOTK states it, with that legal basis."
    )
    async def declare_structure_type(self, info: Info, input: DeclareStructureTypeInput) -> UnitResult:
        return await run(info, DeclareStructureType, input, _unit)

    @strawberry.mutation(description="Declare whether a unit is a unit kerja mandiri.")
    async def declare_unit_kerja_mandiri(self, info: Info, input: DeclareUnitKerjaMandiriInput) -> UnitResult:
        return await run(info, DeclareUnitKerjaMandiri, input, _unit)

    @strawberry.mutation
    async def register_official(self, info: Info, input: RegisterOfficialInput) -> OfficialResult:
        return await run(info, RegisterOfficial, input, _official)

    @strawberry.mutation
    async def appoint_head(self, info: Info, input: AppointHeadInput) -> UnitResult:
        return await run(info, AppointHead, input, _unit)

    @strawberry.mutation
    async def place_official(self, info: Info, input: PlaceOfficialInput) -> OfficialResult:
        return await run(info, PlaceOfficial, input, _official)

    @strawberry.mutation(
        description="The head of the unit an Ahli Utama/Madya is placed in recommends him for "
        "appraisal, where the profile has the rule (placement.appraisal_recommendation)."
    )
    async def recommend_appraisal(self, info: Info, input: RecommendAppraisalInput) -> OfficialResult:
        return await run(info, RecommendAppraisal, input, _official)

    @strawberry.mutation
    async def grant_delegation(self, info: Info, input: GrantDelegationInput) -> DelegationResult:
        return await run(info, GrantDelegation, input, _delegation)

    @strawberry.mutation
    async def revoke_delegation(self, info: Info, input: RevokeDelegationInput) -> DelegationResult:
        return await run(info, RevokeDelegation, input, _delegation)
