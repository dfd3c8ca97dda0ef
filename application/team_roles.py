"""Who holds a role now, for team work (teams, reports, escalations, evaluations).

application.roles is keyed to an Assignment request; this one to a piece of work: its owning
unit, the official concerned and the team. Both use application.holders for unit heads, offices
and delegations, so they answer alike.
"""

from dataclasses import dataclass
from datetime import date

from application.holders import Holder, Holders
from domain.decision import Capacity
from domain.errors import Forbidden
from domain.messages import Localized, phrase
from domain.ids import official_id
from domain.profile import Role


@dataclass(frozen=True)
class Work:
    """What a role is relative to: the unit owning the work, the official concerned, the team."""

    owning_unit: str
    official_nip: str | None = None
    team_leader_nip: str | None = None
    assigner_nip: str | None = None


class TeamRoles(Holders):
    def official_unit(self, nip: str | None) -> str | None:
        """Where the official stands; None for one of another government (not registered here)."""
        if not nip or not self.exists(official_id(nip)):
            return None
        official = self.get_official(nip)
        return official.placement["unit_code"] if official.placement else official.head_of

    def role_holders(self, role: str, work: Work) -> list[Holder]:
        r = Role(role)
        if r is Role.OWNING_UNIT_HEAD:
            return self.head_of_unit(work.owning_unit)
        if r is Role.OWNING_AGENCY_HEAD:
            return self.head_of_unit(self.get_unit(work.owning_unit).agency_code)
        if r is Role.OFFICIAL_UNIT_HEAD:
            return self.head_of_unit(self.official_unit(work.official_nip))
        if r is Role.OFFICIAL_AGENCY_HEAD:
            unit = self.official_unit(work.official_nip)
            return self.head_of_unit(self.get_unit(unit).agency_code) if unit else []
        if r is Role.OFFICIAL_APPRAISER:
            known = work.official_nip and self.exists(official_id(work.official_nip))
            official = self.get_official(work.official_nip) if known else None
            appraiser = official.placement["appraiser_nip"] if official and official.placement else None
            return self.person(appraiser, "APPRAISER")
        if r is Role.OFFICIAL:
            return self.person(work.official_nip, "OFFICIAL")
        if r is Role.TEAM_LEADER:
            return self.person(work.team_leader_nip, "TEAM_LEADER")
        if r is Role.ASSIGNER:
            return self.person(work.assigner_nip, "ASSIGNER")
        return self.office_holders(r)

    def acting_capacity(self, actor_nip: str, holders: list[Holder], action: Localized,
                        on: date | None = None) -> Capacity:
        """The capacity in which `actor_nip` may act, or a refusal naming whose decision it is."""
        capacity = self.capacity_of(actor_nip, holders, on or date.today())
        if capacity is not None:
            return capacity
        raise not_yours(action, holders)


def not_yours(action: Localized, holders: list[Holder]) -> Forbidden:
    who = ", ".join(f"{h.name} (NIP {h.nip})" for h in holders)
    holding = phrase("held_by", who=who) if holders else phrase("vacant")
    return Forbidden("NOT_YOUR_STEP", case="decision", action=action, holding=holding,
                     holders=[{"nip": h.nip, "name": h.name} for h in holders])
