"""Performance management: the dialogue's agreed expectations (recorded by the counterpart the
profile names, agreed by the official), the leader's work breakdown, each member's individual
plan, and feedback from those the profile names. Who acts is resolved through `roles`, as for
every decision; every event carries actor, capacity and the profile's article."""

from datetime import date
from typing import Any

from application import checks
from application.commands.performance import (
    AgreeExpectations,
    GiveFeedback,
    RecordExpectations,
    RecordIndividualPlan,
    RecordWorkBreakdown,
)
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Holder, Roles, Work
from domain import limits
from domain.assignment import Assignment
from domain.assignment_lifecycle import ACTIVE, FIXED
from domain.decision import Capacity, Decision
from domain.errors import Conflict, InvalidInput, NotFound
from domain.limits import LINE, TEXT
from domain.messages import phrase, roles_words
from domain.performance import Expectation, Feedback, IndividualPlan, WorkBreakdown
from domain.profile import CitedRoles, Profile, cite
from domain.report import SubjectKind
from domain.team import Team

TEAM, ASSIGNMENT = SubjectKind.TEAM.value, SubjectKind.ASSIGNMENT.value


def _work(repo: Repository, subject_id: str, nip: str) -> tuple[Team | Assignment, Work]:
    """The work `nip` does: a team they are a member of, or a fixed individual assignment of theirs."""
    subject = repo.subject(subject_id)
    if isinstance(subject, Team):
        subject.expect_active()
        if nip != subject.leader_nip:  # the leader's own work on the team is managed too
            subject.expect_member(nip)
        return subject, Work(subject.owning_unit, nip, subject.leader_nip, subject.formed_by_nip)
    if subject.team:  # team work is managed on its team
        raise InvalidInput("TEAM_WORK_ON_ITS_TEAM", field="subject_id")
    if subject.status not in (FIXED, ACTIVE):
        raise Conflict("ASSIGNMENT_NOT_FIXED", status=subject.status)
    if nip not in {o["nip"] for o in subject.officials}:
        raise InvalidInput("NOT_ON_THIS_ASSIGNMENT", field="nip", nip=nip)
    issuer = (subject.letter or {}).get("issuer_nip")
    return subject, Work(subject.owning_unit, nip, None, issuer)


def _acting(roles: Roles, actor: Principal, rule: CitedRoles, work: Work, action: str) -> Capacity:
    # Nobody is their own counterpart or gives feedback to themself (a leader, for his own work).
    holders: list[Holder] = [
        h for r in rule.roles for h in roles.role_holders(r.value, work) if h.nip != work.official_nip
    ]
    return roles.acting_capacity(actor.nip, holders, phrase(action, roles=roles_words(rule.roles)))


def _items(items: list[dict], fields: dict[str, bool], name: str) -> list[dict]:
    """Each item's fields as one-line texts (required ones non-empty); at least one item."""
    if not items:
        raise InvalidInput("NO_ITEMS", field=name)
    limits.items(items, name)
    return [
        {
            f: checks.text(i.get(f), LINE, f)
            if required
            else (checks.optional_text(i.get(f), LINE, f) or None)
            for f, required in fields.items()
        }
        for i in items
    ]


def record_expectations(
    c: RecordExpectations, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    subject, work = _work(repo, c.subject_id, c.nip)
    team = isinstance(subject, Team)
    dialogue = profile.performance.dialogue
    rule = dialogue.team_with if team else dialogue.individual_with
    capacity = _acting(roles, actor, rule, work, "record_expectations")
    results = _items(c.results, {"rhk": True, "indicator": True, "target": True}, "results")
    text = checks.text(c.expectations, TEXT, "expectations") if c.expectations.strip() else ""
    start, end = subject.period_start, subject.period_end
    decision = Decision(actor.nip, capacity, cite(profile, rule.citation), effective_date=start)
    fields: dict[str, Any] = dict(
        counterpart_nip=actor.nip,
        results=results,
        expectations=text,
        period_start=start,
        period_end=end,
        decision=decision.as_event_fields(),
    )
    eid = Expectation.create_id(str(subject.id), c.nip)
    if repo.exists(eid):
        expectation = repo.get(Expectation, eid, lambda: NotFound("EXPECTATIONS_NOT_FOUND"))
        expectation.revise(**fields)
    else:
        expectation = Expectation(
            subject_id=str(subject.id),
            nip=c.nip,
            subject_kind=TEAM if team else ASSIGNMENT,
            team_id=str(subject.id) if team else None,
            unit_code=subject.owning_unit,
            **fields,
        )
    result = {"expectation_id": str(expectation.id), "revision": expectation.revision}
    return Decided(expectation, result=result)


def agree_expectations(
    c: AgreeExpectations, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The official agrees to the latest record of their own dialogue."""
    eid = Expectation.create_id(str(checks.parse_id(c.subject_id, "subject_id")), actor.nip)
    expectation = repo.get(
        Expectation, eid, lambda: NotFound("EXPECTATIONS_NOT_FOUND", subject_id=c.subject_id, nip=actor.nip)
    )
    expectation.expect_unagreed()
    rule = profile.performance.dialogue.agreed_by_official
    decision = Decision(
        actor.nip,
        Capacity(kind="SELF"),
        cite(profile, rule.citation),
        effective_date=date.today().isoformat(),
    )
    expectation.agree(revision=expectation.revision, decision=decision.as_event_fields())
    result = {"expectation_id": str(expectation.id), "revision": expectation.revision}
    return Decided(expectation, result=result)


def _leaders_team(repo: Repository, team_id: str) -> Team:
    team = repo.team(team_id)
    team.expect_active()
    return team


def record_work_breakdown(
    c: RecordWorkBreakdown, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The leader's rincian pelaksanaan kegiatan: activities, their targets, who does each."""
    team = _leaders_team(repo, c.team_id)
    holders = roles.role_holders("TEAM_LEADER", Work(team.owning_unit, None, team.leader_nip))
    capacity = roles.acting_capacity(actor.nip, holders, phrase("record_work_breakdown"))
    items = _items(c.items, {"activity": True, "target": False, "member_nip": False}, "items")
    for item in items:
        if item["member_nip"]:
            team.expect_member(item["member_nip"])
    decision = Decision(actor.nip, capacity, cite(profile, profile.performance.work_breakdown.citation))
    wid = WorkBreakdown.create_id(str(team.id))
    if repo.exists(wid):
        breakdown = repo.get(WorkBreakdown, wid, lambda: NotFound("TEAM_NOT_FOUND", team_id=c.team_id))
        breakdown.revise(items=items, decision=decision.as_event_fields())
    else:
        breakdown = WorkBreakdown(
            team_id=str(team.id), unit_code=team.owning_unit, items=items, decision=decision.as_event_fields()
        )
    return Decided(breakdown, result={"work_breakdown_id": str(breakdown.id), "team_id": str(team.id)})


def record_individual_plan(
    c: RecordIndividualPlan, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """A member's rencana kerja individu for the team's work: theirs alone to record."""
    team = _leaders_team(repo, c.team_id)
    team.expect_member(actor.nip)
    items = _items(c.items, {"activity": True, "target": False}, "items")
    basis = cite(profile, profile.performance.individual_plan.citation)
    decision = Decision(actor.nip, Capacity(kind="SELF"), basis).as_event_fields()
    pid = IndividualPlan.create_id(str(team.id), actor.nip)
    if repo.exists(pid):
        plan = repo.get(IndividualPlan, pid, lambda: NotFound("TEAM_NOT_FOUND", team_id=c.team_id))
        plan.revise(items=items, decision=decision)
    else:
        plan = IndividualPlan(
            team_id=str(team.id), nip=actor.nip, unit_code=team.owning_unit, items=items, decision=decision
        )
    return Decided(plan, result={"individual_plan_id": str(plan.id), "team_id": str(team.id)})


def _expect_agreed_result(repo: Repository, subject_id: str, nip: str, result: str) -> None:
    """Feedback "on a result" names one of the results recorded in the official's dialogue."""
    eid = Expectation.create_id(subject_id, nip)
    found = (
        repo.get(Expectation, eid, lambda: NotFound("EXPECTATIONS_NOT_FOUND")) if repo.exists(eid) else None
    )
    agreed = [r["rhk"] for r in found.results] if found else []
    if result not in agreed:
        raise InvalidInput(
            "RESULT_NOT_AGREED", field="result", result=result, agreed=", ".join(agreed) or "-"
        )


def give_feedback(
    c: GiveFeedback, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """Feedback on a piece of work from one of those the profile names, to the official doing it."""
    subject, work = _work(repo, c.subject_id, c.receiver_nip)
    if actor.nip == c.receiver_nip:
        raise InvalidInput("FEEDBACK_TO_SELF", field="receiver_nip")
    team = isinstance(subject, Team)
    rules = profile.performance.feedback
    rule = rules.on_team if team else rules.on_individual
    capacity = _acting(roles, actor, rule, work, "give_feedback")
    today = date.today().isoformat()
    decision = Decision(actor.nip, capacity, cite(profile, rule.citation), effective_date=today)
    result = checks.optional_text(c.result, LINE, "result") or None
    if result is not None:
        _expect_agreed_result(repo, str(subject.id), c.receiver_nip, result)
    feedback = Feedback(
        giver_nip=actor.nip,
        receiver_nip=c.receiver_nip,
        subject_kind=TEAM if team else ASSIGNMENT,
        subject_id=str(subject.id),
        team_id=str(subject.id) if team else None,
        unit_code=subject.owning_unit,
        result=result,
        text=checks.text(c.text, TEXT, "text"),
        given_on=today,
        decision=decision.as_event_fields(),
    )
    return Decided(feedback, result={"feedback_id": str(feedback.id), "subject_id": str(subject.id)})


HANDLERS = {
    RecordExpectations: record_expectations,
    AgreeExpectations: agree_expectations,
    RecordWorkBreakdown: record_work_breakdown,
    RecordIndividualPlan: record_individual_plan,
    GiveFeedback: give_feedback,
}
