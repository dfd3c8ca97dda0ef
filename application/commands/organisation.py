"""Commands on the organisation and on placement (kedudukan) and delegation."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from application.pipeline import Command


@dataclass(frozen=True)
class Decree:
    """The SK a decision rests on: its number, its date and who signed it (e.g. "Bupati Banjarnegara
    selaku PPK")."""

    number: str
    date: date
    signed_by: str


def _decree(value: Decree | dict[str, Any] | None) -> Decree | None:
    """The API builds commands from `asdict(input)`, so a nested decree arrives as a dict."""
    return Decree(**value) if isinstance(value, dict) else value


@dataclass(frozen=True, kw_only=True)
class EstablishUnit(Command):
    code: str
    name: str
    kind: str
    head_position: str
    legal_basis: str
    parent_code: str | None = None
    structure_type: str | None = None  # agencies only: as the SOTK (legal_basis) declares it
    unit_kerja_mandiri: bool = False


@dataclass(frozen=True, kw_only=True)
class DeclareStructureType(Command):
    agency_code: str
    structure_type: str
    legal_basis: str


@dataclass(frozen=True, kw_only=True)
class DeclareUnitKerjaMandiri(Command):
    unit_code: str
    mandiri: bool
    legal_basis: str


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
    decree: Decree | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "decree", _decree(self.decree))


@dataclass(frozen=True, kw_only=True)
class PlaceOfficial(Command):
    nip: str
    unit_code: str
    appraiser_nip: str
    effective_date: date
    decree: Decree | None = None  # the rule's basis stays the profile's article

    def __post_init__(self) -> None:
        object.__setattr__(self, "decree", _decree(self.decree))


@dataclass(frozen=True, kw_only=True)
class RecommendAppraisal(Command):
    nip: str
    year: int
    recommendation: str


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
