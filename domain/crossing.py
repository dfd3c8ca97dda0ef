"""The route of a native cross-tenant request (docs/adr/0010-native-cross-tenant-routes.md): both
governments are on the platform, so each takes its own side's steps under its own regulation.

The route is composed once, by the tenant that opens the request, from both profiles: the owning
government's steps of the owning side (as its profile orders them), with the official's
government's steps of the official side in place of the owner's reading of them. Both tenants keep
the same snapshot, so step n is the same step on both sides and each side's event can be recorded
on the other as step n. Every step keeps the citation of the regulation of the government taking
it (`cite` prefixes the profile id).
"""

from __future__ import annotations

from domain.errors import InvalidInput
from domain.profile import Action, Mode, Profile, Role, Scope, cite
from domain.routes import OFFICIAL_SIDE, route_for, steps_snapshot

LETTER_ACTIONS = {Action.ISSUE_LETTER.value, Action.FIX.value}


def _official_side(step: dict) -> bool:
    return Role(step["role"]) in OFFICIAL_SIDE


def native_route(owner: Profile, official: Profile, mode: Mode) -> dict:
    """`route_citation`, `steps` and `letter` of the request, as the Requested event records them.
    ROUTE_NOT_ALLOWED when either regulation refuses the mode across governments (its reason and
    article); NATIVE_ROUTE_INTERLEAVED when the owner's route puts its own steps between the
    official side's (no profile does today: the two sides could not be told apart)."""
    own_route = route_for(owner, mode, Scope.CROSS_INSTITUTION)
    their_route = route_for(official, mode, Scope.CROSS_INSTITUTION)
    own_steps = steps_snapshot(owner, own_route)
    sides = [_official_side(s) for s in own_steps]
    first = sides.index(True) if True in sides else len(sides)
    last = len(sides) - 1 - sides[::-1].index(True) if True in sides else first - 1
    if not all(sides[first : last + 1]):
        raise InvalidInput("NATIVE_ROUTE_INTERLEAVED", citation=cite(owner, own_route.citation))
    theirs = [s for s in steps_snapshot(official, their_route) if _official_side(s)]
    before, after = own_steps[:first], own_steps[last + 1 :]
    steps = before + theirs + after
    at = next(i for i, s in enumerate(steps) if s["action"] in LETTER_ACTIONS)
    by_official = len(before) <= at < len(before) + len(theirs)
    profile, route = (official, their_route) if by_official else (owner, own_route)
    return {
        "route_citation": f"{cite(owner, own_route.citation)}; {cite(official, their_route.citation)}",
        "steps": steps,
        "letter": {
            "issued_at_step": at + 1,
            "copies": [role.value for role in route.letter.copies],
            "citation": cite(profile, route.letter.citation),
        },
    }
