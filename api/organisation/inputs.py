"""Inputs of the organisation's mutations: one per command (application.commands.organisation)."""

from datetime import date

import strawberry

from api.enums import EducationType, EmployeeTypeType, GradeType, PositionTypeType, UnitKindType
from domain.positions import EmployeeType

KEY = "Client key: a retry returns the first result."


@strawberry.input
class EstablishUnitInput:
    code: str
    name: str
    kind: UnitKindType
    head_position: PositionTypeType
    legal_basis: str = strawberry.field(description="The instrument establishing it (Perbup SOTK …).")
    parent_code: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class RegisterOfficialInput:
    nip: str
    name: str
    position_type: PositionTypeType
    position_title: str
    rank: str
    education: EducationType
    legal_basis: str = strawberry.field(description="The appointment decree (SK) on file.")
    employee_type: EmployeeTypeType = EmployeeType.PNS
    grade: GradeType | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class AppointHeadInput:
    unit_code: str
    nip: str
    effective_date: date
    legal_basis: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class PlaceOfficialInput:
    nip: str
    unit_code: str
    appraiser_nip: str
    effective_date: date
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class GrantDelegationInput:
    grantor_nip: str
    delegate_nip: str
    valid_from: date
    valid_until: date
    legal_basis: str | None = None
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class RevokeDelegationInput:
    grantor_nip: str
    delegation_id: strawberry.ID
    reason: str
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)
