"""Commands on assignments (penugasan): the request, each step of its route, withdrawal, the end,
the steps recorded from a letter, and the offices the organisation tree cannot tell.

`on` (the day the command is taken: delegations in force, the letter's date) is not part of the
API's inputs — the API takes today; the demo and the tests walk a route on a day of their own.
"""

from dataclasses import dataclass, field
from datetime import date

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class RequestAssignment(Command):
    """`request_letter`, `counterpart`, `external_letter`, `external_officials`: as the API's nested
    inputs (dicts); `external_letter` only when the administrator records the other government's
    request from its letter."""

    mode: str
    scope: str
    owning_unit_code: str
    work: str
    period_start: date
    period_end: date
    official_nips: list[str] = field(default_factory=list)
    official_unit_code: str | None = None
    criteria: str | None = None
    team: bool = False
    request_letter: dict | None = None
    counterpart: dict | None = None
    external_officials: list[dict] | None = None
    external_letter: dict | None = None
    plan_item_id: str | None = None  # the work-plan item it serves (work_plan.link)
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveStep(Command):
    """Approve, recommend or propose."""

    assignment_id: str
    step: int
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class DesignateUnit(Command):
    """Approve a step that designates the unit (of the official's agency) whose appraiser goes on:
    the request named the agency only."""

    assignment_id: str
    step: int
    unit_code: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RejectStep(Command):
    assignment_id: str
    step: int
    reason: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class NameOfficials(Command):
    assignment_id: str
    step: int
    nips: list[str]
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class IssueLetter(Command):
    """Issue the assignment letter or fix the assignment; `on` is the letter's date."""

    assignment_id: str
    step: int
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class AcceptAssignment(Command):
    assignment_id: str
    step: int
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawAssignment(Command):
    assignment_id: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class EndAssignment(Command):
    assignment_id: str
    on: date


@dataclass(frozen=True, kw_only=True)
class RecordExternalStep(Command):
    """`letter`: reference, signatory, date; `officials`: nip and name of each named official."""

    assignment_id: str
    step: int
    approved: bool
    letter: dict
    reason: str | None = None
    officials: list[dict] | None = None
    letter_number: str | None = None


@dataclass(frozen=True, kw_only=True)
class ConfigureOffices(Command):
    legal_basis: str
    setda_code: str | None = None
    personnel_agency_code: str | None = None
    pyb_nip: str | None = None
    # The PPK, an elected official: his name and office (e.g. "Wali Kota Serang"), never a NIP.
    ppk_name: str | None = None
    ppk_office: str | None = None
