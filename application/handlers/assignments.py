"""Taking each step of an assignment's route, withdrawing a request, ending an assignment.

Each step handler loads the request, checks that the step is the open one and that it fits the
step's action, resolves who may take it now (application.roles), and records one event carrying
the decision (actor, capacity, the step's article, the reason of a refusal).
"""

from datetime import date

from application import checks
from application.checks import require_admin
from application.commands.assignments import (
    AcceptAssignment,
    ApproveStep,
    DesignateUnit,
    EndAssignment,
    IssueLetter,
    NameOfficials,
    RejectStep,
    WithdrawAssignment,
)
from application.handlers import assignment_copies
from application.handlers.assignment_request import one_appraiser, placed_officials, taken_elsewhere
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles, not_your_step
from domain.assignment import Assignment
from domain.assignment_lifecycle import OPEN, PENDING
from domain.crossing import letter_rule
from domain.decision import Capacity, Decision
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.limits import DONE, TEXT
from domain.messages import role_words
from domain.profile import Action, Profile, cite
from domain.routes import is_other_government, letter_number

APPROVING = {Action.APPROVE.value, Action.RECOMMEND.value, Action.PROPOSE.value}
DESIGNATE = Action.APPROVE.value  # an APPROVE step that `designates_unit` is taken by designateUnit
LETTER = {Action.ISSUE_LETTER.value, Action.FIX.value}
COMMAND_FOR = {
    **{a: "approveStep" for a in APPROVING},
    **{a: "issueLetter" for a in LETTER},
    Action.NAME_OFFICIALS.value: "nameOfficials",
    Action.ACCEPT.value: "acceptAssignment",
}


def _open_step(
    roles: Roles, actor: Principal, a: Assignment, step: int, action: str | set[str], on: date
) -> tuple[dict, Capacity]:
    """The step to take, its decision's capacity; refuses a wrong action or actor."""
    spec = a.expect_step(step)
    capacity = roles.capacity_for(actor.nip, a, step, spec["role"], on)  # whose step, first
    wanted = action if isinstance(action, set) else {action}
    # A step that designates a unit is taken by designate_unit only (wanted is then {DESIGNATE}).
    designating = bool(spec.get("designates_unit"))
    if spec["action"] not in wanted or designating != (wanted == {DESIGNATE}):
        raise InvalidInput(
            "WRONG_ACTION",
            step=step,
            action=spec["action"],
            role_name=role_words(spec["role"]),
            command="designateUnit" if designating else COMMAND_FOR[spec["action"]],
        )
    return spec, capacity


def _step_decision(
    roles: Roles, repo: Repository, actor: Principal, capacity: Capacity, a: Assignment, spec: dict
) -> dict:
    """The step's decision under its article, with the copies it sends ("dengan tembusan")."""
    decision = Decision(actor.nip, capacity, spec["citation"]).as_event_fields()
    return assignment_copies.with_copies(roles, repo, decision, a, spec)


def approve_step(c: ApproveStep, actor: Principal, repo: Repository, roles: Roles) -> Decided:
    a = repo.assignment(c.assignment_id)
    spec, capacity = _open_step(roles, actor, a, c.step, APPROVING, c.on or date.today())
    a.approve(
        step=c.step,
        role=spec["role"],
        action=spec["action"],
        decision=_step_decision(roles, repo, actor, capacity, a, spec),
    )
    return Decided(a, result=str(a.id))


def designate_unit(c: DesignateUnit, actor: Principal, repo: Repository, roles: Roles) -> Decided:
    """The official's agency head agrees and instructs the appraiser of the unit he chooses in his
    agency (the request named the agency only); that unit's appraiser names the officials."""
    a = repo.assignment(c.assignment_id)
    spec, capacity = _open_step(roles, actor, a, c.step, {DESIGNATE}, c.on or date.today())
    unit = repo.unit(checks.unit_code(c.unit_code))
    agency = repo.unit(a.official_unit).agency_code
    if unit.agency_code != agency:
        raise InvalidInput(
            "UNIT_OUTSIDE_AGENCY", unit_code=unit.code, agency_code=agency, legal_basis=spec["citation"]
        )
    a.approve(
        step=c.step,
        role=spec["role"],
        action=spec["action"],
        decision=_step_decision(roles, repo, actor, capacity, a, spec),
        official_unit=unit.code,
    )
    return Decided(a, result=str(a.id))


def refusable(profile: Profile, spec: dict, step: int) -> None:
    """A step the profile makes a duty (the official's acceptance) cannot be refused."""
    duty = profile.common.acceptance_is_a_duty
    if spec["action"] == Action.ACCEPT.value and duty is not None:
        raise InvalidInput(
            "ACCEPTANCE_IS_A_DUTY", step=step, legal_basis=[cite(profile, duty.citation), spec["citation"]]
        )


def reject_step(c: RejectStep, actor: Principal, repo: Repository, roles: Roles, profile: Profile) -> Decided:
    a = repo.assignment(c.assignment_id)
    spec = a.expect_step(c.step)
    refusable(profile, spec, c.step)
    reason = checks.text(c.reason, TEXT, "reason")  # a refusal always says why (all five regulations)
    role, capacity = _refuser(roles, actor, a, c.step, spec, c.on or date.today())
    a.reject(
        step=c.step,
        role=role,
        action=spec["action"],
        decision=Decision(actor.nip, capacity, spec["citation"], reason=reason).as_event_fields(),
    )
    return Decided(a, result=str(a.id))


def _refuser(
    roles: Roles, actor: Principal, a: Assignment, step: int, spec: dict, on: date
) -> tuple[str, Capacity]:
    """Who refuses at this step and in which capacity: the step's holder, or whom the profile's
    `refused_by` gives the refusal (the event names that role)."""
    refusing = spec.get("refused_by") or [spec["role"]]
    for role in refusing:
        capacity = roles.capacity_of(actor.nip, roles.holders(a, role), on)
        if capacity is not None:
            return role, capacity
    first = refusing[0]
    raise not_your_step(step, first, roles.holders(a, first), a.tenant_side, native=bool(a.other_tenant))


def name_officials(
    c: NameOfficials, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    a = repo.assignment(c.assignment_id)
    spec, capacity = _open_step(roles, actor, a, c.step, Action.NAME_OFFICIALS.value, c.on or date.today())
    if not c.nips:  # nobody available: the answer is a reasoned refusal, not an empty list
        raise InvalidInput("NONE_AVAILABLE", step=c.step, legal_basis=spec["citation"])
    officials = placed_officials(repo, profile, c.nips, a.official_unit, a.team)
    one_appraiser(repo, profile, officials, [s["role"] for s in a.steps[c.step :]])
    a.name_officials(
        step=c.step,
        role=spec["role"],
        officials=officials,
        decision=_step_decision(roles, repo, actor, capacity, a, spec),
    )
    return Decided(a, result=str(a.id))


def issue_letter(
    c: IssueLetter, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    on = c.on or date.today()
    a = repo.assignment(c.assignment_id)
    spec, capacity = _open_step(roles, actor, a, c.step, LETTER, on)
    if not a.officials:
        raise InvalidInput("NO_OFFICIALS_NAMED")
    unit = capacity.unit_code or a.owning_unit
    register = repo.letter_register(unit, on.year)
    seq = register.last + 1
    register.number(seq=seq, assignment_id=str(a.id))
    number = letter_number(profile.letter_number_template, seq=seq, unit=unit, on=on)
    decision = Decision(actor.nip, capacity, spec["citation"]).as_event_fields()
    rule = letter_rule(a.steps, a.letter_rule, c.step)  # a native route's earlier letter: its own rule
    decision["letter_basis"] = rule["citation"]
    a.issue_letter(
        step=c.step,
        role=spec["role"],
        action=spec["action"],
        number=number,
        issued_on=on.isoformat(),
        copies=assignment_copies.copies_to(roles, repo, a, rule.get("copies", [])),
        decision=decision,
    )
    return Decided(a, register, result=str(a.id))


def accept_assignment(c: AcceptAssignment, actor: Principal, repo: Repository, roles: Roles) -> Decided:
    a = repo.assignment(c.assignment_id)
    spec, capacity = _open_step(roles, actor, a, c.step, Action.ACCEPT.value, c.on or date.today())
    if actor.nip in a.accepted:
        raise Conflict("ALREADY_ACCEPTED")
    a.accept(
        step=c.step, nip=actor.nip, decision=Decision(actor.nip, capacity, spec["citation"]).as_event_fields()
    )
    return Decided(a, result=str(a.id))


def withdraw_assignment(c: WithdrawAssignment, actor: Principal, repo: Repository) -> Decided:
    a = repo.assignment(c.assignment_id)
    first = a.steps[0]["role"]
    if a.other_tenant and is_other_government(first, a.tenant_side):  # requested there, withdrawn there
        raise taken_elsewhere(1, first, a.counterpart or {})
    if actor.nip != a.requester_nip:
        raise Forbidden("NOT_THE_REQUESTER", requester_nip=a.requester_nip)
    if a.status != PENDING:
        raise Conflict("CANNOT_WITHDRAW", status=a.status)
    a.withdraw(
        decision=Decision(
            actor.nip, Capacity(kind="SELF"), a.route_citation, reason=checks.text(c.reason, TEXT, "reason")
        ).as_event_fields()
    )
    return Decided(a, result=str(a.id))


def end_assignment(c: EndAssignment, actor: Principal, repo: Repository) -> Decided:
    """Close an assignment whose period has run out (run daily by the administrator's job)."""
    require_admin(actor, "end_assignments")
    checks.day(c.on, DONE, "on")
    a = repo.assignment(c.assignment_id)
    if a.status not in OPEN or a.status == PENDING or c.on.isoformat() <= a.period_end:
        raise Conflict("NOT_EXPIRED", status=a.status, period_end=a.period_end)
    a.end(
        on=c.on.isoformat(),
        decision=Decision(
            actor.nip, Capacity(kind="ADMIN"), a.route_citation, effective_date=a.period_end
        ).as_event_fields(),
    )
    return Decided(a, result=str(a.id))


HANDLERS = {
    ApproveStep: approve_step,
    DesignateUnit: designate_unit,
    RejectStep: reject_step,
    NameOfficials: name_officials,
    IssueLetter: issue_letter,
    AcceptAssignment: accept_assignment,
    WithdrawAssignment: withdraw_assignment,
    EndAssignment: end_assignment,
}
