"""The route of a native cross-tenant request (docs/adr/0010-native-cross-tenant-routes.md): both
governments are on the platform, so each takes its own side's steps under its own regulation.

The route is composed once, by the tenant that opens the request, from both profiles: the owning
government's steps of the owning side (as its profile orders them), with the official's
government's steps of the official side in place of the owner's reading of them. Both tenants keep
the same snapshot, so step n is the same step on both sides and each side's event can be recorded
on the other as step n. Every step keeps the citation of the regulation it is taken under (`cite`
prefixes the profile id).

Letters (ADR 0010 §2a): a composed route may issue two, one per government (Kota Serang's PPK
fixes, after the other government has assigned its official by its own letter). The last one
fixes the assignment and is the route's `letter`; an earlier one carries its own regulation's
rule on its step (`letter`: copies and article), so each letter goes out with the copies its own
regulation prescribes.
"""

from __future__ import annotations

from domain.errors import InvalidInput
from domain.profile import Action, Mode, Profile, Role, Route, Scope, cite
from domain.routes import OFFICIAL_SIDE, route_for, steps_snapshot

LETTER_ACTIONS = {Action.ISSUE_LETTER.value, Action.FIX.value}


def _official_side(step: dict) -> bool:
    return Role(step["role"]) in OFFICIAL_SIDE


def _assigns(steps: list[dict]) -> bool:
    """Whether these official-side steps include the letter by which that side assigns its official."""
    return any(s["action"] in LETTER_ACTIONS for s in steps)


def _rule(profile: Profile, route: Route) -> dict:
    return {
        "copies": [role.value for role in route.letter.copies],
        "citation": cite(profile, route.letter.citation),
    }


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
    before, after = own_steps[:first], own_steps[last + 1 :]
    theirs = [s for s in steps_snapshot(official, their_route) if _official_side(s)]
    by_official = _assigns(theirs)
    if not by_official:
        # A regulation that describes a cross-government assignment only as the owner has no
        # letter of its own on the official's side: lent by it, its officials follow the
        # requesting regulation's procedure for "instansi yang dituju", under that regulation's
        # article (ADR 0010 §2b; the reading is in the lender's profile note).
        theirs = own_steps[first : last + 1]
    steps = before + theirs + after
    letters = [i for i, s in enumerate(steps) if s["action"] in LETTER_ACTIONS]

    def rule_at(i: int) -> dict:
        in_theirs = len(before) <= i < len(before) + len(theirs)
        return _rule(official, their_route) if in_theirs and by_official else _rule(owner, own_route)

    for i in letters[:-1]:  # a letter before the one that fixes: under its own regulation's rule
        steps[i] = {**steps[i], "letter": rule_at(i)}
    fixing = letters[-1]
    return {
        "route_citation": f"{cite(owner, own_route.citation)}; {cite(official, their_route.citation)}",
        "steps": steps,
        "letter": {"issued_at_step": fixing + 1, **rule_at(fixing)},
    }


def letter_rule(steps: list[dict], letter: dict, step: int) -> dict:
    """The rule (copies, article) of the letter issued at `step`: the step's own where it carries
    one (an earlier letter of a native route), else the route's."""
    return steps[step - 1].get("letter") or letter
