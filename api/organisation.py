"""Queries and mutations of the organisation: units, officials, placement, delegation."""

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.errors import CommandError, command_error
from api.idempotency import first_aggregate, once
from api.organisation_types import Delegation, Official, Unit, load_official, load_unit
from api.pagination import Connection, connection, decode_cursor, page_size
from api.permissions import GovernmentMember, Requires, SignedIn
from domain.errors import DomainError


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


async def _delegation(info: Info, grantor: str, delegation_id: str) -> DelegationSuccess:
    rows = await blocking(context(info).queries.delegations, grantor_nip=grantor)
    return DelegationSuccess(delegation=Delegation.from_row(
        next(row for row in rows if row["delegation_id"] == delegation_id)))


def _granted(info: Info, input: GrantDelegationInput):
    """Replay of a grant: the id of the delegation the first call granted."""
    def replay(ids: list[str]) -> str:
        grantor = first_aggregate(info)(ids)
        return [g for g in grantor.delegations.values() if g["delegate_nip"] == input.delegate_nip][-1]["delegation_id"]
    return replay


@strawberry.type
class OrganisationMutation:
    @strawberry.mutation
    async def establish_unit(self, info: Info, input: EstablishUnitInput) -> UnitResult:
        ctx = context(info)
        try:
            unit = await once(info, input, first_aggregate(info), ctx.app.establish_unit, ctx.principal, code=input.code, name=input.name,
                                  kind=input.kind, head_position=input.head_position,
                                  parent_code=input.parent_code, legal_basis=input.legal_basis)
        except DomainError as error:
            return command_error(error)
        return await _unit(info, unit.code)

    @strawberry.mutation
    async def register_official(self, info: Info, input: RegisterOfficialInput) -> OfficialResult:
        ctx = context(info)
        try:
            official = await once(
                info, input, first_aggregate(info), ctx.app.register_official, ctx.principal, nip=input.nip, employee_type=input.employee_type,
                name=input.name, position_type=input.position_type, position_title=input.position_title,
                grade=input.grade, rank=input.rank, education=input.education, legal_basis=input.legal_basis)
        except DomainError as error:
            return command_error(error)
        return await _official(info, official.nip)

    @strawberry.mutation
    async def appoint_head(self, info: Info, input: AppointHeadInput) -> UnitResult:
        ctx = context(info)
        try:
            unit = await once(info, input, first_aggregate(info), ctx.app.appoint_head, ctx.principal, unit_code=input.unit_code, nip=input.nip,
                                  effective_date=input.effective_date, legal_basis=input.legal_basis)
        except DomainError as error:
            return command_error(error)
        return await _unit(info, unit.code)

    @strawberry.mutation
    async def place_official(self, info: Info, input: PlaceOfficialInput) -> OfficialResult:
        ctx = context(info)
        try:
            official = await once(info, input, first_aggregate(info), ctx.app.place_official, ctx.principal, nip=input.nip,
                                      unit_code=input.unit_code, appraiser_nip=input.appraiser_nip,
                                      effective_date=input.effective_date)
        except DomainError as error:
            return command_error(error)
        return await _official(info, official.nip)

    @strawberry.mutation
    async def grant_delegation(self, info: Info, input: GrantDelegationInput) -> DelegationResult:
        ctx = context(info)
        try:
            delegation_id = await once(
                info, input, _granted(info, input), ctx.app.grant_delegation, ctx.principal, grantor_nip=input.grantor_nip,
                delegate_nip=input.delegate_nip, valid_from=input.valid_from, valid_until=input.valid_until,
                legal_basis=input.legal_basis)
        except DomainError as error:
            return command_error(error)
        return await _delegation(info, input.grantor_nip, delegation_id)

    @strawberry.mutation
    async def revoke_delegation(self, info: Info, input: RevokeDelegationInput) -> DelegationResult:
        ctx = context(info)
        try:
            await once(info, input, lambda ids: None, ctx.app.revoke_delegation, ctx.principal, grantor_nip=input.grantor_nip,
                           delegation_id=input.delegation_id, reason=input.reason)
        except DomainError as error:
            return command_error(error)
        return await _delegation(info, input.grantor_nip, input.delegation_id)
