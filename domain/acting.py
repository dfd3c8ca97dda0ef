"""Who may act on a decision that belongs to a role: the one definition (issue 9).

Two questions, both pure:

- `target_of`: what a step's role points at for a request — the official themself, their
  appraiser, the head of a unit or of its agency, an office of the government (Sekda, PyB, PPK,
  the personnel agency), or the other government. The write side resolves the target to people
  from the event store (application.roles); the read model stores it per open step
  (projections.assignments.state) and resolves it in SQL (projections.assignments.queries), one
  query per target kind listed in `HELD_BY_POSITION`.
- `who_may_act`: given those who hold the role (by position, or the official themself) and the
  delegations they granted, everyone who may act on a date and in which capacity. A delegate
  acts in the place of a holder by position, as a Plh/Plt would (docs/adr/0001-foundation.md,
  "Delegation"); a role held by a person (the official, a team leader) cannot be delegated.

The contract test (tests/integration/test_acting_contract.py) proves the SQL mirror agrees.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.assignment import APPRAISER_AUTHORITY
from domain.decision import Capacity
from domain.profile import Role
from domain.routes import is_other_government

# The only delegable authority (Official.grant_delegation).
DELEGATED_AUTHORITY = APPRAISER_AUTHORITY
# Positions held by a person, not an office: nobody can act in their place.
PERSONAL = frozenset({"OFFICIAL", "TEAM_LEADER"})


class Target(str, Enum):
    """What a step's role points at; stored on the read model's open step (assignment_waiting)."""

    SELF = "SELF"  # each official of the request, for themself
    APPRAISER = "APPRAISER"  # the officials' one appraiser; else the head of the officials' unit
    UNIT_HEAD = "UNIT_HEAD"  # head of `unit_code`
    AGENCY_HEAD = "AGENCY_HEAD"  # head of the agency `unit_code` belongs to
    SEKDA = "SEKDA"  # head of the configured Setda
    PYB = "PYB"  # the designated PyB, else the Sekda
    PPK = "PPK"  # the Bupati / Wali Kota: no NIP, nobody here; the administrator records his letter
    PERSONNEL = "PERSONNEL"  # head of the configured personnel agency (BKPSDM)
    EXTERNAL = "EXTERNAL"  # the other government's (recorded from its letter)


# Targets held by someone's position (their delegates may act for them); SELF is personal, and
# EXTERNAL and PPK are nobody in this store (docs/adr/0008-the-ppk-has-no-nip.md).
BY_LETTER = frozenset({Target.EXTERNAL, Target.PPK})
HELD_BY_POSITION = frozenset(Target) - {Target.SELF} - BY_LETTER
DELEGABLE = HELD_BY_POSITION

_UNIT_HEADS = {
    Role.OWNING_UNIT_HEAD: (Target.UNIT_HEAD, "owning"),
    Role.OFFICIAL_UNIT_HEAD: (Target.UNIT_HEAD, "official"),
    Role.OWNING_AGENCY_HEAD: (Target.AGENCY_HEAD, "owning"),
    Role.OFFICIAL_AGENCY_HEAD: (Target.AGENCY_HEAD, "official"),
}
_OFFICES = {
    Role.SEKDA: Target.SEKDA,
    Role.OWNING_PYB: Target.PYB,
    Role.OFFICIAL_PYB: Target.PYB,
    Role.PPK: Target.PPK,
    Role.OFFICIAL_PERSONNEL_AGENCY_HEAD: Target.PERSONNEL,
}


@dataclass(frozen=True)
class RoleTarget:
    """A role of a request, made concrete: the target kind, the unit it is relative to (UNIT_HEAD,
    AGENCY_HEAD; for APPRAISER the officials' unit, whose head acts while no one appraiser is
    known), and the officials it concerns (SELF, APPRAISER)."""

    target: Target
    unit_code: str | None = None
    official_nips: tuple[str, ...] = ()


def target_of(
    role: str,
    *,
    tenant_side: str | None,
    owning_unit: str | None,
    official_unit: str | None,
    official_nips: Sequence[str],
) -> RoleTarget:
    """What `role` points at for a request with these facts."""
    if is_other_government(role, tenant_side):
        return RoleTarget(Target.EXTERNAL)
    r = Role(role)
    if r is Role.OFFICIAL:
        return RoleTarget(Target.SELF, official_nips=tuple(official_nips))
    if r is Role.OFFICIAL_APPRAISER:
        if not official_nips:  # not named yet: the request goes to the unit's own head
            return RoleTarget(Target.UNIT_HEAD, official_unit)
        return RoleTarget(Target.APPRAISER, official_unit, tuple(official_nips))
    if r in _UNIT_HEADS:
        target, side = _UNIT_HEADS[r]
        return RoleTarget(target, owning_unit if side == "owning" else official_unit)
    if r in _OFFICES:
        return RoleTarget(_OFFICES[r])
    raise ValueError(f"{role} is not a role of an assignment route")


def the_appraiser(appraisers: Iterable[str | None]) -> str | None:
    """The officials' appraiser when they have exactly one (unplaced officials do not count);
    otherwise None, and the head of the officials' unit acts (target APPRAISER)."""
    known = {nip for nip in appraisers if nip}
    return known.pop() if len(known) == 1 else None


@dataclass(frozen=True)
class Holder:
    """Someone who holds a role themself: by position, or the official concerned (SELF)."""

    nip: str
    name: str
    capacity: Capacity


@dataclass(frozen=True)
class Grant:
    """A delegation a holder granted (Official.delegations)."""

    delegation_id: str
    grantor_nip: str
    delegate_nip: str
    authority: str
    valid_from: str  # ISO dates, both days included
    valid_until: str
    revoked: bool = False


def in_force(grant: Grant, on: date) -> bool:
    return (
        grant.authority == DELEGATED_AUTHORITY
        and not grant.revoked
        and grant.valid_from <= on.isoformat() <= grant.valid_until
    )


def may_be_delegated(capacity: Capacity) -> bool:
    return capacity.kind == "POSITION" and capacity.position not in PERSONAL


@dataclass(frozen=True)
class Acting:
    nip: str
    capacity: Capacity


def who_may_act(holders: Sequence[Holder], grants: Iterable[Grant], on: date) -> list[Acting]:
    """Everyone who may act on `on`: the holders in their own capacity first, then the delegates
    of holders by position, each once (their own capacity wins over a delegation)."""
    out: dict[str, Acting] = {}
    for holder in holders:
        out.setdefault(holder.nip, Acting(holder.nip, holder.capacity))
    by_grantor: dict[str, list[Grant]] = {}
    for grant in grants:
        by_grantor.setdefault(grant.grantor_nip, []).append(grant)
    for holder in holders:
        if not may_be_delegated(holder.capacity):
            continue
        for grant in by_grantor.get(holder.nip, []):
            if in_force(grant, on) and grant.delegate_nip not in out:
                out[grant.delegate_nip] = Acting(
                    grant.delegate_nip,
                    Capacity(
                        kind="DELEGATION",
                        unit_code=holder.capacity.unit_code,
                        position=holder.capacity.position,
                        delegated_by=holder.nip,
                        delegation_id=grant.delegation_id,
                    ),
                )
    return list(out.values())


def capacity_of(
    actor_nip: str, holders: Sequence[Holder], grants: Iterable[Grant], on: date
) -> Capacity | None:
    """The capacity in which `actor_nip` may act, or None."""
    return next((a.capacity for a in who_may_act(holders, grants, on) if a.nip == actor_nip), None)
