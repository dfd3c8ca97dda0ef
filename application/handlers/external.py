"""Steps taken outside this tenant's store of officials, recorded by the administrator from the
letter that carries them (docs/adr/0002-cross-institution-steps.md): the other government's
steps of a cross-institution request, and the PPK's (the Bupati / Wali Kota has no NIP:
docs/adr/0008-the-ppk-has-no-nip.md). Also the configuration of offices the organisation tree cannot tell.
"""

from application import checks
from application.checks import require_admin
from application.commands.assignments import ConfigureOffices, RecordExternalStep
from application.handlers.assignment_request import external_decision, external_officials, taken_elsewhere
from application.handlers.assignments import refusable
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles
from domain.assignment import OFFICES_ID, GovernmentOffices
from domain.crossing import letter_rule
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import LINE, NAME, NIP, REFERENCE, TEXT, TITLE
from domain.messages import role_words
from domain.profile import Action, Profile, Role
from domain.routes import is_other_government


def record_external_step(
    c: RecordExternalStep, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    require_admin(actor, "record_letter_decisions")
    a = repo.assignment(c.assignment_id)
    spec = a.expect_step(c.step)
    role, step = spec["role"], c.step
    if not (is_other_government(role, a.tenant_side) or role == Role.PPK.value):
        raise Forbidden("NOT_AN_EXTERNAL_STEP", step=step, role=role, role_name=role_words(role))
    if a.other_tenant and is_other_government(role, a.tenant_side):  # arrives as their event
        raise taken_elsewhere(step, role, a.counterpart or {})
    if not c.approved:
        refusable(profile, spec, step)
        reason = checks.text(c.reason, TEXT, "reason")
        a.reject(
            step=step,
            role=role,
            action=spec["action"],
            decision=external_decision(actor, spec, c.letter, a.counterpart, reason),
        )
        return Decided(a, result=str(a.id))
    decision = roles.with_copies(external_decision(actor, spec, c.letter, a.counterpart), a, spec)
    action = spec["action"]
    if action == Action.NAME_OFFICIALS.value:
        named = external_officials(c.officials)
        if not named:
            raise InvalidInput("OFFICIALS_REQUIRED", case="letter", field="officials")
        a.name_officials(step=step, role=role, officials=named, decision=decision)
    elif action in (Action.ISSUE_LETTER.value, Action.FIX.value):
        number = checks.text(c.letter_number or c.letter.get("reference"), REFERENCE, "letter number")
        rule = letter_rule(a.steps, a.letter_rule, step)
        decision["letter_basis"] = rule["citation"]  # as a letter issued in person records it
        a.issue_letter(
            step=step,
            role=role,
            action=action,
            number=number,
            issued_on=decision["letter"]["date"],  # the letter's own date
            copies=roles.copies_to(a, rule.get("copies", [])),
            decision=decision,
        )
    elif action == Action.ACCEPT.value:
        for official in a.officials:
            if official["nip"] not in a.accepted:
                a.accept(step=step, nip=official["nip"], decision=decision)
    else:
        a.approve(step=step, role=role, action=action, decision=decision)
    return Decided(a, result=str(a.id))


def configure_offices(c: ConfigureOffices, actor: Principal, repo: Repository) -> Decided:
    require_admin(actor, "configure_offices")
    basis = checks.text(c.legal_basis, LINE, "legal basis")
    decision = Decision(actor.nip, Capacity(kind="ADMIN"), basis).as_event_fields()
    setda = repo.unit(checks.unit_code(c.setda_code)).code if c.setda_code else None
    if setda and repo.unit(setda).kind != "SETDA":
        raise InvalidInput("NOT_A_SETDA", field="setda_code", setda=setda)
    personnel = repo.unit(checks.unit_code(c.personnel_agency_code)).code if c.personnel_agency_code else None
    if c.pyb_nip is not None:  # given: a registered official ("" is no one, and refused)
        repo.official(checks.text(c.pyb_nip, NIP, "pyb nip"))
    offices = repo.offices() or GovernmentOffices(decision=decision)
    offices.change(
        setda_code=setda,
        personnel_agency_code=personnel,
        pyb_nip=c.pyb_nip,
        ppk_name=checks.optional_text(c.ppk_name, NAME, "ppk name"),
        ppk_office=checks.optional_text(c.ppk_office, TITLE, "ppk office"),
        decision=decision,
    )
    return Decided(offices, result=str(OFFICES_ID))


HANDLERS = {RecordExternalStep: record_external_step, ConfigureOffices: configure_offices}
