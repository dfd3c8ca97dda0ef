"""Opening an assignment request: the route the regulation prescribes for its mode and scope,
the officials (or the criteria the other side will fill), the request letter's contents, and
the requester's entitlement to take step 1."""

from datetime import date

from application import checks
from application.checks import enum_value, require_admin
from application.commands.assignments import RequestAssignment
from application.crossing import OtherTenants
from application.handlers.assignment_copies import with_copies
from application.handlers.work_plan import linked_plan_item
from application.letters import letter_decision
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles
from domain.assignment import Assignment
from domain.crossing import native_route
from domain.decision import Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import NAME, NIP, PERIOD, TEXT, TITLE
from domain.messages import role_words
from domain.profile import Action, Mode, Profile, Route, Scope, Step, cite
from domain.routes import TenantSide, UnitPlace, is_other_government, route_for, scope_between, steps_snapshot

LETTER_CONTENTS = ("purpose", "competencies", "expected_target")


def request_assignment(
    c: RequestAssignment,
    actor: Principal,
    repo: Repository,
    roles: Roles,
    profile: Profile,
    others: OtherTenants,
) -> Decided:
    m, s = enum_value(Mode, c.mode, "mode"), enum_value(Scope, c.scope, "scope")
    route = route_for(profile, m, s)
    checks.day(c.period_start, PERIOD, "period start")
    checks.day(c.period_end, PERIOD, "period end")
    checks.period(c.period_start, c.period_end)
    checks.in_force(profile, date.today(), "today")
    nips = list(dict.fromkeys(c.official_nips or ([actor.nip] if m is Mode.VOLUNTARY else [])))
    counterpart = _counterpart(s, c.counterpart)
    native = _native(others, profile, m, counterpart) if counterpart and counterpart.get("tenant") else None
    theirs = bool(counterpart and counterpart["tenant_side"] == TenantSide.OWNING)  # officials of theirs
    _one_applicant(m, c, nips, actor, theirs)
    tasked = False  # along assignment.direct_tasking (the profile's rule), not the units' places
    if counterpart and theirs:
        owning = repo.unit(checks.unit_code(c.owning_unit_code)).code
        # Natively `unit` is the other tenant's code, which may be a code here too: name the government.
        official_unit = (
            counterpart["government"] if native else counterpart.get("unit") or counterpart["government"]
        )
        officials = external_officials(c.external_officials)
    else:
        owning, official_unit, officials, tasked = _home_side(repo, profile, route, c, nips, counterpart)
        one_appraiser(repo, profile, officials, [st.role.value for st in route.steps])
    steps = native["steps"] if native else steps_snapshot(profile, route)
    names_later = any(st["action"] == Action.NAME_OFFICIALS.value for st in steps[1:])
    if not officials and not names_later:
        raise InvalidInput("OFFICIALS_REQUIRED", legal_basis=cite(profile, route.citation))
    criteria = c.criteria
    if not officials:
        criteria = checks.text(criteria, TEXT, "criteria")
    if len(officials) > 1 and not c.team:
        raise InvalidInput("TEAM_REQUIRED")
    letter = _request_letter(profile, route, c.request_letter, c.period_start, c.period_end)
    plan_item = linked_plan_item(repo, profile, c.plan_item_id, owning, c.period_start, c.period_end)
    fields = dict(
        mode=m.value,
        scope=s.value,
        route_citation=cite(profile, route.citation),
        steps=steps,
        letter={
            "issued_at_step": route.letter.issued_at_step,
            "copies": [role.value for role in route.letter.copies],
            "citation": cite(profile, route.letter.citation),
        },
        owning_unit=owning,
        official_unit=official_unit,
        counterpart=counterpart,
        officials=officials,
        criteria=(criteria or "").strip() or None,
        team=c.team,
        work=checks.text(c.work, TEXT, "work"),
        request_letter=letter,
        period_start=c.period_start.isoformat(),
        period_end=c.period_end.isoformat(),
        requester_nip=actor.nip,
        plan_item_id=plan_item,
    )
    if native:
        fields.update(route_citation=native["route_citation"], letter=native["letter"])
    probe = Assignment(**fields, decision={})  # never saved: resolves who holds step 1
    first = probe.steps[0]
    if native and is_other_government(first["role"], probe.tenant_side):
        raise taken_elsewhere(1, first["role"], counterpart or {})
    if is_other_government(first["role"], probe.tenant_side):
        require_admin(actor, "record_other_request")
        decision = external_decision(actor, first, c.external_letter, counterpart)
    else:
        capacity = roles.capacity_for(actor.nip, probe, 1, first["role"], c.on or date.today())
        decision = Decision(actor.nip, capacity, first["citation"]).as_event_fields()
    decision = with_copies(roles, repo, decision, probe, first)
    if tasked and profile.assignment.direct_tasking:
        decision["scope_basis"] = cite(profile, profile.assignment.direct_tasking.citation)
    if plan_item:
        decision["plan_basis"] = cite(profile, profile.work_plan.link.citation)
    a = Assignment(**fields, decision=decision)
    return Decided(a, result=str(a.id))


def _one_applicant(m: Mode, c: RequestAssignment, nips: list[str], actor: Principal, theirs: bool) -> None:
    """A voluntary application is the official's own: ours applies for themself; one of the other
    government's is recorded by the administrator from the application letter, naming that one."""
    if m is not Mode.VOLUNTARY:
        return
    if theirs:
        if c.official_nips or len(c.external_officials or []) != 1:
            raise InvalidInput("VOLUNTARY_IS_PERSONAL", case="letter")
    elif nips != [actor.nip] or c.external_officials:
        raise InvalidInput("VOLUNTARY_IS_PERSONAL")


def _counterpart(scope: Scope, counterpart: dict | None) -> dict | None:
    """The other government as recorded, its side as plain text (the API hands an enum member)."""
    if scope is not Scope.CROSS_INSTITUTION:
        if counterpart:
            raise InvalidInput("COUNTERPART_NOT_APPLICABLE")
        return None
    if not counterpart:
        raise InvalidInput("COUNTERPART_REQUIRED", field="counterpart")
    if counterpart.get("tenant") is None:  # the API hands every field, null when not given
        counterpart = {k: v for k, v in counterpart.items() if k != "tenant"}
    checks.text(counterpart.get("government"), TITLE, "counterpart government")
    if counterpart.get("tenant_side") not in tuple(TenantSide):
        raise InvalidInput("INVALID_VALUE", case="tenant_side", field="tenant_side")
    return {**counterpart, "tenant_side": TenantSide(counterpart["tenant_side"]).value}


def _native(others: OtherTenants, profile: Profile, mode: Mode, counterpart: dict) -> dict:
    """A request naming another tenant of this platform (ADR 0010): the route composed from both
    regulations, the other government's name as the registry holds it, and its unit checked
    there. Mutates `counterpart` into what is recorded."""
    other = others.counterpart(checks.text(counterpart["tenant"], TITLE, "counterpart tenant"))
    counterpart["government"] = other.government
    if counterpart["tenant_side"] == TenantSide.OWNING.value:  # their unit finds the officials
        unit = checks.text(counterpart.get("unit"), TITLE, "counterpart unit")
        if not others.has_unit(other.id, unit):
            raise InvalidInput(
                "COUNTERPART_UNIT_NOT_FOUND", field="counterpart.unit", unit=unit, tenant=other.id
            )
        owner, official = profile, other.profile
    else:
        owner, official = other.profile, profile
    return native_route(owner, official, mode)


def taken_elsewhere(step: int, role: str, counterpart: dict) -> Forbidden:
    """A step of the other side of a native route: its officials take it in their own tenant."""
    return Forbidden(
        "TAKEN_IN_OTHER_TENANT",
        step=step,
        role=role,
        role_name=role_words(role),
        government=counterpart.get("government"),
        tenant=counterpart.get("tenant"),
    )


def _home_side(
    repo: Repository,
    profile: Profile,
    route: Route,
    c: RequestAssignment,
    nips: list[str],
    counterpart: dict | None,
) -> tuple[str, str, list[dict], bool]:
    """Owning unit, official unit and officials when the officials are this government's, and
    whether the scope rests on the profile's direct_tasking rather than on where they stand."""
    scope = route.scope
    designating = next((st for st in route.steps if st.designates_unit), None)
    if designating:  # the target agency's head chooses the unit: the request names the agency only
        official_unit = _target_agency(repo, profile, c, designating)
        officials: list[dict] = []
    else:
        officials = placed_officials(repo, profile, nips, None, c.team)
        units = {_placement(repo, o["nip"])["unit_code"] for o in officials}
        if c.official_unit_code:
            units.add(repo.unit(checks.unit_code(c.official_unit_code)).code)
        if len(units) != 1:
            raise InvalidInput("ONE_OFFICIAL_UNIT", field="official_unit_code")
        official_unit = repo.unit(units.pop())
    if counterpart and counterpart["tenant_side"] == TenantSide.OFFICIAL:  # the other government asks
        return counterpart.get("unit") or counterpart["government"], official_unit.code, officials, False
    owning = repo.unit(checks.unit_code(c.owning_unit_code))
    actual = scope_between(
        UnitPlace(owning.code, owning.agency_code, tuple(owning.ancestors)),
        UnitPlace(official_unit.code, official_unit.agency_code, tuple(official_unit.ancestors)),
    )
    tasked = actual is not scope and directly_tasked(repo, profile, scope, owning, official_unit, officials)
    if actual is not scope and not tasked:
        raise InvalidInput(
            "SCOPE_MISMATCH",
            expected=actual.value,
            owning_code=owning.code,
            official_unit_code=official_unit.code,
            scope=scope.value,
        )
    return owning.code, official_unit.code, officials, tasked


def directly_tasked(
    repo: Repository, profile: Profile, scope: Scope, owning, official_unit, officials
) -> bool:
    """The profile's assignment.direct_tasking: officials of its grades may be tasked along the
    WITHIN_UNIT route by the head of a unit of its positions in their own agency, wherever in the
    agency they are placed."""
    rule = profile.assignment.direct_tasking
    if rule is None or scope is not Scope.WITHIN_UNIT or not officials:
        return False
    if owning.agency_code != official_unit.agency_code or owning.head_position not in rule.by_positions:
        return False
    return all(repo.official(o["nip"]).grade in rule.grades for o in officials)


def _target_agency(repo: Repository, profile: Profile, c: RequestAssignment, designating: Step):
    """The agency named by a request whose officials and unit the target agency's head chooses
    (a route step that `designates_unit`): an agency's own code, and no officials yet."""
    basis = cite(profile, designating.citation)
    if c.official_nips:
        raise InvalidInput("OFFICIALS_CHOSEN_BY_TARGET", field="official_nips", legal_basis=basis)
    if not c.official_unit_code:
        raise InvalidInput("AGENCY_REQUIRED", field="official_unit_code", legal_basis=basis)
    unit = repo.unit(checks.unit_code(c.official_unit_code))
    if not unit.is_agency:
        raise InvalidInput(
            "AGENCY_REQUIRED", case="unit", field="official_unit_code", unit_code=unit.code, legal_basis=basis
        )
    return unit


def _placement(repo: Repository, nip: str) -> dict:
    """The placement of an official placed_officials admitted (so one is there)."""
    placement = repo.official(nip).placement
    assert placement is not None, "placed_officials admits placed officials only"
    return placement


def placed_officials(
    repo: Repository, profile: Profile, nips: list[str], unit_code: str | None, team: bool
) -> list[dict]:
    """Officials of this government, each placed under an appraiser (assignment comes after
    placement: the profile's common.placed_before_assigned), in `unit_code` when given."""
    out = []
    for nip in dict.fromkeys(nips):
        official = repo.official(nip)
        if not official.placement:
            rule = profile.common.placed_before_assigned
            raise InvalidInput(
                "OFFICIAL_NOT_PLACED",
                nip=nip,
                official_name=official.name,
                legal_basis=cite(profile, rule.citation),
            )
        if unit_code and not repo.unit(official.placement["unit_code"]).is_at_or_below(unit_code):
            raise InvalidInput(
                "OFFICIAL_OUTSIDE_UNIT", nip=nip, official_name=official.name, unit_code=unit_code
            )
        out.append({"nip": official.nip, "name": official.name})
    if len(out) > 1 and not team:
        raise InvalidInput("TEAM_REQUIRED")
    return out


def one_appraiser(repo: Repository, profile: Profile, officials: list[dict], roles: list[str]) -> None:
    """A request goes to one appraiser (the profile's common.one_appraiser_per_request):
    officials under different appraisers need one request each where the appraiser takes a step."""
    if "OFFICIAL_APPRAISER" not in roles:
        return
    appraisers = {_placement(repo, o["nip"])["appraiser_nip"] for o in officials}
    if len(appraisers) > 1:
        rule = profile.common.one_appraiser_per_request
        raise InvalidInput(
            "ONE_APPRAISER_PER_REQUEST",
            appraisers=sorted(appraisers),
            legal_basis=cite(profile, rule.citation),
        )


def external_officials(officials: list[dict] | None) -> list[dict]:
    """Officials of another government, as its letter names them (not in this store)."""
    return [
        {"nip": checks.text(o.get("nip"), NIP, "nip"), "name": checks.text(o.get("name"), NAME, "name")}
        for o in officials or []
    ]


def _request_letter(profile: Profile, route, letter: dict | None, start: date, end: date) -> dict | None:
    """Purpose, competencies, expected target and duration (the profile's
    common.request_letter_contents); the duration is the period."""
    if not route.request_letter_required:
        return None
    letter = letter or {}
    fields = {key: f"request letter {key.replace('_', ' ')}" for key in LETTER_CONTENTS}
    basis = cite(profile, profile.common.request_letter_contents.citation)
    for key, field in fields.items():  # a missing content rests on the rule; a malformed one does not
        if not (letter.get(key) or "").strip():
            raise InvalidInput("REQUIRED", field=field, legal_basis=basis)
    out = {key: checks.text(letter.get(key), TEXT, field) for key, field in fields.items()}
    out["duration"] = f"{start.isoformat()}/{end.isoformat()}"
    out["citation"] = cite(profile, route.request_letter_citation)
    return out


def external_decision(
    actor: Principal, step: dict, letter: dict | None, counterpart: dict | None, reason: str | None = None
) -> dict:
    """A decision taken outside this store, recorded by the administrator from its letter
    (docs/adr/0002-cross-institution-steps.md), with the other government where there is one."""
    fields = letter_decision(actor, step["role"], step["citation"], letter, reason)
    if counterpart:
        fields["letter"]["government"] = counterpart["government"]
    return fields


HANDLERS = {RequestAssignment: request_assignment}
