"""How the assignment read model follows a request: what its open step waits for, and its
status and open step after each event (domain.assignment_lifecycle, which the aggregate applies
to itself, applied here to the row)."""

import json
from typing import Any

from domain.acting import Target, target_of
from domain.assignment_lifecycle import Standing, evolve


def waiting(row: dict, officials: list[dict]) -> list[dict]:
    """What the open step waits for (domain.acting's `target_of`); empty once no step is open.
    One row per official still to act (SELF) or whose appraiser acts (APPRAISER: the query falls
    back to the head of the request's official unit, as the write side does)."""
    role = row["open_role"]
    if role is None:
        return []
    t = target_of(
        role,
        tenant_side=row["tenant_side"],
        owning_unit=row["owning_unit"],
        official_unit=row["official_unit"],
        official_nips=[o["nip"] for o in officials],
    )
    base = {
        "assignment_id": row["id"],
        "role": role,
        "target": t.target.value,
        "unit_code": None,
        "official_nip": None,
    }
    if t.target is Target.SELF:
        return [{**base, "official_nip": o["nip"]} for o in officials if not o["accepted"]]
    if t.target is Target.APPRAISER:
        return [{**base, "official_nip": nip} for nip in t.official_nips]
    return [{**base, "unit_code": t.unit_code}]


def progress(row: dict, officials: list[dict], event: Any) -> dict:
    """The status and open step after `event` (`officials` already record this event's acceptance)."""
    total = int(row["steps_total"])
    before = Standing(
        status=row["status"],
        done=row["open_step"] - 1 if row["open_step"] else total,
        accepted=frozenset(o["nip"] for o in officials if o["accepted"]),
    )
    after = evolve(
        before,
        type(event).__name__,
        total=total,
        step=getattr(event, "step", None),
        nip=getattr(event, "nip", None),
        officials=[o["nip"] for o in officials],
    )
    number = after.open_step(total)
    step = json.loads(row["steps"])[number - 1] if number else {}
    return {
        "status": after.status,
        "open_step": number,
        "open_role": step.get("role"),
        "open_action": step.get("action"),
    }
