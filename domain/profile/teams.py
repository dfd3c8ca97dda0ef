"""Work teams (tim kerja): who forms them, who may lead, what a team decision states."""

from __future__ import annotations

from enum import Enum

from pydantic import model_validator

from domain.organisation import GovernmentAffair
from domain.positions import (
    AGENCY_KINDS,
    EDUCATION_LEVEL,
    PNS_RANKS,
    Education,
    Grade,
    PositionType,
    UnitKind,
)
from domain.profile.assignment import Role, Scope
from domain.profile.common import Citation, Text, _Model


class DecisionContent(str, Enum):
    TASKS = "TASKS"  # rincian tugas
    TARGETS = "TARGETS"  # target kinerja spesifik dan terukur
    MEMBER_ROLES = "MEMBER_ROLES"  # susunan personil dengan pembagian peran
    MEMBER_TASKS = "MEMBER_TASKS"  # ... dan tugas: a task for each planned member


class CitedRole(_Model):
    role: Role
    citation: Citation
    note: Text | None = None


class ScopeRole(CitedRole):
    scope: Scope
    # "PPK dan/atau pejabat yang berwenang": a second office that may take the same decision.
    or_role: Role | None = None

    @property
    def roles(self) -> list[Role]:
        return [self.role] if self.or_role is None else [self.role, self.or_role]


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
    # The leader's agency kinds where the rule holds (e.g. a Pengawas leads only in the Setda);
    # omitted = every agency.
    agency_kinds: tuple[UnitKind, ...] | None = None
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
        if self.agency_kinds and not set(self.agency_kinds) <= AGENCY_KINDS:
            raise ValueError("agency_kinds names a kind that is not an agency's")
        return self

    def admits(
        self,
        position_type: PositionType,
        grade: Grade | None,
        education: Education | None,
        rank: str | None,
        relevant_experience: bool = False,  # stated on the appointment: never assumed
        agency_kind: UnitKind | None = None,
    ) -> bool:
        if position_type not in self.position_types:
            return False
        # Grades are a functional official's: an Administrator or Pengawas has none to compare.
        if position_type is PositionType.FUNGSIONAL and self.grades is not None and grade not in self.grades:
            return False
        if self.agency_kinds is not None and agency_kind not in self.agency_kinds:
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


class CitedAffair(_Model):
    affair: GovernmentAffair
    citation: Citation
    note: Text | None = None


class Coordinator(_Model):
    """A Koordinator, where the regulation has one (the profile's teams.coordinator): the team's
    one head in place of a Ketua Tim, appointed by `appointed_by`, only in an agency that declared
    `agency_affair` among its affairs."""

    eligibility: tuple[Eligibility, ...]
    appointed_by: CitedRole
    agency_affair: CitedAffair
    note: Text | None = None


class TransformationRole(str, Enum):
    """Who sits on a transformation-management team (Banjarnegara's "unsur kesekretariatan")."""

    PYB = "PYB"  # Pejabat yang berwenang
    APPRAISER = "APPRAISER"  # Pejabat Penilai Kinerja
    HR_UNIT_HEAD = "HR_UNIT_HEAD"  # pimpinan unit ... sumber daya manusia
    PLANNING_BUDGETING_UNIT_HEAD = "PLANNING_BUDGETING_UNIT_HEAD"  # ... perencanaan kinerja dan penganggaran


class TransformationTeamRule(_Model):
    """A government-wide team fixed by the regional head's decree, its members by role."""

    roles: tuple[TransformationRole, ...]
    citation: Citation  # the composition
    decree_citation: Citation  # the decree that fixes it
    note: Text | None = None


class ExtraIncome(_Model):
    """Which team heads the regulation gives extra income, by the eligibility rule that admitted them
    (its citation), for the head-days export."""

    eligibility: tuple[Citation, ...]
    citation: Citation
    note: Text | None = None


class Membership(_Model):
    """Who admits and removes a team's members: the office that fixed the team (formed_by for the
    team's scope), never its leader; and who, besides that office, divides the members' roles."""

    citation: Citation  # the text giving the team's composition to the office that fixes it
    roles_divided_by: CitedRole | None = None  # "membagi peran anggota tim"; None: the office only
    note: Text | None = None


class Teams(_Model):
    formed_by: tuple[ScopeRole, ...]  # one per allowed scope: who fixes the team decision
    leader_required: CitedFlag
    leader_appointed_by: CitedRole
    leader_proposed_by: CitedRole | None = None
    leader_eligibility: tuple[Eligibility, ...]
    members_proposed_by: CitedRole | None = None
    membership: Membership
    decision_must_state: DecisionContents
    leader_from_owning_unit_preferred: Cited
    coordinator: Coordinator | None = None
    # A Ketua Tim designated pejabat pelaksana teknis kegiatan (PPTK): role = who designates.
    pptk: CitedRole | None = None
    transformation_team: TransformationTeamRule | None = None
    extra_income: ExtraIncome | None = None

    @model_validator(mode="after")
    def _valid(self) -> Teams:
        scopes = [f.scope for f in self.formed_by]
        if len(scopes) != len(set(scopes)):
            raise ValueError("formed_by names a scope twice")
        if not self.leader_eligibility:
            raise ValueError("leader_eligibility must name at least one rule")
        if self.extra_income is not None:
            rules = [*self.leader_eligibility, *(self.coordinator.eligibility if self.coordinator else ())]
            unknown = set(self.extra_income.eligibility) - {r.citation for r in rules}
            if unknown:
                raise ValueError(f"extra_income names no eligibility rule's citation: {sorted(unknown)}")
        return self

    def former(self, scope: Scope) -> ScopeRole:
        # The profile's validation gives formed_by exactly one entry per allowed scope.
        found = next((f for f in self.formed_by if f.scope is scope), None)
        if found is None:
            raise LookupError(f"teams.formed_by names no one for scope {scope.value}")
        return found

    def leader_rule_for(
        self,
        position_type: PositionType,
        grade: Grade | None,
        education: Education | None,
        rank: str | None,
        relevant_experience: bool = False,  # stated on the appointment: never assumed
        agency_kind: UnitKind | None = None,
    ) -> Eligibility | None:
        """The eligibility rule admitting this leader, or None if none does."""
        return _first_admitting(
            self.leader_eligibility, position_type, grade, education, rank, relevant_experience, agency_kind
        )
