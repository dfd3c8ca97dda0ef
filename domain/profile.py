"""Regulation profiles: each government's Peraturan Bupati/Wali Kota as validated data.

A profile is the one place where the five regulations differ (domain.md section 4). Every rule
carries the article it comes from; where the text is ambiguous the profile says which reading it
chose in a `note`. A sixth government is added by writing its YAML file, not code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, model_validator

from domain.errors import InvalidInput, NotFound
from domain.positions import (
    AGENCY_KINDS, EDUCATION_LEVEL, PNS_RANKS, Education, Grade, PositionType, UnitKind,
)

# Non-empty after trimming: a rule without an article is not a rule.
Citation = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

DEFAULT_LETTER_NUMBER_TEMPLATE = "{seq}/ST/{unit}/{roman_month}/{year}"
LETTER_NUMBER_FIELDS = {"seq", "unit", "roman_month", "month", "year"}


class _Model(BaseModel):
    # Profiles are cached and shared: immutable, and unknown keys are typos, not extensions.
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReportingPeriod(str, Enum):
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"  # triwulan I-IV


class AppraiserScope(str, Enum):
    # The appraiser heads the official's unit or a unit above it in the same agency.
    SAME_UNIT_OR_ANCESTOR = "SAME_UNIT_OR_ANCESTOR"


# --- placement (kedudukan) -----------------------------------------------------------------


class PlacementWhen(_Model):
    """Which officials a rule is about; an omitted list means any."""

    position_types: tuple[PositionType, ...] | None = None
    grades: tuple[Grade, ...] | None = None

    @model_validator(mode="after")
    def _grades_need_fungsional(self) -> PlacementWhen:
        if self.position_types is not None and not self.position_types:
            raise ValueError("position_types must not be empty (omit it to mean any)")
        if self.grades is not None and not self.grades:
            raise ValueError("grades must not be empty (omit it to mean any)")
        if self.grades and self.position_types and PositionType.FUNGSIONAL not in self.position_types:
            raise ValueError("grades are given but position_types does not include FUNGSIONAL")
        return self

    def matches(self, position_type: PositionType, grade: Grade | None) -> bool:
        if self.position_types is not None and position_type not in self.position_types:
            return False
        if self.grades is not None and grade not in self.grades:
            return False
        return True

    def cases(self) -> set[tuple[PositionType, Grade | None]]:
        """Every (position type, grade) this matches; used to find unreachable rules."""
        out: set[tuple[PositionType, Grade | None]] = set()
        for pt in self.position_types or tuple(PositionType):
            grades: tuple[Grade | None, ...] = (None,)
            if pt is PositionType.FUNGSIONAL:
                grades = self.grades if self.grades is not None else (*Grade, None)
            out.update((pt, g) for g in grades if self.matches(pt, g))
        return out


class PlacementRule(_Model):
    when: PlacementWhen = PlacementWhen()
    appraiser_positions: tuple[PositionType, ...]
    citation: Citation
    note: Text | None = None

    @model_validator(mode="after")
    def _has_positions(self) -> PlacementRule:
        if not self.appraiser_positions:
            raise ValueError("appraiser_positions must name at least one position")
        return self


class PlacementDefault(_Model):
    appraiser_positions: tuple[PositionType, ...]
    citation: Citation
    note: Text | None = None

    @model_validator(mode="after")
    def _has_positions(self) -> PlacementDefault:
        if not self.appraiser_positions:
            raise ValueError("appraiser_positions must name at least one position")
        return self


class Placement(_Model):
    citation: Citation
    appraiser_scope: AppraiserScope = AppraiserScope.SAME_UNIT_OR_ANCESTOR
    rules: tuple[PlacementRule, ...] = ()
    default: PlacementDefault
    note: Text | None = None

    @model_validator(mode="after")
    def _no_unreachable_rule(self) -> Placement:
        # First match wins, so a rule wholly covered by earlier ones can never apply.
        seen: set[tuple[PositionType, Grade | None]] = set()
        for i, rule in enumerate(self.rules):
            cases = rule.when.cases()
            if cases <= seen:
                raise ValueError(
                    f"rule {i} ({rule.citation}) can never apply: earlier rules already match "
                    "every official it matches"
                )
            seen |= cases
        return self

    def rule_for(self, position_type: PositionType, grade: Grade | None) -> PlacementRule | None:
        return next((r for r in self.rules if r.when.matches(position_type, grade)), None)


# --- assignment (penugasan) ----------------------------------------------------------------


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
    # Head of the staffing agency (BKPSDM) of the official's government; Pemalang Pasal 11(5)
    # copies the cross-institution letter to it.
    OFFICIAL_PERSONNEL_AGENCY_HEAD = "OFFICIAL_PERSONNEL_AGENCY_HEAD"
    OWNING_UNIT_HEAD = "OWNING_UNIT_HEAD"
    OWNING_AGENCY_HEAD = "OWNING_AGENCY_HEAD"
    OWNING_PYB = "OWNING_PYB"
    SEKDA = "SEKDA"
    PPK = "PPK"  # Bupati / Wali Kota as staffing authority
    # Reporting only (not in assignment routes):
    TEAM_LEADER = "TEAM_LEADER"  # leader of the official's team
    ASSIGNER = "ASSIGNER"  # who gave the assignment; the report then goes up tier by tier


REPORTING_ONLY_ROLES = {Role.TEAM_LEADER, Role.ASSIGNER}


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
            for role in (step.role, *step.copies):
                if role in REPORTING_ONLY_ROLES:
                    raise ValueError(f"{where}: {role.value} has no part in an assignment route")
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


class AssignmentRules(_Model):
    scopes_allowed: CitedValues
    routes: tuple[Route, ...]
    refused: tuple[Refusal, ...] = ()

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
                        f"{item.mode.value} {item.scope.value} is given twice "
                        f"(as {seen[key]} and as {kind})"
                    )
                seen[key] = kind
        missing = [f"{m.value} {s.value}" for m in Mode for s in Scope if (m, s) not in seen]
        if missing:
            raise ValueError(f"neither a route nor refused: {', '.join(missing)}")
        for r in self.routes:
            if r.scope not in self.scopes_allowed.values:
                raise ValueError(
                    f"route {r.mode.value} {r.scope.value}: scope not in scopes_allowed"
                )
        return self

    def route(self, mode: Mode, scope: Scope) -> Route | None:
        return next((r for r in self.routes if r.mode is mode and r.scope is scope), None)

    def refusal(self, mode: Mode, scope: Scope) -> Refusal | None:
        return next((r for r in self.refused if r.mode is mode and r.scope is scope), None)


# --- teams (tim kerja) ----------------------------------------------------------------------


class DecisionContent(str, Enum):
    TASKS = "TASKS"  # rincian tugas
    TARGETS = "TARGETS"  # target kinerja spesifik dan terukur
    MEMBER_ROLES = "MEMBER_ROLES"  # susunan personil dengan pembagian peran


class CitedRole(_Model):
    role: Role
    citation: Citation
    note: Text | None = None


class ScopeRole(CitedRole):
    scope: Scope


class CitedFlag(_Model):
    value: bool
    citation: Citation
    note: Text | None = None


class Cited(_Model):
    citation: Citation
    note: Text | None = None


class DecisionContents(_Model):
    values: tuple[DecisionContent, ...] = ()  # empty where the regulation is silent
    citation: Citation
    note: Text | None = None


class Eligibility(_Model):
    """Who may lead (or coordinate) a team. A PPPK has no golongan ruang, so a min_rank (a PNS
    rank) is never met by a PPPK rank: the texts give no equivalence."""

    position_types: tuple[PositionType, ...]
    grades: tuple[Grade, ...] | None = None  # FUNGSIONAL only; omitted = any
    min_education: Education | None = None
    min_rank: str | None = None
    relevant_experience_required: bool = False
    citation: Citation
    note: Text | None = None

    @model_validator(mode="after")
    def _valid(self) -> Eligibility:
        if not self.position_types:
            raise ValueError("position_types must name at least one position")
        if self.min_rank is not None and self.min_rank not in PNS_RANKS:
            raise ValueError(f"min_rank {self.min_rank!r} is not a PNS golongan/ruang (I/a..IV/e)")
        if self.grades and PositionType.FUNGSIONAL not in self.position_types:
            raise ValueError("grades are given but position_types does not include FUNGSIONAL")
        return self

    def admits(self, position_type: PositionType, grade: Grade | None,
               education: Education | None, rank: str | None,
               relevant_experience: bool = True) -> bool:
        if position_type not in self.position_types:
            return False
        if self.grades is not None and grade not in self.grades:
            return False
        if self.min_education is not None and (
            education is None or EDUCATION_LEVEL[education] < EDUCATION_LEVEL[self.min_education]
        ):
            return False
        if self.min_rank is not None and (
            rank not in PNS_RANKS or PNS_RANKS.index(rank) < PNS_RANKS.index(self.min_rank)
        ):
            return False
        return relevant_experience or not self.relevant_experience_required


def _first_admitting(rules: tuple[Eligibility, ...], *args) -> Eligibility | None:
    return next((r for r in rules if r.admits(*args)), None)


class Coordinator(_Model):
    """Kota Serang's Koordinator (Pasal 8 ayat (4) huruf b to ayat (6))."""

    eligibility: tuple[Eligibility, ...]
    appointed_by: CitedRole
    note: Text | None = None


class Teams(_Model):
    formed_by: tuple[ScopeRole, ...]  # one per allowed scope: who fixes the team decision
    leader_required: CitedFlag
    leader_appointed_by: CitedRole
    leader_proposed_by: CitedRole | None = None
    leader_eligibility: tuple[Eligibility, ...]
    members_proposed_by: CitedRole | None = None
    decision_must_state: DecisionContents
    leader_from_owning_unit_preferred: Cited
    coordinator: Coordinator | None = None

    @model_validator(mode="after")
    def _valid(self) -> Teams:
        scopes = [f.scope for f in self.formed_by]
        if len(scopes) != len(set(scopes)):
            raise ValueError("formed_by names a scope twice")
        if not self.leader_eligibility:
            raise ValueError("leader_eligibility must name at least one rule")
        return self

    def former(self, scope: Scope) -> ScopeRole | None:
        return next((f for f in self.formed_by if f.scope is scope), None)

    def leader_rule_for(self, position_type: PositionType, grade: Grade | None,
                        education: Education | None, rank: str | None,
                        relevant_experience: bool = True) -> Eligibility | None:
        """The eligibility rule admitting this leader, or None if none does."""
        return _first_admitting(self.leader_eligibility, position_type, grade, education, rank,
                                relevant_experience)


# --- reporting, escalation, evaluation ------------------------------------------------------


class ReportLine(_Model):
    """To whom: any one of `roles` ("dan/atau"), unless the note says otherwise."""

    roles: tuple[Role, ...]
    citation: Citation
    note: Text | None = None

    @model_validator(mode="after")
    def _has_roles(self) -> ReportLine:
        if not self.roles:
            raise ValueError("roles must name at least one role")
        return self


class Reporting(_Model):
    individual_reports_to: ReportLine
    member_reports_to: ReportLine
    leader_reports_to: ReportLine
    may_request_report: ReportLine  # any of these may ask for a report at any time
    member_performance_to: ReportLine  # the leader's input for each member's appraisal


class SeveralUnits(str, Enum):
    EACH_UNIT_HEAD = "EACH_UNIT_HEAD"
    EACH_UNIT_OR_AGENCY_HEAD = "EACH_UNIT_OR_AGENCY_HEAD"  # across agencies/governments too


class Escalation(_Model):
    to: tuple[Role, ...]
    several_units: SeveralUnits
    citation: Citation
    note: Text | None = None


class EvaluationLevel(_Model):
    """Resolves to the nearest unit at or above the owning unit whose kind is listed, or to
    the owning unit itself. Its head reviews."""

    unit_kinds: tuple[UnitKind, ...] | None = None
    owning_unit: bool = False
    optional: bool = False  # skipped when no such unit stands at or above the owning unit

    @model_validator(mode="after")
    def _one_target(self) -> EvaluationLevel:
        if self.owning_unit == bool(self.unit_kinds):
            raise ValueError("a level gives either unit_kinds or owning_unit: true")
        return self


class EvaluationChain(_Model):
    """Results climb the levels in order; consecutive levels resolving to the same unit count
    once; the head of the last level declares the activity complete."""

    agency_kinds: tuple[UnitKind, ...]
    levels: tuple[EvaluationLevel, ...]
    citation: Citation
    note: Text | None = None

    def resolve(self, path: Sequence[tuple[str, UnitKind]]) -> list[str]:
        """The units whose heads review, in order; the last declares complete.

        `path` is the owning unit first, then each unit above it up to its agency, as
        (unit id, kind). Raises EVALUATION_CHAIN_UNRESOLVED when a required level finds no unit.
        """
        out: list[str] = []
        for i, level in enumerate(self.levels, start=1):
            if level.owning_unit:
                unit = path[0][0] if path else None
            else:
                unit = next((uid for uid, kind in path if kind in level.unit_kinds), None)
            if unit is None:
                if level.optional:
                    continue
                kinds = "owning unit" if level.owning_unit else "/".join(
                    k.value for k in level.unit_kinds)
                raise InvalidInput(
                    "EVALUATION_CHAIN_UNRESOLVED",
                    f"Evaluation level {i} ({self.citation}) needs a {kinds} at or above the "
                    "owning unit; the organisation has none.",
                    f"Tingkat evaluasi {i} ({self.citation}) memerlukan {kinds} pada atau di atas "
                    "unit pemilik kinerja; struktur organisasi tidak memilikinya.",
                    citation=self.citation,
                )
            if not out or out[-1] != unit:
                out.append(unit)
        return out

    @model_validator(mode="after")
    def _valid(self) -> EvaluationChain:
        if not self.levels:
            raise ValueError("a chain needs at least one level")
        if self.levels[-1].optional:
            raise ValueError("the last level (who declares complete) cannot be optional")
        if not set(self.agency_kinds) <= AGENCY_KINDS:
            bad = sorted(k.value for k in set(self.agency_kinds) - AGENCY_KINDS)
            raise ValueError(f"agency_kinds {bad} are not kinds of agency")
        return self


class Evaluation(_Model):
    chains: tuple[EvaluationChain, ...]
    rework: Cited  # results that miss the target go back for improvement

    @model_validator(mode="after")
    def _each_agency_kind_once(self) -> Evaluation:
        seen: list[UnitKind] = [k for c in self.chains for k in c.agency_kinds]
        twice = sorted({k.value for k in seen if seen.count(k) > 1})
        missing = sorted(k.value for k in AGENCY_KINDS - set(seen))
        if twice:
            raise ValueError(f"agency kinds in more than one chain: {', '.join(twice)}")
        if missing:
            raise ValueError(f"agency kinds without a chain: {', '.join(missing)}")
        return self

    def chain_for(self, agency_kind: UnitKind) -> EvaluationChain | None:
        return next((c for c in self.chains if agency_kind in c.agency_kinds), None)


# --- the profile ---------------------------------------------------------------------------


class Profile(_Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    government: Text
    regulation: Text
    seed_file: Text
    letter_number_template: Text = DEFAULT_LETTER_NUMBER_TEMPLATE
    reporting_period: ReportingPeriod
    # The texts only say "secara berkala"; the citation and note say where the choice comes from.
    reporting_period_citation: Citation | None = None
    reporting_period_note: Text | None = None
    placement: Placement
    assignment: AssignmentRules
    teams: Teams
    reporting: Reporting
    escalation: Escalation
    evaluation: Evaluation

    @model_validator(mode="after")
    def _teams_cover_scopes(self) -> Profile:
        formed = {f.scope for f in self.teams.formed_by}
        allowed = set(self.assignment.scopes_allowed.values)
        if formed != allowed:
            raise ValueError(
                "teams.formed_by must name who fixes a team for exactly the allowed scopes "
                f"{sorted(s.value for s in allowed)}; it names {sorted(s.value for s in formed)}"
            )
        return self

    @model_validator(mode="after")
    def _template_fields(self) -> Profile:
        fields = set(re.findall(r"{([^{}]*)}", self.letter_number_template))
        unknown = fields - LETTER_NUMBER_FIELDS
        if unknown:
            raise ValueError(
                f"letter_number_template uses unknown field(s) {sorted(unknown)}; "
                f"allowed: {sorted(LETTER_NUMBER_FIELDS)}"
            )
        if "seq" not in fields:
            raise ValueError("letter_number_template must contain {seq}")
        return self


def cite(profile: Profile, article: str) -> str:
    """The legal-basis string stored on events, e.g. 'banjarnegara-2024 Pasal 20 ayat (3)'."""
    return f"{profile.id} {article}"


# --- loading -------------------------------------------------------------------------------


def _profile_files():
    return resources.files("domain").joinpath("profiles")


def list_profiles() -> list[str]:
    """Ids of the packaged profiles, sorted."""
    return sorted(
        f.name.removesuffix(".yaml") for f in _profile_files().iterdir() if f.name.endswith(".yaml")
    )


def parse_profile(data: dict) -> Profile:
    """Validate a profile given as data (e.g. a sixth government's file)."""
    if not isinstance(data, dict):
        raise InvalidInput(
            "PROFILE_INVALID",
            f"A profile must be a mapping of fields, not {type(data).__name__}.",
            f"Profil harus berupa pemetaan field, bukan {type(data).__name__}.",
        )
    try:
        return Profile.model_validate(data)
    except ValidationError as e:
        which = data.get("id", "(no id)")
        errors = [
            {"field": ".".join(str(p) for p in err["loc"]) or "(profile)",
             "problem": err["msg"].removeprefix("Value error, ")
             + (f" (got {err['input']!r})" if isinstance(err.get("input"), str | int) else "")}
            for err in e.errors()
        ]
        listing = "; ".join(f"{err['field']}: {err['problem']}" for err in errors)
        raise InvalidInput(
            "PROFILE_INVALID",
            f"Profile {which} is invalid ({len(errors)} problem(s)): {listing}",
            f"Profil {which} tidak valid ({len(errors)} masalah): {listing}",
            profile_id=which,
            errors=errors,
        ) from None


def parse_profile_yaml(text: str) -> Profile:
    """Parse and validate a profile written as YAML."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise InvalidInput(
            "PROFILE_INVALID",
            f"The profile is not valid YAML: {e}",
            f"Profil bukan YAML yang valid: {e}",
        ) from None
    return parse_profile(data)


@lru_cache(maxsize=None)
def load_profile(profile_id: str) -> Profile:
    """The packaged profile with this id, e.g. 'kab-serang-2024'."""
    known = list_profiles()
    if profile_id not in known:
        raise NotFound(
            "PROFILE_NOT_FOUND",
            f"No regulation profile '{profile_id}'. Known profiles: {', '.join(known)}.",
            f"Profil peraturan '{profile_id}' tidak ada. Profil yang tersedia: {', '.join(known)}.",
            profile_id=profile_id,
            known=known,
        )
    text = _profile_files().joinpath(f"{profile_id}.yaml").read_text(encoding="utf-8")
    profile = parse_profile_yaml(text)
    if profile.id != profile_id:
        raise InvalidInput(
            "PROFILE_INVALID",
            f"File {profile_id}.yaml declares id '{profile.id}'.",
            f"Berkas {profile_id}.yaml menyatakan id '{profile.id}'.",
            profile_id=profile_id,
        )
    return profile
