"""Raising problems and obstacles with alternative recommendations, and each addressed head's
decision on them (with its reason)."""

from collections.abc import Sequence

from application import checks
from application.commands.reporting import DecideEscalation, RaiseEscalation
from application.handlers.reporting import work_of
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles
from domain.assignment import Assignment
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.escalation import Escalation
from domain.limits import TEXT
from domain.messages import phrase
from domain.profile import Profile, Role, cite
from domain.report import SubjectKind
from domain.team import Team


def _raised(escalation: Escalation) -> dict:
    """What the caller reads back: the escalation, found among its subject's."""
    return {"escalation_id": str(escalation.id), "subject_id": escalation.subject_id}


def _addressed(to: Sequence[Role], subject: Team | Assignment, raiser_nip: str, roles: Roles) -> list[dict]:
    """Every role of the rule ("Pejabat Penilai Kinerja dan/atau Pimpinan Unit Organisasi"), each
    by the unit its holder heads (an appraiser heads one: placement requires it); a head reached
    through two roles is addressed once, under the first. The owning unit is addressed even while
    its head's seat is vacant (whoever acts for it decides)."""
    out: list[dict] = []
    work = work_of(subject, raiser_nip)
    for role in to:
        if role is Role.OWNING_UNIT_HEAD:
            units = [subject.owning_unit]
        else:
            holders = roles.role_holders(role.value, work)
            units = [h.capacity.unit_code for h in holders if h.capacity.unit_code]
        for code in units:
            if code not in {a["unit_code"] for a in out}:
                out.append({"unit_code": code, "role": role.value})
    return out


def raise_escalation(
    c: RaiseEscalation, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """To every role the profile names (the owning unit head, and where the text says so the
    raiser's appraiser); where other units (or agencies) are concerned, to each head."""
    subject = repo.subject(c.subject_id)
    if isinstance(subject, Team):
        subject.expect_active()
        allowed = {subject.leader_nip, *subject.members}
    else:
        allowed = {o["nip"] for o in subject.officials}
    if actor.nip not in allowed:
        raise Forbidden("NOT_YOUR_WORK")
    options = [a.strip() for a in c.alternatives if a and a.strip()]
    if not options:
        raise InvalidInput("ALTERNATIVES_REQUIRED", field="alternatives")
    rule = profile.escalation
    addressees = _addressed(rule.to, subject, actor.nip, roles)
    for code in c.other_units:
        unit = repo.unit(checks.unit_code(code))
        if unit.code not in {a["unit_code"] for a in addressees}:
            addressees.append({"unit_code": unit.code, "role": rule.several_units.value})
    capacity = (
        Capacity(kind="POSITION", unit_code=subject.owning_unit, position="TEAM_LEADER")
        if isinstance(subject, Team) and actor.nip == subject.leader_nip
        else Capacity(kind="SELF")
    )
    escalation = Escalation(
        subject_id=str(subject.id),
        subject_kind=(SubjectKind.TEAM if isinstance(subject, Team) else SubjectKind.ASSIGNMENT).value,
        unit_code=subject.owning_unit,
        problems=checks.text(c.problems, TEXT, "problems"),
        alternatives=[{"code": f"A{i}", "text": t} for i, t in enumerate(options, 1)],
        addressees=addressees,
        decision=Decision(actor.nip, capacity, cite(profile, rule.citation)).as_event_fields(),
    )
    return Decided(escalation, result=_raised(escalation))


def decide_escalation(
    c: DecideEscalation, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    escalation = repo.escalation(c.escalation_id)
    code = checks.unit_code(c.unit_code)
    escalation.expect_pending(code)
    if c.choice and c.choice not in {a["code"] for a in escalation.alternatives}:
        raise InvalidInput("UNKNOWN_ALTERNATIVE", field="choice", choice=c.choice)
    capacity = roles.acting_capacity(
        actor.nip, roles.head_of_unit(code), phrase("decide_escalation", unit=code)
    )
    escalation.decide(
        unit_code=code,
        choice=c.choice,
        text=checks.text(c.decision, TEXT, "decision"),
        decision=Decision(
            actor.nip,
            capacity,
            cite(profile, profile.escalation.citation),
            reason=checks.text(c.reason, TEXT, "reason"),
        ).as_event_fields(),
    )
    return Decided(escalation, result=_raised(escalation))


HANDLERS = {RaiseEscalation: raise_escalation, DecideEscalation: decide_escalation}
