"""Who holds a role now, and in which capacity someone may act for them — the one role resolver
every handler is handed.

What a step's role points at is domain.acting's `target_of` (the read side stores the same
target); who may act for a holder (delegates) is domain.acting's one rule. Unit heads come from
OrganisationUnit.head_nip; offices the organisation tree cannot tell (which agency is the Setda,
who is PyB, which agency handles staffing) from the administrator's `GovernmentOffices`;
without a PyB designation the Sekda is the PyB (the profile's common.pyb_fallback_sekda).
Assignment steps are resolved against the request (`holders`), team work against a `Work`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from application.repository import Repository
from domain.acting import (
    BY_LETTER,
    Grant,
    Holder,
    RoleTarget,
    Target,
    may_be_delegated,
    target_of,
    the_appraiser,
)
from domain.acting import capacity_of as acting_capacity_of
from domain.assignment import Assignment
from domain.decision import Capacity
from domain.errors import Forbidden
from domain.ids import official_id
from domain.messages import Localized, phrase, role_words
from domain.profile import Profile, Role
from domain.routes import is_other_government

__all__ = ["Holder", "Roles", "Work", "not_your_step", "not_yours"]


@dataclass(frozen=True)
class Work:
    """What a team-work role is relative to: the unit owning the work, the official concerned, the team."""

    owning_unit: str
    official_nip: str | None = None
    team_leader_nip: str | None = None
    assigner_nip: str | None = None


class Roles:
    def __init__(self, repo: Repository, profile: Profile):
        self.repo, self.profile = repo, profile

    # Offices and people -------------------------------------------------------------------------

    def head_of_unit(self, code: str | None) -> list[Holder]:
        if not code:
            return []
        unit = self.repo.unit(code)
        if not unit.head_nip:
            return []
        head = self.repo.official(unit.head_nip)
        return [
            Holder(
                head.nip,
                head.name,
                Capacity(kind="POSITION", unit_code=unit.code, position=head.position_type),
            )
        ]

    def person(self, nip: str | None, position: str) -> list[Holder]:
        """A named person acting as `position` (e.g. the PyB, an appraiser, a team leader)."""
        if not nip:
            return []
        official = self.repo.official(nip)
        return [
            Holder(
                official.nip,
                official.name,
                Capacity(kind="POSITION", unit_code=official.head_of, position=position),
            )
        ]

    def office_holders(self, target: Target) -> list[Holder]:
        """The holder of a government office (SEKDA, PYB, PERSONNEL) as configured; the PPK is an
        elected official held by nobody here (docs/adr/0008-the-ppk-has-no-nip.md)."""
        offices = self.repo.offices()
        if offices is None:
            return []
        sekda = self.head_of_unit(offices.setda_code)
        if target is Target.SEKDA:
            return sekda
        if target is Target.PYB:
            return self.person(offices.pyb_nip, "PYB") if offices.pyb_nip else sekda
        if target is Target.PERSONNEL:
            return self.head_of_unit(offices.personnel_agency_code)
        return []

    # Acting for a holder ------------------------------------------------------------------------

    def grants_of(self, holders: Sequence[Holder]) -> list[Grant]:
        """The delegations granted by those of `holders` whose role may be delegated."""
        return [
            Grant(
                grantor_nip=h.nip,
                **{
                    k: g[k]
                    for k in (
                        "delegation_id",
                        "delegate_nip",
                        "authority",
                        "valid_from",
                        "valid_until",
                        "revoked",
                    )
                },
            )
            for h in holders
            if may_be_delegated(h.capacity)
            for g in self.repo.official(h.nip).delegations.values()
        ]

    def capacity_of(self, actor_nip: str, holders: Sequence[Holder], on: date) -> Capacity | None:
        """The actor's own capacity if they hold the role, else a delegation from a holder
        (domain.acting). Delegations are loaded only when the actor holds no role themself."""
        own = acting_capacity_of(actor_nip, holders, [], on)
        return own or acting_capacity_of(actor_nip, holders, self.grants_of(holders), on)

    # Assignment steps ---------------------------------------------------------------------------

    def holders(self, a: Assignment, role: str) -> list[Holder]:
        """Who holds `role` for this request now (empty: nobody in this store)."""
        t = target_of(
            role,
            tenant_side=a.tenant_side,
            owning_unit=a.owning_unit,
            official_unit=a.official_unit,
            official_nips=[o["nip"] for o in a.officials],
        )
        return self.resolve(t, {o["nip"]: o["name"] for o in a.officials})

    def resolve(self, t: RoleTarget, names: dict[str, str]) -> list[Holder]:
        """The people a target points at, by position (SELF: the officials themselves, `names`
        giving their names as the request records them)."""
        if t.target in BY_LETTER:  # another government, or the PPK: recorded from a letter
            return []
        if t.target is Target.SELF:
            return [Holder(nip, names[nip], Capacity(kind="SELF")) for nip in t.official_nips]
        if t.target is Target.APPRAISER:
            return self._appraiser(t)
        if t.target is Target.UNIT_HEAD:
            return self.head_of_unit(t.unit_code)
        if t.target is Target.AGENCY_HEAD:
            return self.head_of_unit(self.repo.unit(t.unit_code).agency_code) if t.unit_code else []
        return self.office_holders(t.target)

    def _appraiser(self, t: RoleTarget) -> list[Holder]:
        appraiser_nip = the_appraiser(
            p["appraiser_nip"] for p in (self.repo.official(nip).placement for nip in t.official_nips) if p
        )
        if appraiser_nip is None:  # no one appraiser known: the officials' unit head
            return self.head_of_unit(t.unit_code)
        appraiser = self.repo.official(appraiser_nip)
        return [
            Holder(
                appraiser.nip,
                appraiser.name,
                Capacity(kind="POSITION", unit_code=appraiser.head_of, position=appraiser.position_type),
            )
        ]

    def copies_to(self, a: Assignment, roles: list[str]) -> list[dict]:
        """Tembusan as the regulation lists them, with who holds each role today."""
        out: list[dict] = []
        for role in roles:
            if is_other_government(role, a.tenant_side):
                out.append({"role": role, "government": (a.counterpart or {}).get("government")})
            else:
                out += [{"role": role, "nip": h.nip, "name": h.name} for h in self.holders(a, role)] or [
                    {"role": role, "vacant": True}
                ]
        return out

    def with_copies(self, decision: dict, a: Assignment, spec: dict) -> dict:
        """A step that sends its letter "dengan tembusan" records to whom."""
        if spec.get("copies"):
            decision["copies"] = self.copies_to(a, spec["copies"])
        return decision

    def capacity_for(self, actor_nip: str, a: Assignment, step_no: int, role: str, on: date) -> Capacity:
        """The capacity in which `actor_nip` may take this step, or a typed refusal naming whose
        step it is."""
        holders = self.holders(a, role)
        capacity = self.capacity_of(actor_nip, holders, on)
        if capacity is not None:
            return capacity
        raise not_your_step(step_no, role, holders, a.tenant_side, native=bool(a.other_tenant))

    # Team work ----------------------------------------------------------------------------------

    def official_unit(self, nip: str | None) -> str | None:
        """Where the official stands; None for one of another government (not registered here)."""
        if not nip or not self.repo.exists(official_id(nip)):
            return None
        official = self.repo.official(nip)
        return official.placement["unit_code"] if official.placement else official.head_of

    def role_holders(self, role: str, work: Work) -> list[Holder]:
        """Who holds `role` for a piece of work now: the team's leader and the assigner by name,
        every other role through the same `target_of` as an assignment's steps."""
        if role == Role.TEAM_LEADER.value:
            return self.person(work.team_leader_nip, "TEAM_LEADER")
        if role == Role.ASSIGNER.value:
            return self.person(work.assigner_nip, "ASSIGNER")
        known = work.official_nip and self.repo.exists(official_id(work.official_nip))
        official = [work.official_nip] if known and work.official_nip else []  # registered here
        t = target_of(
            role,
            tenant_side=None,
            owning_unit=work.owning_unit,
            official_unit=self.official_unit(work.official_nip),
            official_nips=official,
        )
        return self.resolve(t, {nip: self.repo.official(nip).name for nip in official})

    def acting_capacity(
        self, actor_nip: str, holders: list[Holder], action: Localized, on: date | None = None
    ) -> Capacity:
        """The capacity in which `actor_nip` may act, or a refusal naming whose decision it is."""
        capacity = self.capacity_of(actor_nip, holders, on or date.today())
        if capacity is not None:
            return capacity
        raise not_yours(action, holders)


def not_your_step(
    step_no: int, role: str, holders: list[Holder], tenant_side: str | None, *, native: bool = False
) -> Forbidden:
    """`native`: a route with another tenant of the platform (ADR 0010), whose officials take
    their steps there; otherwise the administrator records the other government's from letters."""
    if holders:
        holding = phrase("held_by", who=", ".join(f"{h.name} (NIP {h.nip})" for h in holders))
    elif is_other_government(role, tenant_side):
        holding = phrase("other_tenant" if native else "other_government")
    else:
        holding = phrase("vacant")
    return Forbidden(
        "NOT_YOUR_STEP",
        step=step_no,
        role=role,
        role_name=role_words(role),
        holding=holding,
        holders=[{"nip": h.nip, "name": h.name} for h in holders],
    )


def not_yours(action: Localized, holders: list[Holder]) -> Forbidden:
    who = ", ".join(f"{h.name} (NIP {h.nip})" for h in holders)
    holding = phrase("held_by", who=who) if holders else phrase("vacant")
    return Forbidden(
        "NOT_YOUR_STEP",
        case="decision",
        action=action,
        holding=holding,
        holders=[{"nip": h.nip, "name": h.name} for h in holders],
    )
