"""Routes of an assignment request, read from the profile: which route applies, which step is
next, and the scope a pair of units implies. Pure: the caller loads the units.

The route is copied into the `Requested` event, so a request finishes along the route that was
in force when it was made even if the profile is later amended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from domain.errors import InvalidInput
from domain.messages import Localized
from domain.profile import Mode, Profile, Role, Route, Scope, cite

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# Roles that stand on the side of the official, and those of the owning (requesting) side. The
# PPK of a route is the owner's: kota-serang-2023's cross-institution route has its own Wali Kota
# fix a team that takes in another government's staff (that route's FIX step).
OFFICIAL_SIDE = {
    Role.OFFICIAL,
    Role.OFFICIAL_APPRAISER,
    Role.OFFICIAL_UNIT_HEAD,
    Role.OFFICIAL_AGENCY_HEAD,
    Role.OFFICIAL_PYB,
    Role.OFFICIAL_PERSONNEL_AGENCY_HEAD,
}
OWNING_SIDE = {
    Role.OWNING_UNIT_HEAD,
    Role.OWNING_AGENCY_HEAD,
    Role.OWNING_PYB,
    Role.PPK,
    Role.REQUESTER_APPRAISER,
}


class TenantSide(str, Enum):
    """This government's side of a cross-institution request."""

    OWNING = "OWNING"  # we request: the work is ours, the official is the other government's
    OFFICIAL = "OFFICIAL"  # our official is requested by the other government


def route_for(profile: Profile, mode: Mode, scope: Scope) -> Route:
    """The route the regulation prescribes, or a refusal with its reason and article."""
    route = profile.assignment.route(mode, scope)
    if route is not None:
        return route
    refusal = profile.assignment.refusal(mode, scope)
    basis = cite(profile, refusal.citation if refusal else profile.assignment.scopes_allowed.citation)
    if refusal is None:
        raise InvalidInput(
            "ROUTE_NOT_ALLOWED", case="no_route", citation=basis, mode=mode.value, scope=scope.value
        )
    # The reason is the profile's own words, in both languages.
    raise InvalidInput(
        "ROUTE_NOT_ALLOWED",
        citation=basis,
        mode=mode.value,
        scope=scope.value,
        reason=Localized(en=refusal.reason_en, id=refusal.reason_id),
    )


def steps_snapshot(profile: Profile, route: Route) -> list[dict]:
    """The route's steps as stored on the request, each with its full legal basis."""
    return [
        {
            "role": s.role.value,
            "action": s.action.value,
            "citation": cite(profile, s.citation),
            **({"copies": [c.value for c in s.copies]} if s.copies else {}),
            **({"designates_unit": True} if s.designates_unit else {}),
            **({"refused_by": [r.value for r in s.refused_by]} if s.refused_by else {}),
        }
        for s in route.steps
    ]


@dataclass(frozen=True)
class UnitPlace:
    """Where a unit sits: its code, its agency, and the codes above it."""

    code: str
    agency_code: str
    ancestors: tuple[str, ...]

    def is_at_or_below(self, code: str) -> bool:
        return code == self.code or code in self.ancestors


def scope_between(owning: UnitPlace, official: UnitPlace) -> Scope:
    """Within the unit when the official stands in the owning unit or below it; across units in
    the same agency; across agencies otherwise (another government is declared, never inferred)."""
    if official.is_at_or_below(owning.code):
        return Scope.WITHIN_UNIT
    if official.agency_code == owning.agency_code:
        return Scope.CROSS_UNIT
    return Scope.CROSS_AGENCY


def next_step(steps: list[dict], done: int) -> tuple[int, dict] | None:
    """The 1-based number and the step still to be taken after `done` steps, if any."""
    return (done + 1, steps[done]) if done < len(steps) else None


def is_other_government(role: str, tenant_side: str | None) -> bool:
    """In a cross-institution request the roles of the other side belong to the other
    government: its officials are not in this tenant's store."""
    if tenant_side is None:
        return False
    side = OFFICIAL_SIDE if tenant_side == TenantSide.OWNING else OWNING_SIDE
    return Role(role) in side


def letter_number(template: str, *, seq: int, unit: str, on: date) -> str:
    return template.format(
        seq=seq, unit=unit, roman_month=ROMAN[on.month - 1], month=f"{on.month:02d}", year=on.year
    )
