"""Copies (tembusan) of an assignment's steps and letter, with who holds each role today.

Every role but one resolves through application.roles; the requesting unit head's own appraiser
(REQUESTER_APPRAISER, a role only ever copied) is resolved here: the appraiser of the head of the
owning unit where he is placed, else the head of the unit above the owning unit, else (above an
agency) the Sekda. Another government's requester is named by its government, as any of its roles.
"""

from application.repository import Repository
from application.roles import Holder, Roles
from domain.acting import Target
from domain.assignment import Assignment
from domain.profile import Role
from domain.routes import is_other_government


def requester_appraiser(roles: Roles, repo: Repository, a: Assignment) -> list[Holder]:
    owning = repo.unit(a.owning_unit)
    head = repo.official(owning.head_nip) if owning.head_nip else None
    if head and head.placement and head.placement.get("appraiser_nip"):
        return roles.person(head.placement["appraiser_nip"], Role.REQUESTER_APPRAISER.value)
    if owning.parent_code:
        return roles.head_of_unit(owning.parent_code)
    return roles.office_holders(Target.SEKDA)


def copies_to(roles: Roles, repo: Repository, a: Assignment, copy_roles: list[str]) -> list[dict]:
    out: list[dict] = []
    for role in copy_roles:
        if role == Role.REQUESTER_APPRAISER.value and not is_other_government(role, a.tenant_side):
            holders = requester_appraiser(roles, repo, a)
            out += [{"role": role, "nip": h.nip, "name": h.name} for h in holders] or [
                {"role": role, "vacant": True}
            ]
        else:
            out += roles.copies_to(a, [role])
    return out


def with_copies(roles: Roles, repo: Repository, decision: dict, a: Assignment, spec: dict) -> dict:
    """A step that sends its letter "dengan tembusan" records to whom."""
    if spec.get("copies"):
        decision["copies"] = copies_to(roles, repo, a, spec["copies"])
    return decision
