"""Who holds a role now, for team work (teams, reports, escalations, evaluations).

Written here rather than reusing application.roles because that resolver is keyed to an
Assignment request; this one is keyed to a piece of work: its owning unit, the official
concerned and the team. Offices the organisation tree cannot tell (Sekda, PyB, PPK) are read
from application.roles' GovernmentOffices when that module is composed in (duck-typed), so
both resolvers answer alike. A delegation of the holder's authority (Official.delegations,
authority APPRAISER) lets the delegate act in the holder's place, as the Plt/Plh of a unit head.
"""

from dataclasses import dataclass
from datetime import date

from application.app import BaseApp
from domain.decision import Capacity
from domain.errors import Forbidden
from domain.ids import official_id
from domain.profile import Role

DELEGABLE_AUTHORITY = "APPRAISER"


@dataclass(frozen=True)
class Work:
    """What a role is relative to: the unit owning the work, the official concerned, the team."""

    owning_unit: str
    official_nip: str | None = None
    team_leader_nip: str | None = None
    assigner_nip: str | None = None


@dataclass(frozen=True)
class Holder:
    nip: str
    name: str
    capacity: Capacity


class TeamRoles(BaseApp):
    def head_of_unit(self, code: str | None) -> list[Holder]:
        if not code:
            return []
        unit = self.get_unit(code)
        if not unit.head_nip:
            return []
        head = self.get_official(unit.head_nip)
        return [Holder(head.nip, head.name, Capacity(kind="POSITION", unit_code=unit.code,
                                                     position=head.position_type))]

    def _team_person(self, nip: str | None, position: str) -> list[Holder]:
        if not nip:
            return []
        person = self.get_official(nip)
        unit = person.head_of
        return [Holder(person.nip, person.name, Capacity(kind="POSITION", unit_code=unit, position=position))]

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
            return self._team_person(appraiser, "APPRAISER")
        if r is Role.OFFICIAL:
            return self._team_person(work.official_nip, "OFFICIAL")
        if r is Role.TEAM_LEADER:
            return self._team_person(work.team_leader_nip, "TEAM_LEADER")
        if r is Role.ASSIGNER:
            return self._team_person(work.assigner_nip, "ASSIGNER")
        return self._office_holders(r)

    def _office_holders(self, role: Role) -> list[Holder]:
        offices = getattr(self, "offices", lambda: None)()  # application.roles, when composed in
        if offices is None:
            return []
        sekda = self.head_of_unit(offices.setda_code)
        if role is Role.SEKDA:
            return sekda
        if role in (Role.OWNING_PYB, Role.OFFICIAL_PYB):
            return self._team_person(offices.pyb_nip, "PYB") if offices.pyb_nip else sekda
        if role is Role.PPK:
            return self._team_person(offices.ppk_nip, "PPK")
        if role is Role.OFFICIAL_PERSONNEL_AGENCY_HEAD:
            return self.head_of_unit(offices.personnel_agency_code)
        return []

    def acting_capacity(self, actor_nip: str, holders: list[Holder], what_en: str, what_id: str,
                        on: date | None = None) -> Capacity:
        """The capacity in which `actor_nip` may act, or a refusal naming whose decision it is."""
        for holder in holders:
            if holder.nip == actor_nip:
                return holder.capacity
        today = on or date.today()
        for holder in holders:
            if holder.capacity.kind != "POSITION" or holder.capacity.position in ("OFFICIAL", "TEAM_LEADER"):
                continue
            grant = self.get_official(holder.nip).active_delegation_to(actor_nip, DELEGABLE_AUTHORITY, today)
            if grant:
                return Capacity(kind="DELEGATION", unit_code=holder.capacity.unit_code,
                                position=holder.capacity.position, delegated_by=holder.nip,
                                delegation_id=grant["delegation_id"])
        raise not_yours(what_en, what_id, holders)


def not_yours(what_en: str, what_id: str, holders: list[Holder]) -> Forbidden:
    who = ", ".join(f"{h.name} (NIP {h.nip})" for h in holders)
    en = f"held by {who}" if holders else "vacant at this moment"
    id_ = f"dipegang oleh {who}" if holders else "sedang kosong"
    return Forbidden("NOT_YOUR_STEP", f"To {what_en} is the decision of an office {en}.",
                     f"Wewenang untuk {what_id} ada pada jabatan yang {id_}.",
                     holders=[{"nip": h.nip, "name": h.name} for h in holders])
