"""The receiving side of a native cross-tenant route (docs/adr/0010-native-cross-tenant-routes.md):
the relay (infra.crossing) hands each event of the other tenant's side as a command, under an
idempotency key naming the sender's event, so a second delivery records nothing.

The other side's step is recorded here as the same step of the same route (both tenants keep the
same snapshot), by the same aggregate method an in-person step uses; its decision names the other
tenant's official and capacity OTHER_TENANT, and carries the sender's event by chain position and
hash (`other_tenant_event`), as a step recorded from a letter carries the letter."""

from uuid import UUID

from application.commands.crossing import MirrorStep, OpenCrossing
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from domain.assignment import Assignment
from domain.errors import Forbidden
from domain.messages import role_words
from domain.routes import TenantSide, is_other_government

REVERSED = {
    TenantSide.OWNING.value: TenantSide.OFFICIAL.value,
    TenantSide.OFFICIAL.value: TenantSide.OWNING.value,
}


def other_tenant_decision(sender: dict, decision: dict, role: str | None) -> dict:
    """The sender's decision as recorded here: who took it there, under which article, and
    which event of the other tenant's chain it is."""
    mirrored = {
        "actor_nip": decision["actor_nip"],
        "capacity": {"kind": "OTHER_TENANT", **({"position": role} if role else {})},
        "legal_basis": decision["legal_basis"],
        "other_tenant_event": {
            "tenant": sender["tenant"],
            "government": sender["government"],
            "position": sender["position"],
            "hash": sender["hash"],
        },
    }
    for key in ("reason", "copies", "letter_basis"):
        if key in decision:
            mirrored[key] = decision[key]
    return mirrored


def open_crossing(c: OpenCrossing, actor: Principal) -> Decided:
    """The mirror of the other tenant's request: same id and route, this tenant on the other side.
    Its officials' unit is the one the request named here (checked in the sender's handler)."""
    r = c.requested
    theirs = r["counterpart"]
    side = REVERSED[theirs["tenant_side"]]
    counterpart = {"government": c.sender["government"], "tenant": c.sender["tenant"], "tenant_side": side}
    if side == TenantSide.OFFICIAL.value:  # they request one of ours, from the unit they named
        owning, official_unit = c.sender["government"], theirs["unit"]
    else:
        owning, official_unit = r["owning_unit"], c.sender["government"]
    fields = {key: r[key] for key in MIRRORED}
    a = Assignment.mirror(
        UUID(c.assignment_id),
        **fields,
        owning_unit=owning,
        official_unit=official_unit,
        counterpart=counterpart,
        plan_item_id=None,  # a work plan is each government's own
        decision=other_tenant_decision(c.sender, c.decision, r["steps"][0]["role"]),
    )
    return Decided(a, result=str(a.id))


MIRRORED = (
    "mode",
    "scope",
    "route_citation",
    "steps",
    "letter",
    "officials",
    "criteria",
    "team",
    "work",
    "request_letter",
    "period_start",
    "period_end",
    "requester_nip",
)


def mirror_step(c: MirrorStep, actor: Principal, repo: Repository) -> Decided:
    a = repo.assignment(c.assignment_id)
    f = c.fields
    if c.event == "Withdrawn":
        a.withdraw(decision=other_tenant_decision(c.sender, c.decision, None))
        return Decided(a, result=str(a.id))
    spec = a.expect_step(f["step"])
    if not is_other_government(spec["role"], a.tenant_side):  # never overwrite a step of ours
        raise Forbidden(
            "NOT_AN_EXTERNAL_STEP", step=f["step"], role=spec["role"], role_name=role_words(spec["role"])
        )
    decision = other_tenant_decision(c.sender, c.decision, f.get("role") or spec["role"])
    step, role = f["step"], f.get("role") or spec["role"]
    if c.event == "StepRejected":
        a.reject(step=step, role=role, action=f["action"], decision=decision)
    elif c.event == "OfficialsNamed":
        a.name_officials(step=step, role=role, officials=f["officials"], decision=decision)
    elif c.event == "LetterIssued":
        a.issue_letter(
            step=step,
            role=role,
            action=f["action"],
            number=f["number"],
            issued_on=f["issued_on"],
            copies=f["copies"],
            decision=decision,
        )
    elif c.event == "Accepted":
        a.accept(step=step, nip=f["nip"], decision=decision)
    else:
        a.approve(step=step, role=role, action=f["action"], decision=decision)
    return Decided(a, result=str(a.id))


HANDLERS = {OpenCrossing: open_crossing, MirrorStep: mirror_step}
