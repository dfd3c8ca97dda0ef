"""Who holds an office now, and in which capacity someone may act for them — shared by every
resolver (assignment steps in application.roles; team work in application.team_roles).

Unit heads come from OrganisationUnit.head_nip. Offices the organisation tree cannot tell
(which agency is the Setda, who is PyB or PPK, which agency handles staffing) are configured by
the administrator in `GovernmentOffices`; without a PyB designation the Sekda is the PyB
("pejabat karier tertinggi pada instansi", Pemalang Pasal 1 angka 6: in a local government, its
Sekda). A delegate acts in the place of a holder who holds the role by position, as a Plh/Plt
would (docs/adr/0001-foundation.md, "Delegation").
"""

from dataclasses import dataclass
from datetime import date

from application.app import BaseApp
from domain.assignment import APPRAISER_AUTHORITY, OFFICES_ID, GovernmentOffices
from domain.decision import Capacity
from domain.profile import Role

# Roles held by a person, not an office: nobody can act in their place.
PERSONAL = {"OFFICIAL", "TEAM_LEADER"}


@dataclass(frozen=True)
class Holder:
    nip: str
    name: str
    capacity: Capacity


class Holders(BaseApp):
    def offices(self) -> GovernmentOffices | None:
        return self.repository.get(OFFICES_ID) if self.exists(OFFICES_ID) else None

    def head_of_unit(self, code: str | None) -> list[Holder]:
        if not code:
            return []
        unit = self.get_unit(code)
        if not unit.head_nip:
            return []
        head = self.get_official(unit.head_nip)
        return [Holder(head.nip, head.name, Capacity(kind="POSITION", unit_code=unit.code,
                                                     position=head.position_type))]

    def person(self, nip: str | None, position: str) -> list[Holder]:
        """A named person acting as `position` (e.g. the PyB, an appraiser, a team leader)."""
        if not nip:
            return []
        official = self.get_official(nip)
        return [Holder(official.nip, official.name,
                       Capacity(kind="POSITION", unit_code=official.head_of, position=position))]

    def office_holders(self, role: Role) -> list[Holder]:
        offices = self.offices()
        if offices is None:
            return []
        sekda = self.head_of_unit(offices.setda_code)
        if role is Role.SEKDA:
            return sekda
        if role in (Role.OWNING_PYB, Role.OFFICIAL_PYB):
            return self.person(offices.pyb_nip, "PYB") if offices.pyb_nip else sekda
        if role is Role.PPK:
            return self.person(offices.ppk_nip, "PPK")
        if role is Role.OFFICIAL_PERSONNEL_AGENCY_HEAD:
            return self.head_of_unit(offices.personnel_agency_code)
        return []

    def capacity_of(self, actor_nip: str, holders: list[Holder], on: date) -> Capacity | None:
        """The actor's own capacity if they hold the role, else a delegation from a holder."""
        for holder in holders:
            if holder.nip == actor_nip:
                return holder.capacity
        for holder in holders:
            if holder.capacity.kind != "POSITION" or holder.capacity.position in PERSONAL:
                continue
            grant = self.get_official(holder.nip).active_delegation_to(actor_nip, APPRAISER_AUTHORITY, on)
            if grant:
                return Capacity(kind="DELEGATION", unit_code=holder.capacity.unit_code,
                                position=holder.capacity.position, delegated_by=holder.nip,
                                delegation_id=grant["delegation_id"])
        return None
