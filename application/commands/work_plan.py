"""Commands of the planning half (issue 11 parts 1-2): the agency's PK targets for a year, and a
unit's annual work plan, fixed and amended.

`on` (the day the decision is taken: lateness, delegations in force) is not part of the API's
inputs — the API takes today; the demo, the CLI and the tests may decide on a day of their own.
"""

from dataclasses import dataclass
from datetime import date

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class RecordPkTargets(Command):
    """The PK's targets as rows {code, description, indicator, target}; `document` {number, date,
    signed_by}: the signed PK, required when the administrator records (imports) it. Recording a
    year again revises it and needs a `reason`."""

    agency_code: str
    year: int
    targets: list[dict]
    document: dict | None = None
    reason: str | None = None
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class FixWorkPlan(Command):
    """Items {code?, description, indicator, target, pk_target_id?, budget_activity?}."""

    unit_code: str
    year: int
    items: list[dict]
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class AmendWorkPlan(Command):
    """The plan's items after the change: an item with `id` keeps (or changes) that item, one
    without is added, and an item of the plan not listed is withdrawn."""

    plan_id: str
    reason: str
    items: list[dict]
    on: date | None = None
