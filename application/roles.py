"""Who holds a step's role for an assignment at this moment, resolved from the event store.

Unit heads come from OrganisationUnit.head_nip, the appraiser from the official's placement,
agency heads from the agency unit. Offices the organisation tree cannot tell (which agency is
the Setda, who is PyB or PPK, which agency handles staffing) are configured by the administrator
in `GovernmentOffices`; without a PyB designation the Sekda is the PyB ("pejabat karier
tertinggi pada instansi", Pemalang Pasal 1 angka 6: in a local government, its Sekda).
"""

from dataclasses import dataclass
from datetime import date

from application.app import BaseApp
from domain.assignment import APPRAISER_AUTHORITY, OFFICES_ID, Assignment, GovernmentOffices
from domain.decision import Capacity
from domain.errors import Forbidden
from domain.profile import Role
from domain.routes import is_other_government

@dataclass(frozen=True)
class Holder:
    nip: str
    name: str
    capacity: Capacity


class RoleResolver(BaseApp):
    def offices(self) -> GovernmentOffices | None:
        return self.repository.get(OFFICES_ID) if self.exists(OFFICES_ID) else None

    def holders(self, a: Assignment, role: str) -> list[Holder]:
        """Who holds `role` for this request now, by position (empty: nobody in this store)."""
        if is_other_government(role, a.tenant_side):
            return []
        r = Role(role)
        if r is Role.OFFICIAL:
            return [Holder(o["nip"], o["name"], Capacity(kind="SELF")) for o in a.officials]
        if r is Role.OFFICIAL_APPRAISER:
            return self._appraiser(a)
        unit = {Role.OWNING_UNIT_HEAD: a.owning_unit, Role.OFFICIAL_UNIT_HEAD: a.official_unit}.get(r)
        if unit:
            return self._head(unit)
        agency = {Role.OWNING_AGENCY_HEAD: a.owning_unit, Role.OFFICIAL_AGENCY_HEAD: a.official_unit}.get(r)
        if agency:
            return self._head(self.get_unit(agency).agency_code)
        return self._office(r)

    def _head(self, unit_code: str | None) -> list[Holder]:
        if not unit_code:
            return []
        unit = self.get_unit(unit_code)
        if not unit.head_nip:
            return []
        head = self.get_official(unit.head_nip)
        return [Holder(head.nip, head.name, Capacity(kind="POSITION", unit_code=unit.code,
                                                     position=head.position_type))]

    def _appraiser(self, a: Assignment) -> list[Holder]:
        placed = [self.get_official(o["nip"]).placement for o in a.officials]
        appraisers = {p["appraiser_nip"] for p in placed if p}
        if len(appraisers) != 1:  # not named yet: the request goes to the unit's own head
            return self._head(a.official_unit)
        appraiser = self.get_official(appraisers.pop())
        return [Holder(appraiser.nip, appraiser.name, Capacity(
            kind="POSITION", unit_code=appraiser.head_of, position=appraiser.position_type))]

    def _office(self, role: Role) -> list[Holder]:
        offices = self.offices()
        if offices is None:
            return []
        sekda = self._head(offices.setda_code)
        if role is Role.SEKDA:
            return sekda
        if role in (Role.OWNING_PYB, Role.OFFICIAL_PYB):
            return self._person(offices.pyb_nip, "PYB") if offices.pyb_nip else sekda
        if role is Role.PPK:
            return self._person(offices.ppk_nip, "PPK")
        if role is Role.OFFICIAL_PERSONNEL_AGENCY_HEAD:
            return self._head(offices.personnel_agency_code)
        return []

    def _person(self, nip: str | None, office: str) -> list[Holder]:
        if not nip:
            return []
        person = self.get_official(nip)
        return [Holder(person.nip, person.name, Capacity(kind="POSITION", position=office))]

    def copies_to(self, a: Assignment, roles: list[str]) -> list[dict]:
        """Tembusan as the regulation lists them, with who holds each role today."""
        out: list[dict] = []
        for role in roles:
            if is_other_government(role, a.tenant_side):
                out.append({"role": role, "government": a.counterpart["government"]})
            else:
                out += [{"role": role, "nip": h.nip, "name": h.name} for h in self.holders(a, role)] or [
                    {"role": role, "vacant": True}]
        return out

    def with_copies(self, decision: dict, a: Assignment, spec: dict) -> dict:
        """A step that sends its letter "dengan tembusan" records to whom."""
        if spec.get("copies"):
            decision["copies"] = self.copies_to(a, spec["copies"])
        return decision

    def capacity_for(self, actor_nip: str, a: Assignment, step_no: int, role: str, on: date) -> Capacity:
        """The capacity in which `actor_nip` may take this step, or a typed refusal naming whose
        step it is. A delegate acts in the place of a holder who holds the role by position (as
        appraiser or unit head, like a Plh/Plt) — the same rule as application/team_roles.py
        (docs/adr/0001-foundation.md, "Delegation")."""
        holders = self.holders(a, role)
        for holder in holders:
            if holder.nip == actor_nip:
                return holder.capacity
        for holder in holders:
            if holder.capacity.kind != "POSITION":
                continue
            grant = self.get_official(holder.nip).active_delegation_to(actor_nip, APPRAISER_AUTHORITY, on)
            if grant:
                return Capacity(kind="DELEGATION", unit_code=holder.capacity.unit_code,
                                position=holder.capacity.position, delegated_by=holder.nip,
                                delegation_id=grant["delegation_id"])
        raise not_your_step(step_no, role, holders, a.tenant_side)


def not_your_step(step_no: int, role: str, holders: list[Holder], tenant_side: str | None) -> Forbidden:
    if holders:
        who = ", ".join(f"{h.name} (NIP {h.nip})" for h in holders)
        en, id_ = f"held by {who}", f"dipegang oleh {who}"
    elif is_other_government(role, tenant_side):
        en = "taken by the other government; the administrator records it from their letter"
        id_ = "diambil pemerintah lain; administrator mencatatnya dari surat mereka"
    else:
        en, id_ = "vacant at this moment", "sedang kosong"
    return Forbidden(
        "NOT_YOUR_STEP", f"Step {step_no} belongs to the {role}, {en}.",
        f"Langkah {step_no} merupakan wewenang {role}, {id_}.",
        step=step_no, role=role, holders=[{"nip": h.nip, "name": h.name} for h in holders])

