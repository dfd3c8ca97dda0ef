"""How the assignment read model follows a request: what its open step waits for, and its
status and open step after each event (the Assignment aggregate's rules, applied to rows)."""

import json
from typing import Any

from domain.acting import Target, target_of
from domain.assignment import Assignment


def waiting(row: dict, officials: list[dict]) -> list[dict]:
    """What the open step waits for (domain.acting's `target_of`); empty once no step is open.
    One row per official still to act (SELF) or whose appraiser acts (APPRAISER: the query falls
    back to the head of the request's official unit, as the write side does)."""
    role = row["open_role"]
    if role is None:
        return []
    t = target_of(role, tenant_side=row["tenant_side"], owning_unit=row["owning_unit"],
                  official_unit=row["official_unit"], official_nips=[o["nip"] for o in officials])
    base = {"assignment_id": row["id"], "role": role, "target": t.target.value, "unit_code": None,
            "official_nip": None}
    if t.target is Target.SELF:
        return [{**base, "official_nip": o["nip"]} for o in officials if not o["accepted"]]
    if t.target is Target.APPRAISER:
        return [{**base, "official_nip": nip} for nip in t.official_nips]
    return [{**base, "unit_code": t.unit_code}]


CLOSED = {"open_step": None, "open_role": None, "open_action": None}


def progress(row: dict, officials: list[dict], event: Any) -> dict:
    """The status and open step after `event`, by the same rules as the Assignment aggregate."""
    if isinstance(event, Assignment.StepRejected):
        return {"status": "REJECTED", **CLOSED}
    if isinstance(event, Assignment.Withdrawn):
        return {"status": "WITHDRAWN", **CLOSED}
    if isinstance(event, Assignment.Ended):
        return {"status": "ENDED", **CLOSED}
    if isinstance(event, Assignment.Requested):
        return {}
    status = "FIXED" if isinstance(event, Assignment.LetterIssued) else row["status"]
    done = event.step - 1
    if not isinstance(event, Assignment.Accepted) or all(o["accepted"] for o in officials):
        done = event.step
    steps = json.loads(row["steps"])
    if done >= len(steps):
        return {"status": "ACTIVE", **CLOSED}
    return {"status": status, "open_step": done + 1, "open_role": steps[done]["role"],
            "open_action": steps[done]["action"]}
