"""Placement (kedudukan): which appraiser positions a profile admits for an official."""

from __future__ import annotations

from pydantic import model_validator

from domain.positions import Grade, PositionType, UnitKind
from domain.profile.common import AppraiserScope, Citation, Text, _Model


class PlacementWhen(_Model):
    """Which officials a rule is about; an omitted list means any.

    `agency_kinds` and `agency_levels` narrow a rule to officials of some agencies, e.g. a
    Dinas/Badan with one structural level (banjarnegara-2024's first placement.rules).
    """

    position_types: tuple[PositionType, ...] | None = None
    grades: tuple[Grade, ...] | None = None
    agency_kinds: tuple[UnitKind, ...] | None = None
    agency_levels: tuple[int, ...] | None = None  # structural levels of the official's agency

    @model_validator(mode="after")
    def _grades_need_fungsional(self) -> PlacementWhen:
        if self.position_types is not None and not self.position_types:
            raise ValueError("position_types must not be empty (omit it to mean any)")
        if self.grades is not None and not self.grades:
            raise ValueError("grades must not be empty (omit it to mean any)")
        if self.grades and self.position_types and PositionType.FUNGSIONAL not in self.position_types:
            raise ValueError("grades are given but position_types does not include FUNGSIONAL")
        if self.agency_levels is not None and not all(1 <= n <= 4 for n in self.agency_levels or (0,)):
            raise ValueError("agency_levels are between 1 and 4 (JPT, Administrator, Pengawas, below)")
        return self

    @property
    def conditional(self) -> bool:
        """True when the rule applies only in some agencies, so it never covers later rules."""
        return self.agency_kinds is not None or self.agency_levels is not None

    def matches(
        self,
        position_type: PositionType,
        grade: Grade | None,
        agency_kind: UnitKind | None = None,
        agency_levels: int | None = None,
    ) -> bool:
        if self.position_types is not None and position_type not in self.position_types:
            return False
        if self.grades is not None and grade not in self.grades:
            return False
        if self.agency_kinds is not None and agency_kind not in self.agency_kinds:
            return False
        if self.agency_levels is not None and agency_levels not in self.agency_levels:
            return False
        return True

    def _matches_official(self, position_type: PositionType, grade: Grade | None) -> bool:
        if self.position_types is not None and position_type not in self.position_types:
            return False
        return self.grades is None or grade in self.grades

    def cases(self) -> set[tuple[PositionType, Grade | None]]:
        """Every (position type, grade) this matches; used to find unreachable rules."""
        out: set[tuple[PositionType, Grade | None]] = set()
        for pt in self.position_types or tuple(PositionType):
            grades: tuple[Grade | None, ...] = (None,)
            if pt is PositionType.FUNGSIONAL:
                grades = self.grades if self.grades is not None else (*Grade, None)
            out.update((pt, g) for g in grades if self._matches_official(pt, g))
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
            if not rule.when.conditional:
                seen |= cases
        return self

    def rule_for(
        self,
        position_type: PositionType,
        grade: Grade | None,
        agency_kind: UnitKind | None = None,
        agency_levels: int | None = None,
    ) -> PlacementRule | None:
        return next(
            (r for r in self.rules if r.when.matches(position_type, grade, agency_kind, agency_levels)), None
        )
