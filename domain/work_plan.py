"""The agency's Perjanjian Kinerja (PK) targets for a year, and a unit's annual work plan (rencana
kegiatan / Rencana Kerja Pelaksanaan Kegiatan) whose items an assignment or a team serves.

Both are named by their natural key (agency or unit, and year), so a second recording of the same
year collides instead of forking. Item and target ids are derived from the key and their code, so
a request can be checked against the owning unit's plans for the years its period overlaps.
Who may decide, and what an item must rest on, are the application's questions (the profile's
`work_plan`).
"""

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.ids import _NAMESPACE

ACTIVE, WITHDRAWN, DROPPED = "ACTIVE", "WITHDRAWN", "DROPPED"


def agreement_id(agency_code: str, year: int) -> UUID:
    return uuid5(_NAMESPACE, f"performance-agreement:{agency_code}:{year}")


def pk_target_id(agency_code: str, year: int, code: str) -> str:
    return str(uuid5(_NAMESPACE, f"pk-target:{agency_code}:{year}:{code}"))


def plan_id(unit_code: str, year: int) -> UUID:
    return uuid5(_NAMESPACE, f"work-plan:{unit_code}:{year}")


def plan_item_id(unit_code: str, year: int, code: str) -> str:
    return str(uuid5(_NAMESPACE, f"plan-item:{unit_code}:{year}:{code}"))


class PerformanceAgreement(Aggregate):
    """An agency's PK for a year: its targets, as fixed and as later revised."""

    @staticmethod
    def create_id(agency_code: str, year: int, **_: Any) -> UUID:
        return agreement_id(agency_code, year)

    @event("TargetsRecorded")
    def __init__(self, agency_code: str, year: int, targets: list[dict], decision: dict):
        self.agency_code, self.year = agency_code, year
        self.targets = {t["id"]: t for t in targets}  # id -> {id, code, description, indicator, target}

    @event("TargetsRevised")
    def revise(self, targets: list[dict], dropped: list[str], decision: dict) -> None:
        """The whole list as revised (PK perubahan); `dropped`: ids no longer in it (kept, marked)."""
        kept = {t["id"]: t for t in targets}
        for target_id in dropped:
            kept[target_id] = {**self.targets[target_id], "status": DROPPED}
        self.targets = kept

    def active_target(self, target_id: str) -> dict | None:
        found = self.targets.get(target_id)
        return found if found and found.get("status", ACTIVE) == ACTIVE else None


class WorkPlan(Aggregate):
    """A unit's plan for a year, fixed by its head; amended (never overwritten) with a reason."""

    @staticmethod
    def create_id(unit_code: str, year: int, **_: Any) -> UUID:
        return plan_id(unit_code, year)

    @event("Fixed")
    def __init__(
        self,
        unit_code: str,
        agency_code: str,
        year: int,
        items: list[dict],
        deadline: str | None,
        late: bool,
        decision: dict,
    ):
        self.unit_code, self.agency_code, self.year = unit_code, agency_code, year
        self.items = {i["id"]: i for i in items}  # id -> {id, code, description, indicator, target, ...}
        self.deadline, self.late = deadline, late
        self.amendments = 0

    @event("Amended")
    def amend(
        self, items: list[dict], added: list[str], changed: list[str], withdrawn: list[str], decision: dict
    ) -> None:
        """`items`: the plan's active items after the amendment; withdrawn ones stay, marked."""
        kept = {i["id"]: i for i in items}
        for item_id in withdrawn:
            kept[item_id] = {**self.items[item_id], "status": WITHDRAWN}
        for item_id, item in self.items.items():  # withdrawn earlier
            kept.setdefault(item_id, item)
        self.items = kept
        self.amendments += 1

    def active_item(self, item_id: str) -> dict | None:
        found = self.items.get(item_id)
        return found if found and found.get("status", ACTIVE) == ACTIVE else None
