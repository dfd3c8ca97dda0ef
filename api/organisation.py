"""Queries and mutations of the organisation: units, officials, placement, delegation."""

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.commands import run
from api.errors import CommandError
from api.organisation_types import Delegation, Official, Unit, load_official, load_unit
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, Requires, SignedIn
from application.commands.organisation import (
    AppointHead, EstablishUnit, GrantDelegation, PlaceOfficial, RegisterOfficial, RevokeDelegation,
)


@strawberry.type
class OrganisationQuery:
    @strawberry.field(description="Units in tree order (agency, then its units depth-first).", extensions=[Requires(GovernmentMember())])
    async def organisation_tree(self, info: Info, first: int = 50, after: str | None = None,
                                agency_code: str | None = None) -> Connection[Unit]:
        size = page_size(first)
        rows = await blocking(context(info).queries.units, agency_code=agency_code,
                              after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "path", Unit.from_row)

    @strawberry.field(extensions=[Requires(GovernmentMember())])
    async def unit(self, info: Info, code: str) -> Unit | None:
        return await load_unit(info, code.strip().upper())

    @strawberry.field(extensions=[Requires(GovernmentMember())])
    async def official(self, info: Info, nip: str) -> Official | None:
        return await load_official(info, nip.strip())

    @strawberry.field(description="The caller, with their appraiser, unit head and agency head.", extensions=[Requires(SignedIn())])
    async def me(self, info: Info) -> Official | None:
        return await load_official(info, context(info).principal.nip)

    @strawberry.field(description="Officials placed in a unit (or all), by NIP.", extensions=[Requires(GovernmentMember())])
    async def officials(self, info: Info, unit_code: str | None = None, appraiser_nip: str | None = None,
                        first: int = 50, after: str | None = None) -> Connection[Official]:
        size = page_size(first)
        rows = await blocking(context(info).queries.officials, unit_code=unit_code, appraiser_nip=appraiser_nip,
                              after=decode_cursor(after), limit=size + 1)
        return connection(rows, size, "nip", Official.from_row)


@strawberry.input
class EstablishUnitInput:
    code: str
    name: str
    kind: str = strawberry.field(description="SETDA, DINAS, BADAN, RSUD, … BAGIAN, BIDANG, SEKSI, …")
    head_position: str = strawberry.field(description="JPT_PRATAMA, ADMINISTRATOR, PENGAWAS or FUNGSIONAL")
    legal_basis: str = strawberry.field(description="The instrument establishing it (Perbup SOTK …).")
    parent_code: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class RegisterOfficialInput:
    nip: str
    name: str
    position_type: str
    position_title: str
    rank: str
    education: str
    legal_basis: str = strawberry.field(description="The appointment decree (SK) on file.")
    employee_type: str = "PNS"
    grade: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class AppointHeadInput:
    unit_code: str
    nip: str
    effective_date: date
    legal_basis: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class PlaceOfficialInput:
    nip: str
    unit_code: str
    appraiser_nip: str
    effective_date: date
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class GrantDelegationInput:
    grantor_nip: str
    delegate_nip: str
    valid_from: date
    valid_until: date
    legal_basis: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


@strawberry.input
class RevokeDelegationInput:
    grantor_nip: str
    delegation_id: strawberry.ID
    reason: str
    idempotency_key: str | None = strawberry.field(default=None, description="Client key: a retry returns the first result.")


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
    return DelegationSuccess(delegation=Delegation.from_row(
        next(row for row in rows if row["delegation_id"] == granted["delegation_id"])))


@strawberry.type
class OrganisationMutation:
    @strawberry.mutation
    async def establish_unit(self, info: Info, input: EstablishUnitInput) -> UnitResult:
        return await run(info, EstablishUnit, input, _unit)

    @strawberry.mutation
    async def register_official(self, info: Info, input: RegisterOfficialInput) -> OfficialResult:
        return await run(info, RegisterOfficial, input, _official)

    @strawberry.mutation
    async def appoint_head(self, info: Info, input: AppointHeadInput) -> UnitResult:
        return await run(info, AppointHead, input, _unit)

    @strawberry.mutation
    async def place_official(self, info: Info, input: PlaceOfficialInput) -> OfficialResult:
        return await run(info, PlaceOfficial, input, _official)

    @strawberry.mutation
    async def grant_delegation(self, info: Info, input: GrantDelegationInput) -> DelegationResult:
        return await run(info, GrantDelegation, input, _delegation)

    @strawberry.mutation
    async def revoke_delegation(self, info: Info, input: RevokeDelegationInput) -> DelegationResult:
        return await run(info, RevokeDelegation, input, _delegation)
