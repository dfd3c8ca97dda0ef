"""Commands on assignments: request, take each step of the route, withdraw, end.

Each step command loads the request, checks that the step is the open one and that it fits the
step's action, resolves who may take it now (application.roles), and saves one event carrying
the decision (actor, capacity, the step's article, the reason of a refusal).
"""

from datetime import date

from application import checks
from application.app import BaseApp
from application.assignment_external import ExternalStepCommands
from application.assignment_request import RequestCommands
from application.checks import require_admin
from application.principal import Principal
from domain.assignment import Assignment, LetterRegister
from domain.assignment_lifecycle import OPEN, PENDING
from domain.decision import Capacity, Decision
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.messages import role_words
from domain.limits import DONE, TEXT
from domain.profile import Action
from domain.routes import letter_number

APPROVING = {Action.APPROVE.value, Action.RECOMMEND.value, Action.PROPOSE.value}
LETTER = {Action.ISSUE_LETTER.value, Action.FIX.value}
COMMAND_FOR = {**{a: "approveStep" for a in APPROVING}, **{a: "issueLetter" for a in LETTER},
               Action.NAME_OFFICIALS.value: "nameOfficials", Action.ACCEPT.value: "acceptAssignment"}


class AssignmentCommands(ExternalStepCommands, RequestCommands, BaseApp):
    def _open_step(self, actor: Principal, a: Assignment, step: int, action: str | set[str], on: date):
        """The step to take, its decision's capacity; refuses a wrong action or actor."""
        spec = a.expect_step(step)
        capacity = self.roles.capacity_for(actor.nip, a, step, spec["role"], on)  # whose step, first
        wanted = action if isinstance(action, set) else {action}
        if spec["action"] not in wanted:
            raise InvalidInput("WRONG_ACTION", step=step, action=spec["action"],
                               role_name=role_words(spec["role"]), command=COMMAND_FOR[spec["action"]])
        return spec, capacity

    def approve_step(self, actor: Principal, assignment_id: str, *, step: int, on: date | None = None) -> Assignment:
        a = self.repo.assignment(assignment_id)
        spec, capacity = self._open_step(actor, a, step, APPROVING, on or date.today())
        a.approve(step=step, role=spec["role"], action=spec["action"],
                  decision=self.roles.with_copies(Decision(actor.nip, capacity, spec["citation"]).as_event_fields(), a, spec))
        self.save_decision(a)
        return a

    def reject_step(self, actor: Principal, assignment_id: str, *, step: int, reason: str,
                    on: date | None = None) -> Assignment:
        a = self.repo.assignment(assignment_id)
        spec = a.expect_step(step)
        reason = checks.text(reason, TEXT, "reason")  # a refusal always says why (all five regulations)
        capacity = self.roles.capacity_for(actor.nip, a, step, spec["role"], on or date.today())
        a.reject(step=step, role=spec["role"], action=spec["action"],
                 decision=Decision(actor.nip, capacity, spec["citation"], reason=reason).as_event_fields())
        self.save_decision(a)
        return a

    def name_officials(self, actor: Principal, assignment_id: str, *, step: int, nips: list[str],
                       on: date | None = None) -> Assignment:
        a = self.repo.assignment(assignment_id)
        spec, capacity = self._open_step(actor, a, step, Action.NAME_OFFICIALS.value, on or date.today())
        officials = self.placed_officials(nips, a.official_unit, a.team)
        self.one_appraiser(officials, [s["role"] for s in a.steps[step:]])
        a.name_officials(step=step, role=spec["role"], officials=officials,
                         decision=self.roles.with_copies(Decision(actor.nip, capacity, spec["citation"]).as_event_fields(), a, spec))
        self.save_decision(a)
        return a

    def issue_letter(self, actor: Principal, assignment_id: str, *, step: int, on: date | None = None) -> Assignment:
        on = on or date.today()
        a = self.repo.assignment(assignment_id)
        spec, capacity = self._open_step(actor, a, step, LETTER, on)
        self._require_officials(a)
        unit = capacity.unit_code or a.owning_unit
        register = self._register(unit, on.year)
        seq = register.last + 1
        register.number(seq=seq, assignment_id=str(a.id))
        number = letter_number(self.profile.letter_number_template, seq=seq, unit=unit, on=on)
        decision = Decision(actor.nip, capacity, spec["citation"]).as_event_fields()
        decision["letter_basis"] = a.letter_rule["citation"]
        a.issue_letter(step=step, role=spec["role"], action=spec["action"], number=number,
                       issued_on=on.isoformat(), copies=self.roles.copies_to(a, a.letter_rule.get("copies", [])), decision=decision)
        self.save_decision(a, register)
        return a

    def accept_assignment(self, actor: Principal, assignment_id: str, *, step: int,
                          on: date | None = None) -> Assignment:
        a = self.repo.assignment(assignment_id)
        spec, capacity = self._open_step(actor, a, step, Action.ACCEPT.value, on or date.today())
        if actor.nip in a.accepted:
            raise Conflict("ALREADY_ACCEPTED")
        a.accept(step=step, nip=actor.nip, decision=Decision(actor.nip, capacity, spec["citation"]).as_event_fields())
        self.save_decision(a)
        return a

    def withdraw_assignment(self, actor: Principal, assignment_id: str, *, reason: str) -> Assignment:
        a = self.repo.assignment(assignment_id)
        if actor.nip != a.requester_nip:
            raise Forbidden("NOT_THE_REQUESTER", requester_nip=a.requester_nip)
        if a.status != PENDING:
            raise Conflict("CANNOT_WITHDRAW", status=a.status)
        a.withdraw(decision=Decision(actor.nip, Capacity(kind="SELF"), a.route_citation,
                                     reason=checks.text(reason, TEXT, "reason")).as_event_fields())
        self.save_decision(a)
        return a

    def end_assignment(self, actor: Principal, assignment_id: str, *, on: date) -> Assignment:
        """Close an assignment whose period has run out (run daily by the administrator's job)."""
        require_admin(actor, "end_assignments")
        checks.day(on, DONE, "on")
        a = self.repo.assignment(assignment_id)
        if a.status not in OPEN or a.status == PENDING or on.isoformat() <= a.period_end:
            raise Conflict("NOT_EXPIRED", status=a.status, period_end=a.period_end)
        a.end(on=on.isoformat(), decision=Decision(actor.nip, Capacity(kind="ADMIN"), a.route_citation,
                                                   effective_date=a.period_end).as_event_fields())
        self.save_decision(a)
        return a

    def _register(self, unit: str, year: int) -> LetterRegister:
        register_id = LetterRegister.create_id(unit, year)
        return self.repository.get(register_id) if self.repo.exists(register_id) else LetterRegister(unit, year)

    def _require_officials(self, a: Assignment) -> None:
        if not a.officials:
            raise InvalidInput("NO_OFFICIALS_NAMED")
