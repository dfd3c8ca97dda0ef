"""Assignment (penugasan) routes: for every mode x scope, cited steps or a cited refusal."""

from __future__ import annotations

from enum import Enum

from pydantic import model_validator

from domain.positions import Grade, PositionType
from domain.profile.common import Citation, Text, _Model


class Mode(str, Enum):
    APPOINTMENT = "APPOINTMENT"  # penunjukan
    VOLUNTARY = "VOLUNTARY"  # pengajuan sukarela


class Scope(str, Enum):
    WITHIN_UNIT = "WITHIN_UNIT"  # dalam (satu) unit organisasi
    CROSS_UNIT = "CROSS_UNIT"  # lintas unit organisasi, same agency
    CROSS_AGENCY = "CROSS_AGENCY"  # lintas Perangkat Daerah, same government
    CROSS_INSTITUTION = "CROSS_INSTITUTION"  # lintas instansi pemerintah: another government


class Role(str, Enum):
    """Who acts, relative to the request. OFFICIAL_* is the side where the official stands,
    OWNING_* the unit that owns the performance; within one unit the two coincide."""

    OFFICIAL = "OFFICIAL"  # the official being assigned
    OFFICIAL_APPRAISER = "OFFICIAL_APPRAISER"
    OFFICIAL_UNIT_HEAD = "OFFICIAL_UNIT_HEAD"
    OFFICIAL_AGENCY_HEAD = "OFFICIAL_AGENCY_HEAD"
    OFFICIAL_PYB = "OFFICIAL_PYB"
    # Head of the staffing agency (BKPSDM) of the official's government; pemalang-2023's
    # cross-institution route copies its letter to it (letter.copies).
    OFFICIAL_PERSONNEL_AGENCY_HEAD = "OFFICIAL_PERSONNEL_AGENCY_HEAD"
    OWNING_UNIT_HEAD = "OWNING_UNIT_HEAD"
    OWNING_AGENCY_HEAD = "OWNING_AGENCY_HEAD"
    OWNING_PYB = "OWNING_PYB"
    # The requesting unit head's own appraiser: the head of the unit above the owning unit (the
    # Sekda above an agency). Only ever copied (banjarnegara-2024's cross-institution request).
    REQUESTER_APPRAISER = "REQUESTER_APPRAISER"
    SEKDA = "SEKDA"
    PPK = "PPK"  # Bupati / Wali Kota as staffing authority
    # Reporting only (not in assignment routes):
    TEAM_LEADER = "TEAM_LEADER"  # leader of the official's team
    ASSIGNER = "ASSIGNER"  # who gave the assignment; the report then goes up tier by tier


REPORTING_ONLY_ROLES = {Role.TEAM_LEADER, Role.ASSIGNER}
COPY_ONLY_ROLES = {Role.REQUESTER_APPRAISER}


class Action(str, Enum):
    REQUEST = "REQUEST"  # starts the request (letter, written or oral wish)
    PROPOSE = "PROPOSE"  # proposes (usul) to the one who fixes
    RECOMMEND = "RECOMMEND"  # recommends, or refuses with a reason
    APPROVE = "APPROVE"  # agrees (and forwards), or refuses with a reason
    NAME_OFFICIALS = "NAME_OFFICIALS"  # names the officials who fit the request's criteria
    ISSUE_LETTER = "ISSUE_LETTER"  # issues (signs) the assignment letter
    FIX = "FIX"  # fixes (menetapkan) the assignment
    ACCEPT = "ACCEPT"  # the official receives the letter and takes the work on


OPENING_ACTIONS = {Action.REQUEST, Action.PROPOSE}
LETTER_ACTIONS = {Action.ISSUE_LETTER, Action.FIX}


class CitedValues(_Model):
    values: tuple[Scope, ...]
    citation: Citation
    note: Text | None = None


class Step(_Model):
    role: Role
    action: Action
    citation: Citation
    copies: tuple[Role, ...] = ()  # tembusan of what this step sends
    # This step's holder chooses the unit (within the official's agency) whose appraiser takes
    # the later official-side steps: the request named the agency only.
    designates_unit: bool = False
    # Who answers a refusal at this step, when the text gives it to someone other than the
    # step's holder (empty: the holder refuses).
    refused_by: tuple[Role, ...] = ()
    note: Text | None = None


class Letter(_Model):
    issued_at_step: int  # 1-based
    copies: tuple[Role, ...] = ()
    citation: Citation
    note: Text | None = None


class Route(_Model):
    mode: Mode
    scope: Scope
    citation: Citation
    # The request letter must state purpose, competencies, target and duration.
    request_letter_required: bool = False
    request_letter_citation: Citation | None = None
    steps: tuple[Step, ...]
    letter: Letter
    note: Text | None = None

    @model_validator(mode="after")
    def _well_formed(self) -> Route:
        where = f"route {self.mode.value} {self.scope.value}"
        if not self.steps:
            raise ValueError(f"{where}: needs at least one step")
        first = self.steps[0]
        if first.action not in OPENING_ACTIONS:
            raise ValueError(f"{where}: step 1 must REQUEST or PROPOSE, not {first.action.value}")
        if (first.role is Role.OFFICIAL) != (self.mode is Mode.VOLUNTARY):
            raise ValueError(
                f"{where}: step 1 must be taken by the OFFICIAL exactly when the mode is VOLUNTARY"
            )
        for step in self.steps:
            for role in (step.role, *step.copies, *step.refused_by):
                if role in REPORTING_ONLY_ROLES:
                    raise ValueError(f"{where}: {role.value} has no part in an assignment route")
            for role in (step.role, *step.refused_by):
                if role in COPY_ONLY_ROLES:
                    raise ValueError(f"{where}: {role.value} is only ever sent a copy")
        designating = [i for i, st in enumerate(self.steps, start=1) if st.designates_unit]
        if designating:
            first_official_side = min(
                (i for i, st in enumerate(self.steps, start=1) if st.action is Action.NAME_OFFICIALS),
                default=None,
            )
            if (
                len(designating) > 1
                or first_official_side is None
                or designating[0] >= first_official_side
                or self.steps[designating[0] - 1].action is not Action.APPROVE
            ):
                raise ValueError(
                    f"{where}: designates_unit is one APPROVE step before the step that names the officials"
                )
        for i, step in enumerate(self.steps[1:], start=2):
            if step.action is Action.REQUEST:
                raise ValueError(f"{where}: step {i} cannot REQUEST; only step 1 opens a request")
            if step.action is Action.ACCEPT and (step.role is not Role.OFFICIAL or i != len(self.steps)):
                raise ValueError(f"{where}: ACCEPT is the official's last step only")
        if not 1 <= self.letter.issued_at_step <= len(self.steps):
            raise ValueError(
                f"{where}: letter.issued_at_step {self.letter.issued_at_step} is not a step "
                f"(1..{len(self.steps)})"
            )
        at = self.steps[self.letter.issued_at_step - 1]
        if at.action not in LETTER_ACTIONS:
            raise ValueError(
                f"{where}: the letter is issued at step {self.letter.issued_at_step}, which must "
                f"ISSUE_LETTER or FIX, not {at.action.value}"
            )
        if self.request_letter_required and not self.request_letter_citation:
            raise ValueError(f"{where}: request_letter_required needs request_letter_citation")
        return self

    @property
    def letter_step(self) -> Step:
        return self.steps[self.letter.issued_at_step - 1]


class Refusal(_Model):
    mode: Mode
    scope: Scope
    citation: Citation
    reason_en: Text
    reason_id: Text


class DirectTasking(_Model):
    """Officials of these grades may be tasked by the head of a unit of these positions in their
    own agency along the WITHIN_UNIT route, wherever in the agency they are placed."""

    grades: tuple[Grade, ...]
    by_positions: tuple[PositionType, ...]
    citation: Citation
    note: Text | None = None


class AssignmentRules(_Model):
    scopes_allowed: CitedValues
    routes: tuple[Route, ...]
    refused: tuple[Refusal, ...] = ()
    direct_tasking: DirectTasking | None = None

    @model_validator(mode="after")
    def _every_pair_once(self) -> AssignmentRules:
        # Every mode x scope is either a route or a refusal with its reason: never both, never
        # neither, so no request can fall between the rules.
        seen: dict[tuple[Mode, Scope], str] = {}
        for kind, items in (("route", self.routes), ("refused", self.refused)):
            for item in items:
                key = (item.mode, item.scope)
                if key in seen:
                    raise ValueError(
                        f"{item.mode.value} {item.scope.value} is given twice (as {seen[key]} and as {kind})"
                    )
                seen[key] = kind
        missing = [f"{m.value} {s.value}" for m in Mode for s in Scope if (m, s) not in seen]
        if missing:
            raise ValueError(f"neither a route nor refused: {', '.join(missing)}")
        for r in self.routes:
            if r.scope not in self.scopes_allowed.values:
                raise ValueError(f"route {r.mode.value} {r.scope.value}: scope not in scopes_allowed")
        return self

    def route(self, mode: Mode, scope: Scope) -> Route | None:
        return next((r for r in self.routes if r.mode is mode and r.scope is scope), None)

    def refusal(self, mode: Mode, scope: Scope) -> Refusal | None:
        return next((r for r in self.refused if r.mode is mode and r.scope is scope), None)
