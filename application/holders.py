"""Who holds an office now, and in which capacity someone may act for them — shared by every
resolver (assignment steps in application.roles; team work in application.team_roles).

Unit heads come from OrganisationUnit.head_nip. Offices the organisation tree cannot tell
(which agency is the Setda, who is PyB or PPK, which agency handles staffing) are configured by
the administrator in `GovernmentOffices`; without a PyB designation the Sekda is the PyB
("pejabat karier tertinggi pada instansi", Pemalang Pasal 1 angka 6: in a local government, its
Sekda). Who may act for a holder (delegates) is domain.acting's one rule.
"""

from collections.abc import Sequence
from datetime import date

from application.app import BaseApp
from domain.acting import Grant, Holder, may_be_delegated
from domain.acting import capacity_of as acting_capacity_of
from domain.assignment import OFFICES_ID, GovernmentOffices
from domain.decision import Capacity
from domain.profile import Role

__all__ = ["Holder", "Holders"]


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

    def grants_of(self, holders: Sequence[Holder]) -> list[Grant]:
        """The delegations granted by those of `holders` whose role may be delegated."""
        return [Grant(grantor_nip=h.nip, **{k: g[k] for k in ("delegation_id", "delegate_nip", "authority",
                                                              "valid_from", "valid_until", "revoked")})
                for h in holders if may_be_delegated(h.capacity)
                for g in self.get_official(h.nip).delegations.values()]

    def capacity_of(self, actor_nip: str, holders: Sequence[Holder], on: date) -> Capacity | None:
        """The actor's own capacity if they hold the role, else a delegation from a holder
        (domain.acting). Delegations are loaded only when the actor holds no role themself."""
        own = acting_capacity_of(actor_nip, holders, [], on)
        return own or acting_capacity_of(actor_nip, holders, self.grants_of(holders), on)
