"""Reporting lines, escalation of problems and the evaluation chains of a profile."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from pydantic import model_validator

from domain.errors import InvalidInput
from domain.positions import AGENCY_KINDS, UnitKind
from domain.profile.assignment import Role
from domain.profile.common import Citation, Text, _Model
from domain.profile.teams import Cited


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


# Escalation goes to heads who decide for their unit: each of these roles is held by a unit's head.
ESCALATION_ROLES = frozenset({Role.OWNING_UNIT_HEAD, Role.OFFICIAL_APPRAISER, Role.OFFICIAL_UNIT_HEAD})


class Escalation(_Model):
    """To every role of `to` ("dan/atau": each is addressed and each decides); OFFICIAL_* roles are
    the raiser's (the appraiser of whoever raises the problem)."""

    to: tuple[Role, ...]
    several_units: SeveralUnits
    citation: Citation
    note: Text | None = None

    @model_validator(mode="after")
    def _heads_only(self) -> Escalation:
        if not self.to:
            raise ValueError("escalation.to must name at least one role")
        bad = sorted(r.value for r in self.to if r not in ESCALATION_ROLES)
        if bad:
            raise ValueError(f"escalation.to roles {bad} are not held by a unit's head")
        return self


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
    once; the head of the last level declares the activity complete.

    `within_units`: the chain also governs work owned by a unit of these kinds, or by a unit
    under one, in an agency of any kind (a UPTD belongs to its Dinas, yet its head accepts the
    results: see the banjarnegara-2024 profile's UPTD chain and its citation); it then takes
    precedence over the chain of the agency's kind."""

    agency_kinds: tuple[UnitKind, ...]
    within_units: tuple[UnitKind, ...] = ()
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
                unit = next((uid for uid, kind in path if kind in (level.unit_kinds or ())), None)
            if unit is None:
                if level.optional:
                    continue
                kinds = (
                    "owning unit" if level.owning_unit else "/".join(k.value for k in level.unit_kinds or ())
                )
                raise InvalidInput(
                    "EVALUATION_CHAIN_UNRESOLVED", citation=self.citation, level=i, kinds=kinds
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
        within = [k for c in self.chains for k in c.within_units]
        twice_within = sorted({k.value for k in within if within.count(k) > 1})
        if twice:
            raise ValueError(f"agency kinds in more than one chain: {', '.join(twice)}")
        if missing:
            raise ValueError(f"agency kinds without a chain: {', '.join(missing)}")
        if twice_within:
            raise ValueError(f"within_units kinds in more than one chain: {', '.join(twice_within)}")
        return self

    def chain_for(self, agency_kind: UnitKind, path: Sequence[UnitKind] = ()) -> EvaluationChain | None:
        """The chain for work owned by the first unit of `path` (its kinds, the owning unit first,
        up to the agency): the one whose `within_units` names the nearest such unit, else the
        chain of the agency's kind."""
        for kind in path:
            chain = next((c for c in self.chains if kind in c.within_units), None)
            if chain is not None:
                return chain
        return next((c for c in self.chains if agency_kind in c.agency_kinds), None)
