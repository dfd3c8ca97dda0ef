"""Inputs of the organisation's mutations: one per command (application.commands.organisation)."""

from datetime import date

import strawberry

from api.enums import EducationType, EmployeeTypeType, GradeType, PositionTypeType, UnitKindType
from api.organisation.types import StructureTypeType
from domain.positions import EmployeeType

KEY = "Client key: a retry returns the first result."
MANDIRI = (
    "A unit kerja mandiri: where the profile says so (e.g. Banyumas), a Pejabat "
    "Fungsional appraises only while heading one."
)


@strawberry.input
class EstablishUnitInput:
    code: str
    name: str
    kind: UnitKindType
    head_position: PositionTypeType
    legal_basis: str = strawberry.field(description="The instrument establishing it (Perbup SOTK …).")
    parent_code: str | None = None
    structure_type: StructureTypeType | None = strawberry.field(
        default=None, description="Agencies only: the structure type the SOTK (legalBasis) declares."
    )
    unit_kerja_mandiri: bool = strawberry.field(default=False, description=MANDIRI)
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class DeclareStructureTypeInput:
    agency_code: str
    structure_type: StructureTypeType
    legal_basis: str = strawberry.field(description="The instrument declaring it (Perbup SOTK …).")
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class DeclareUnitKerjaMandiriInput:
    unit_code: str
    mandiri: bool = strawberry.field(description=MANDIRI)
    legal_basis: str = strawberry.field(description="The instrument saying so.")
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="The SK (surat keputusan) a decision rests on.")
class DecreeInput:
    number: str
    date: date
    signed_by: str = strawberry.field(description='Who signed it, e.g. "Bupati Banjarnegara selaku PPK".')


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
    decree: DecreeInput | None = strawberry.field(default=None, description="The SK of the appointment.")
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input
class PlaceOfficialInput:
    nip: str
    unit_code: str
    appraiser_nip: str
    effective_date: date
    decree: DecreeInput | None = strawberry.field(
        default=None,
        description="The PPK's SK fixing the placement; the rule's basis stays the profile's article.",
    )
    idempotency_key: str | None = strawberry.field(default=None, description=KEY)


@strawberry.input(description="The placement unit's head recommends an official for appraisal.")
class RecommendAppraisalInput:
    nip: str
    year: int = strawberry.field(description="The appraisal year the recommendation is for.")
    recommendation: str
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
