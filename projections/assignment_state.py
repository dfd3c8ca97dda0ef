"""How the assignment read model follows a request: what its open step waits for, and its
status and open step after each event (the Assignment aggregate's rules, applied to rows)."""

import json
from typing import Any

from domain.assignment import Assignment
from domain.profile import Role
from domain.routes import is_other_government

UNIT_ROLES = {Role.OWNING_UNIT_HEAD: ("UNIT_HEAD", "owning_unit"), Role.OFFICIAL_UNIT_HEAD: ("UNIT_HEAD", "official_unit"),
              Role.OWNING_AGENCY_HEAD: ("AGENCY_HEAD", "owning_unit"),
              Role.OFFICIAL_AGENCY_HEAD: ("AGENCY_HEAD", "official_unit"),
              Role.OFFICIAL_PERSONNEL_AGENCY_HEAD: ("PERSONNEL", None)}
OFFICE_ROLES = {Role.SEKDA: "SEKDA", Role.OWNING_PYB: "PYB", Role.OFFICIAL_PYB: "PYB", Role.PPK: "PPK"}


def waiting(row: dict, officials: list[dict]) -> list[dict]:
    """What the open step waits for; empty once no step is open."""
    role = row["open_role"]
    if role is None:
        return []
    base = {"assignment_id": row["id"], "role": role, "unit_code": None, "official_nip": None}
    if is_other_government(role, row["tenant_side"]):
        return [{**base, "target": "EXTERNAL"}]
    r = Role(role)
    if r is Role.OFFICIAL:
        return [{**base, "target": "SELF", "official_nip": o["nip"]} for o in officials if not o["accepted"]]
    if r is Role.OFFICIAL_APPRAISER:
        if officials:
            return [{**base, "target": "APPRAISER", "official_nip": o["nip"]} for o in officials]
        return [{**base, "target": "UNIT_HEAD", "unit_code": row["official_unit"]}]
    if r in UNIT_ROLES:
        target, column = UNIT_ROLES[r]
        return [{**base, "target": target, "unit_code": row[column] if column else None}]
    return [{**base, "target": OFFICE_ROLES[r]}]


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
