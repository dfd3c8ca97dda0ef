"""Inputs of the assignment mutations. Each takes an optional `idempotencyKey`."""

from datetime import date

import strawberry

from api.enums import AssignmentMode, TenantSideType, WorkScope


@strawberry.input(description="The request letter's required contents; the duration is the period.")
class RequestLetterInput:
    purpose: str
    competencies: str
    expected_target: str


@strawberry.input(
    description="The other government of a cross-institution request, and this government's side."
)
class CounterpartInput:
    government: str
    tenant_side: TenantSideType = strawberry.field(
        description="OWNING: we request; OFFICIAL: our official is requested."
    )
    unit: str | None = strawberry.field(
        default=None,
        description="The other government's unit; with `tenant`, its unit code there (whose head finds "
        "the officials).",
    )
    tenant: str | None = strawberry.field(
        default=None,
        description="The other government's tenant id when it is on this platform: the route is then native, "
        "each side's steps taken by its own officials in its own tenant (ADR 0010).",
    )


@strawberry.input
class ExternalOfficialInput:
    nip: str
    name: str


@strawberry.input(
    description="The letter that carries a decision taken outside this system, as it states it."
)
class LetterRecordInput:
    reference: str
    signatory: str
    date: date


@strawberry.input
class RequestAssignmentInput:
    mode: AssignmentMode
    scope: WorkScope
    owning_unit_code: str
    work: str
    period_start: date
    period_end: date
    official_nips: list[str] = strawberry.field(default_factory=list)
    official_unit_code: str | None = None
    criteria: str | None = None
    team: bool = False
    request_letter: RequestLetterInput | None = None
    counterpart: CounterpartInput | None = None
    external_officials: list[ExternalOfficialInput] | None = None
    external_letter: LetterRecordInput | None = None
    plan_item_id: strawberry.ID | None = strawberry.field(
        default=None, description="The work-plan item it serves: an item of the owning unit's plan."
    )
    idempotency_key: str | None = None


@strawberry.input
class StepInput:
    assignment_id: strawberry.ID
    step: int
    idempotency_key: str | None = None


@strawberry.input(
    description="Approve a step whose holder chooses the unit of the official's agency whose appraiser"
    " names the officials (the request named the agency only)."
)
class DesignateUnitInput:
    assignment_id: strawberry.ID
    step: int
    unit_code: str
    idempotency_key: str | None = None


@strawberry.input
class RejectStepInput:
    assignment_id: strawberry.ID
    step: int
    reason: str
    idempotency_key: str | None = None


@strawberry.input
class NameOfficialsInput:
    assignment_id: strawberry.ID
    step: int
    nips: list[str]
    idempotency_key: str | None = None


@strawberry.input
class WithdrawAssignmentInput:
    assignment_id: strawberry.ID
    reason: str
    idempotency_key: str | None = None


@strawberry.input
class RecordExternalStepInput:
    assignment_id: strawberry.ID
    step: int
    approved: bool
    letter: LetterRecordInput
    reason: str | None = None
    officials: list[ExternalOfficialInput] | None = None
    letter_number: str | None = None
    idempotency_key: str | None = None


@strawberry.input
class EndAssignmentInput:
    assignment_id: strawberry.ID
    on: date
    idempotency_key: str | None = None


@strawberry.input(description="Offices the organisation tree cannot tell; the PyB defaults to the Sekda.")
class ConfigureOfficesInput:
    legal_basis: str
    setda_code: str | None = None
    personnel_agency_code: str | None = None
    pyb_nip: str | None = None
    ppk_name: str | None = strawberry.field(
        default=None, description="The PPK (Bupati / Wali Kota), an elected official: his name, no NIP."
    )
    ppk_office: str | None = strawberry.field(
        default=None, description='His office as letters name it, e.g. "Wali Kota Serang".'
    )
    idempotency_key: str | None = None
