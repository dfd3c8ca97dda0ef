"""Submitting results and reviewing them up the chain the profile gives for the agency's kind,
to completion by the top of the chain, or back for rework."""

from uuid import UUID

from application import checks
from application.checks import parse_id
from application.commands.evaluation import ApproveResults, ReturnResults, SubmitResults
from application.handlers.reporting import leaderless_line
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.evaluation import IN_PROGRESS, Evaluation
from domain.limits import LINE, TEXT
from domain.messages import phrase
from domain.positions import UnitKind
from domain.profile import Profile, cite
from domain.report import SubjectKind
from domain.team import Team


def submit_results(
    c: SubmitResults, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The team leader (for a team) or the assigned official (for individual work) submits."""
    subject_uuid = parse_id(c.subject_id, "subject_id")
    if repo.exists(Evaluation.create_id(str(subject_uuid))):
        evaluation = repo.evaluation(str(subject_uuid))
        evaluation.expect_status(IN_PROGRESS)
    else:
        evaluation = _start(repo, profile, subject_uuid)
    capacity = _submitter_capacity(actor, evaluation, repo, roles, profile)
    evaluation.submit(
        round=evaluation.round + 1,
        summary=checks.text(c.summary, TEXT, "summary"),
        results=[
            {
                "target": (r.get("target") or "").strip(),
                "achieved": checks.text(r.get("achieved"), LINE, "result"),
                "note": (r.get("note") or "").strip(),
            }
            for r in c.results
        ],
        attachments=[a.strip() for a in c.attachments if a.strip()],
        decision=Decision(actor.nip, capacity, cite(profile, evaluation.chain_citation)).as_event_fields(),
    )
    return Decided(evaluation, result=evaluation.subject_id)


def approve_results(
    c: ApproveResults, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The head of the reviewing level accepts; the top of the chain declares complete."""
    evaluation = repo.evaluation(c.subject_id)
    unit_code = evaluation.expect_level(c.level)
    capacity = _reviewer_capacity(actor, evaluation, c.level, roles)
    decision = Decision(actor.nip, capacity, cite(profile, evaluation.chain_citation)).as_event_fields()
    note = (c.note or "").strip() or None
    if c.level == len(evaluation.chain):
        evaluation.declare_complete(level=c.level, unit_code=unit_code, note=note, decision=decision)
    else:
        evaluation.approve_level(level=c.level, unit_code=unit_code, note=note, decision=decision)
    return Decided(evaluation, result=evaluation.subject_id)


def return_results(
    c: ReturnResults, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """Results that miss the target go back for improvement, with notes; the work reopens."""
    evaluation = repo.evaluation(c.subject_id)
    unit_code = evaluation.expect_level(c.level)
    capacity = _reviewer_capacity(actor, evaluation, c.level, roles)
    notes = checks.text(c.notes, TEXT, "notes")
    basis = f"{cite(profile, evaluation.chain_citation)}; {cite(profile, profile.evaluation.rework.citation)}"
    decision = Decision(actor.nip, capacity, basis, reason=notes).as_event_fields()
    evaluation.return_for_rework(level=c.level, unit_code=unit_code, notes=notes, decision=decision)
    return Decided(evaluation, result=evaluation.subject_id)


def _start(repo: Repository, profile: Profile, subject_uuid: UUID) -> Evaluation:
    subject = repo.subject(str(subject_uuid))
    owning = repo.unit(subject.owning_unit)
    agency = repo.unit(owning.agency_code)
    path = [(owning.code, UnitKind(owning.kind))]
    for code in reversed(owning.ancestors):
        path.append((code, UnitKind(repo.unit(code).kind)))
    chain_rule = profile.evaluation.chain_for(UnitKind(agency.kind), [kind for _, kind in path])
    if chain_rule is None:
        raise InvalidInput("NO_EVALUATION_CHAIN", agency_kind=agency.kind)
    kinds = dict(path)
    chain = [{"unit_code": code, "unit_kind": kinds[code].value} for code in chain_rule.resolve(path)]
    team = isinstance(subject, Team)
    kind = SubjectKind.TEAM if team else SubjectKind.ASSIGNMENT
    return Evaluation(
        subject_id=str(subject_uuid),
        subject_kind=kind.value,
        title=subject.name if isinstance(subject, Team) else subject.work,
        unit_code=owning.code,
        agency_kind=agency.kind,
        chain=chain,
        chain_citation=chain_rule.citation,
    )


def _submitter_capacity(
    actor: Principal, evaluation: Evaluation, repo: Repository, roles: Roles, profile: Profile
) -> Capacity:
    subject = repo.subject(evaluation.subject_id)
    if isinstance(subject, Team):
        if actor.nip == subject.leader_nip:
            return Capacity(kind="POSITION", unit_code=subject.owning_unit, position="TEAM_LEADER")
        if subject.leader_nip is None and leaderless_line(profile) and actor.nip in subject.members:
            return Capacity(kind="SELF")  # a team without a leader submits through its members
        holders = roles.person(subject.leader_nip, "TEAM_LEADER")
    else:
        if actor.nip in {o["nip"] for o in subject.officials}:
            return Capacity(kind="SELF")
        holders = [h for o in subject.officials for h in roles.person(o["nip"], "OFFICIAL")]
    who = ", ".join(f"{h.name} (NIP {h.nip})" for h in holders)
    raise Forbidden(
        "NOT_YOUR_STEP",
        case="submits_results",
        who=who or phrase("nobody_yet"),
        holders=[{"nip": h.nip, "name": h.name} for h in holders],
    )


def _reviewer_capacity(actor: Principal, evaluation: Evaluation, level: int, roles: Roles) -> Capacity:
    unit_code = evaluation.chain[level - 1]["unit_code"]
    action = phrase("review_level", level=level, levels=len(evaluation.chain), unit=unit_code)
    return roles.acting_capacity(actor.nip, roles.head_of_unit(unit_code), action)


HANDLERS = {SubmitResults: submit_results, ApproveResults: approve_results, ReturnResults: return_results}
