"""Who holds a step's role for an assignment at this moment, resolved from the event store:
what the role points at from domain.acting, unit heads and offices through application.holders,
the appraiser from the officials' placements.
"""

from datetime import date

from application.holders import Holder, Holders
from domain.acting import RoleTarget, Target, target_of, the_appraiser
from domain.assignment import Assignment
from domain.decision import Capacity
from domain.errors import Forbidden
from domain.messages import phrase, role_words
from domain.profile import Role
from domain.routes import is_other_government


class RoleResolver(Holders):
    def holders(self, a: Assignment, role: str) -> list[Holder]:
        """Who holds `role` for this request now, by position (empty: nobody in this store); what
        the role points at is domain.acting's `target_of`, as the read model stores it."""
        t = target_of(role, tenant_side=a.tenant_side, owning_unit=a.owning_unit,
                      official_unit=a.official_unit, official_nips=[o["nip"] for o in a.officials])
        if t.target is Target.EXTERNAL:
            return []
        if t.target is Target.SELF:
            return [Holder(o["nip"], o["name"], Capacity(kind="SELF")) for o in a.officials]
        if t.target is Target.APPRAISER:
            return self._appraiser(t)
        if t.target is Target.UNIT_HEAD:
            return self.head_of_unit(t.unit_code)
        if t.target is Target.AGENCY_HEAD:
            return self.head_of_unit(self.get_unit(t.unit_code).agency_code) if t.unit_code else []
        return self.office_holders(Role(role))

    def _appraiser(self, t: RoleTarget) -> list[Holder]:
        appraiser_nip = the_appraiser(p["appraiser_nip"] for p in (
            self.get_official(nip).placement for nip in t.official_nips) if p)
        if appraiser_nip is None:  # no one appraiser known: the officials' unit head
            return self.head_of_unit(t.unit_code)
        appraiser = self.get_official(appraiser_nip)
        return [Holder(appraiser.nip, appraiser.name, Capacity(
            kind="POSITION", unit_code=appraiser.head_of, position=appraiser.position_type))]

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
        step it is (delegations as application.holders says)."""
        holders = self.holders(a, role)
        capacity = self.capacity_of(actor_nip, holders, on)
        if capacity is not None:
            return capacity
        raise not_your_step(step_no, role, holders, a.tenant_side)


def not_your_step(step_no: int, role: str, holders: list[Holder], tenant_side: str | None) -> Forbidden:
    if holders:
        holding = phrase("held_by", who=", ".join(f"{h.name} (NIP {h.nip})" for h in holders))
    else:
        holding = phrase("other_government" if is_other_government(role, tenant_side) else "vacant")
    return Forbidden("NOT_YOUR_STEP", step=step_no, role=role, role_name=role_words(role), holding=holding,
                     holders=[{"nip": h.nip, "name": h.name} for h in holders])

