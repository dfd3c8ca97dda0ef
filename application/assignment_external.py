"""Steps taken outside this tenant's store of officials, recorded by the administrator from the
letter that carries them (docs/adr/0002-cross-institution-steps.md): the other government's
steps of a cross-institution request, and the PPK's (the Bupati / Wali Kota has no NIP) when
no holder is designated. Also the configuration of offices the organisation tree cannot tell.
"""

from application.app import BaseApp
from application import checks
from application.assignment_request import external_decision
from application.checks import require_admin
from application.principal import Principal
from domain.assignment import Assignment, GovernmentOffices
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.messages import role_words
from domain.limits import LINE, NAME, NIP, REFERENCE, TEXT
from domain.profile import Action, Role
from domain.routes import is_other_government


class ExternalStepCommands(BaseApp):
    def record_external_step(
        self, actor: Principal, assignment_id: str, *, step: int, approved: bool, letter: dict,
        reason: str | None = None, officials: list[dict] | None = None, letter_number: str | None = None,
    ) -> Assignment:
        require_admin(actor, "record_letter_decisions")
        a: Assignment = self.repo.assignment(assignment_id)  # type: ignore[attr-defined]
        spec = a.expect_step(step)
        role = spec["role"]
        if not (is_other_government(role, a.tenant_side) or (role == Role.PPK.value and not self.roles.holders(a, role))):
            raise Forbidden("NOT_AN_EXTERNAL_STEP", step=step, role=role, role_name=role_words(role))
        if not approved:
            reason = checks.text(reason, TEXT, "reason")
            a.reject(step=step, role=role, action=spec["action"],
                     decision=external_decision(actor, spec, letter, a.counterpart, reason))
            self.save_decision(a)
            return a
        decision = self.roles.with_copies(external_decision(actor, spec, letter, a.counterpart), a, spec)
        action = spec["action"]
        if action == Action.NAME_OFFICIALS.value:
            named = [{"nip": checks.text(o.get("nip"), NIP, "nip"), "name": checks.text(o.get("name"), NAME, "name")}
                     for o in officials or []]
            if not named:
                raise InvalidInput("OFFICIALS_REQUIRED", case="letter", field="officials")
            a.name_officials(step=step, role=role, officials=named, decision=decision)
        elif action in (Action.ISSUE_LETTER.value, Action.FIX.value):
            a.issue_letter(step=step, role=role, action=action,
                           number=checks.text(letter_number or letter.get("reference"), REFERENCE, "letter number"),
                           issued_on=decision["letter"]["date"], copies=self.roles.copies_to(a, a.letter_rule.get("copies", [])),
                           decision=decision)
        elif action == Action.ACCEPT.value:
            for official in a.officials:
                if official["nip"] not in a.accepted:
                    a.accept(step=step, nip=official["nip"], decision=decision)
        else:
            a.approve(step=step, role=role, action=action, decision=decision)
        self.save_decision(a)
        return a

    def configure_offices(
        self, actor: Principal, *, legal_basis: str, setda_code: str | None = None,
        personnel_agency_code: str | None = None, pyb_nip: str | None = None, ppk_nip: str | None = None,
    ) -> GovernmentOffices:
        require_admin(actor, "configure_offices")
        basis = checks.text(legal_basis, LINE, "legal basis")
        decision = Decision(actor.nip, Capacity(kind="ADMIN"), basis).as_event_fields()
        setda = self.repo.unit(checks.unit_code(setda_code)).code if setda_code else None
        if setda and self.repo.unit(setda).kind != "SETDA":
            raise InvalidInput("NOT_A_SETDA", field="setda_code", setda=setda)
        personnel = self.repo.unit(checks.unit_code(personnel_agency_code)).code if personnel_agency_code else None
        for nip, field in ((pyb_nip, "pyb nip"), (ppk_nip, "ppk nip")):
            if nip is not None:  # given: a registered official ("" is no one, and refused)
                self.repo.official(checks.text(nip, NIP, field))
        offices = self.repo.offices() or GovernmentOffices(decision=decision)
        offices.change(setda_code=setda, personnel_agency_code=personnel, pyb_nip=pyb_nip, ppk_nip=ppk_nip,
                       decision=decision)
        self.save_decision(offices)
        return offices

