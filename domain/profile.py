"""Regulation profiles: each government's Peraturan Bupati/Wali Kota as validated data.

A profile is the one place where the five regulations differ (domain.md section 4). Every rule
carries the article it comes from; where the text is ambiguous the profile says which reading it
chose in a `note`. A sixth government is added by writing its YAML file, not code.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, model_validator

from domain.errors import InvalidInput, NotFound
from domain.positions import Grade, PositionType

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
        raise InvalidInput(
            "PROFILE_INVALID",
            f"Profile {which} is invalid: {e}",
            f"Profil {which} tidak valid: {e}",
            profile_id=which,
            errors=[
                {"field": ".".join(str(p) for p in err["loc"]), "problem": err["msg"]}
                for err in e.errors()
            ],
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
