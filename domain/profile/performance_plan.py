"""The planning half of performance management (issue 11 parts 1 and 2): who fixes the agency's
Perjanjian Kinerja and the unit's annual work plan, what each plan item rests on, the deadline
where the text sets one, and whether an assignment or a team must name the plan item it serves."""

from __future__ import annotations

from datetime import date

from pydantic import model_validator

from domain.profile.assignment import Role
from domain.profile.common import Citation, Text, _Model
from domain.profile.teams import Cited, CitedRole


class Deadline(_Model):
    """The plan for a year is due on `month`/`day` of the year before (Kota Serang: "paling lambat
    akhir bulan Desember sebelum tahun pelaksanaan")."""

    month: int
    day: int
    citation: Citation
    note: Text | None = None

    def for_year(self, year: int) -> date:
        return date(year - 1, self.month, self.day)

    @model_validator(mode="after")
    def _a_real_day(self) -> Deadline:
        date(2001, self.month, self.day)  # raises on 31 April: 2001 is no leap year, so no 29 February
        return self


class ItemBasis(_Model):
    """What a plan item derives from: a target of the agency's PK for the year; while that PK is
    not fixed (not recorded here), the budget activity it is funded under."""

    pk_target: Cited
    budget_activity_while_pk_pending: Cited


class PlanLink(_Model):
    """Whether a request or a team decision must name the plan item it serves."""

    required: bool
    citation: Citation
    note: Text | None = None


class WorkPlanRules(_Model):
    pk_fixed_by: CitedRole  # who fixes the agency's PK (the administrator records it from the signed PK)
    plan_fixed_by: CitedRole  # who fixes (and amends) the unit's plan
    item_basis: ItemBasis
    amendment: Cited  # the plan is amended, with a reason, when activities change
    deadline: Deadline | None = None  # where the text sets one
    link: PlanLink

    @model_validator(mode="after")
    def _heads_only(self) -> WorkPlanRules:
        if self.pk_fixed_by.role is not Role.OWNING_AGENCY_HEAD:
            raise ValueError("work_plan.pk_fixed_by.role must be OWNING_AGENCY_HEAD (the agency's head)")
        if self.plan_fixed_by.role is not Role.OWNING_UNIT_HEAD:
            raise ValueError("work_plan.plan_fixed_by.role must be OWNING_UNIT_HEAD (the unit's head)")
        return self
