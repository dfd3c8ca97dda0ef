"""Commands on the organisation and on placement (kedudukan) and delegation."""

from dataclasses import dataclass
from datetime import date

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class EstablishUnit(Command):
    code: str
    name: str
    kind: str
    head_position: str
    legal_basis: str
    parent_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class RegisterOfficial(Command):
    nip: str
    name: str
    position_type: str
    position_title: str
    rank: str
    education: str
    legal_basis: str
    employee_type: str = "PNS"
    grade: str | None = None


@dataclass(frozen=True, kw_only=True)
class AppointHead(Command):
    unit_code: str
    nip: str
    effective_date: date
    legal_basis: str


@dataclass(frozen=True, kw_only=True)
class PlaceOfficial(Command):
    nip: str
    unit_code: str
    appraiser_nip: str
    effective_date: date


@dataclass(frozen=True, kw_only=True)
class GrantDelegation(Command):
    grantor_nip: str
    delegate_nip: str
    valid_from: date
    valid_until: date
    legal_basis: str | None = None


@dataclass(frozen=True, kw_only=True)
class RevokeDelegation(Command):
    grantor_nip: str
    delegation_id: str
    reason: str
