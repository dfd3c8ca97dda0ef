"""Placement (kedudukan): which appraiser positions a profile admits for an official."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import model_validator

from domain.organisation import StructureType
from domain.positions import Grade, PositionType, UnitKind
from domain.profile.common import AppraiserScope, Citation, Text, _Model


class PlacementWhen(_Model):
    """Which officials a rule is about; an omitted list means any.

    `agency_kinds` and `structure_types` narrow a rule to officials of some agencies, e.g. a
    Dinas/Badan declared of one structural level (a banjarnegara-2024 placement rule);
    `within_kinds` to officials whose unit, or a unit above it, or their agency is of one of these
    kinds (kab-serang-2024: the units its organisation chart does not depict; see the rule's note).
    """

    position_types: tuple[PositionType, ...] | None = None
    grades: tuple[Grade, ...] | None = None
    agency_kinds: tuple[UnitKind, ...] | None = None
    structure_types: tuple[StructureType, ...] | None = None  # as the official's agency declared it
    within_kinds: tuple[UnitKind, ...] | None = None

    @model_validator(mode="after")
    def _grades_need_fungsional(self) -> PlacementWhen:
        if self.position_types is not None and not self.position_types:
            raise ValueError("position_types must not be empty (omit it to mean any)")
        if self.grades is not None and not self.grades:
            raise ValueError("grades must not be empty (omit it to mean any)")
        if self.grades and self.position_types and PositionType.FUNGSIONAL not in self.position_types:
            raise ValueError("grades are given but position_types does not include FUNGSIONAL")
        for name in ("agency_kinds", "structure_types", "within_kinds"):
            if getattr(self, name) is not None and not getattr(self, name):
                raise ValueError(f"{name} must not be empty (omit it to mean any)")
        return self

    @property
    def conditional(self) -> bool:
        """True when the rule applies only in some agencies or units, so it never covers later rules."""
        return any(x is not None for x in (self.agency_kinds, self.structure_types, self.within_kinds))

    def matches(self, position_type: PositionType, grade: Grade | None, where: Where | None = None) -> bool:
        if self.position_types is not None and position_type not in self.position_types:
            return False
        if self.grades is not None and grade not in self.grades:
            return False
        if not self.conditional:
            return True
        if where is None:
            return False
        if self.agency_kinds is not None and where.agency_kind not in self.agency_kinds:
            return False
        if self.structure_types is not None and where.structure_type not in self.structure_types:
            return False
        return self.within_kinds is None or not where.kinds.isdisjoint(self.within_kinds)

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


@dataclass(frozen=True)
class Where:
    """Where the official stands: their agency's kind and declared structure type, and the kinds of
    their unit, the units above it and the agency."""

    agency_kind: UnitKind
    structure_type: StructureType | None = None
    kinds: frozenset[UnitKind] = frozenset()


class MandiriRequired(_Model):
    """Where present, a Pejabat Fungsional appraises only while heading a unit declared a unit kerja
    mandiri ("Pejabat Fungsional yang diangkat untuk memimpin suatu unit kerja mandiri")."""

    citation: Citation
    note: Text | None = None


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


class AppraisalRecommendation(_Model):
    """Officials of these grades are appraised on the recommendation of the head of the unit they
    are placed in, who is not their appraiser (kab-serang-2024)."""

    grades: tuple[Grade, ...]
    citation: Citation
    note: Text | None = None


class Placement(_Model):
    citation: Citation
    appraiser_scope: AppraiserScope = AppraiserScope.SAME_UNIT_OR_ANCESTOR
    rules: tuple[PlacementRule, ...] = ()
    default: PlacementDefault
    fungsional_appraiser_mandiri: MandiriRequired | None = None
    appraisal_recommendation: AppraisalRecommendation | None = None
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
        self, position_type: PositionType, grade: Grade | None, where: Where | None = None
    ) -> PlacementRule | None:
        return next((r for r in self.rules if r.when.matches(position_type, grade, where)), None)
