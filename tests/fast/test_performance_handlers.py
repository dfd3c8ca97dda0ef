"""Fast tier for performance management (application.handlers.performance): the dialogue's
expectations recorded by the profile's counterpart and agreed by the official, the leader's work
breakdown, members' individual plans, and feedback — on every profile."""

import pytest

from application.commands.performance import (
    AgreeExpectations,
    GiveFeedback,
    RecordExpectations,
    RecordIndividualPlan,
    RecordWorkBreakdown,
)
from application.principal import Principal
from application.roles import Work
from domain.errors import Conflict, Forbidden, InvalidInput
from domain.profile import CitedRoles, list_profiles
from tests.integration.team_world import _build, fixed_team_assignment, staffed_team

RESULTS = [{"rhk": "Peta sebaran stunting", "indicator": "Jumlah desa terpetakan", "target": "20 desa"}]


def names(events: list[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def holder(app, rule: CitedRoles, work: Work) -> str:
    """The first holder of the rule's roles other than the official: who the profile says acts here."""
    found = (h for r in rule.roles for h in app.roles.role_holders(r.value, work))
    return next(h for h in found if h.nip != work.official_nip).nip


@pytest.fixture(params=list_profiles())
def individual(request, given):
    g = given(request.param)
    world = _build(g.app)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    return g, world, a, Work(a.owning_unit, world.w.official, None, (a.letter or {}).get("issuer_nip"))


@pytest.fixture(params=list_profiles())
def team_world(request, given):
    g = given(request.param)
    world = _build(g.app)
    team = staffed_team(g.app, world)
    return g, world, team, Work(team.owning_unit, world.w.official, team.leader_nip, team.formed_by_nip)


def test_dialogue_recorded_by_the_counterpart_then_agreed_by_the_official(individual):
    g, world, a, work = individual
    rule = g.app.profile.performance.dialogue.individual_with
    counterpart = holder(g.app, rule, work)
    record = RecordExpectations(
        subject_id=str(a.id), nip=world.w.official, results=RESULTS, expectations="Tepat waktu"
    )
    with pytest.raises(Forbidden) as stranger:
        g.when(Principal(world.w.bystander), record)
    assert stranger.value.code == "NOT_YOUR_STEP"
    outcome, events = g.when(Principal(counterpart), record)
    assert names(events) == ["Expectation.Recorded"]
    recorded = events[0]
    assert (recorded.subject_kind, recorded.nip, recorded.counterpart_nip) == (
        "ASSIGNMENT",
        world.w.official,
        counterpart,
    )
    assert recorded.results == RESULTS and recorded.period_start == a.period_start
    assert recorded.decision["legal_basis"].endswith(rule.citation)
    assert recorded.decision["effective_date"] == a.period_start
    _, agreed = g.when(Principal(world.w.official), AgreeExpectations(subject_id=str(a.id)))
    assert names(agreed) == ["Expectation.Agreed"] and agreed[0].decision["capacity"] == {"kind": "SELF"}
    with pytest.raises(Conflict) as again:
        g.when(Principal(world.w.official), AgreeExpectations(subject_id=str(a.id)))
    assert again.value.code == "EXPECTATIONS_ALREADY_AGREED"
    _, revised = g.when(Principal(counterpart), record)  # clarified during the year: agreed again
    assert names(revised) == ["Expectation.Revised"] and outcome.result["revision"] == 1


def test_dialogue_refuses_an_empty_record_and_someone_not_on_the_assignment(individual):
    g, world, a, work = individual
    counterpart = holder(g.app, g.app.profile.performance.dialogue.individual_with, work)
    with pytest.raises(InvalidInput) as empty:
        g.when(Principal(counterpart), RecordExpectations(subject_id=str(a.id), nip=world.w.official))
    assert empty.value.code == "NO_ITEMS"
    with pytest.raises(InvalidInput) as other:
        g.when(
            Principal(counterpart),
            RecordExpectations(subject_id=str(a.id), nip=world.w.bystander, results=RESULTS),
        )
    assert other.value.code == "NOT_ON_THIS_ASSIGNMENT"
    with pytest.raises(InvalidInput) as blank:
        bad = [{"rhk": "x", "indicator": "", "target": "1"}]
        g.when(
            Principal(counterpart),
            RecordExpectations(subject_id=str(a.id), nip=world.w.official, results=bad),
        )
    assert blank.value.details["field"] == "indicator"


def test_team_dialogue_by_the_profiles_counterpart_for_a_member(team_world):
    g, world, team, work = team_world
    rule = g.app.profile.performance.dialogue.team_with
    counterpart = holder(g.app, rule, work)
    _, events = g.when(
        Principal(counterpart),
        RecordExpectations(subject_id=str(team.id), nip=world.w.official, results=RESULTS),
    )
    assert (events[0].subject_kind, events[0].team_id) == ("TEAM", str(team.id))


def test_leader_records_the_work_breakdown_and_members_their_own_plans(team_world):
    g, world, team, _ = team_world
    items = [{"activity": "Kumpulkan data desa", "target": "20 desa", "member_nip": world.w.second}]
    with pytest.raises(Forbidden):
        g.when(Principal(world.w.official), RecordWorkBreakdown(team_id=str(team.id), items=items))
    _, events = g.when(Principal(world.leader), RecordWorkBreakdown(team_id=str(team.id), items=items))
    assert names(events) == ["WorkBreakdown.Recorded"]
    assert events[0].items == items
    assert events[0].decision["legal_basis"].endswith(g.app.profile.performance.work_breakdown.citation)
    with pytest.raises(InvalidInput) as outsider:
        bad = [{"activity": "x", "member_nip": world.w.bystander}]
        g.when(Principal(world.leader), RecordWorkBreakdown(team_id=str(team.id), items=bad))
    assert outsider.value.code == "NOT_A_MEMBER"
    plan = RecordIndividualPlan(
        team_id=str(team.id), items=[{"activity": "Kunjungi 10 desa", "target": "10"}]
    )
    _, mine = g.when(Principal(world.w.second), plan)
    assert names(mine) == ["IndividualPlan.Recorded"] and mine[0].nip == world.w.second
    with pytest.raises(InvalidInput) as stranger:
        g.when(Principal(world.w.bystander), plan)
    assert stranger.value.code == "NOT_A_MEMBER"


def test_feedback_by_the_leader_to_a_member_and_not_by_a_bystander(team_world):
    g, world, team, work = team_world
    give = GiveFeedback(
        subject_id=str(team.id), receiver_nip=world.w.official, text="Lanjutkan", result=RESULTS[0]["rhk"]
    )
    with pytest.raises(InvalidInput) as unagreed:  # a result is one the dialogue recorded
        g.when(Principal(world.leader), give)
    assert unagreed.value.code == "RESULT_NOT_AGREED"
    counterpart = holder(g.app, g.app.profile.performance.dialogue.team_with, work)
    record = RecordExpectations(subject_id=str(team.id), nip=world.w.official, results=RESULTS)
    g.given(Principal(counterpart), record)
    _, events = g.when(Principal(world.leader), give)
    assert names(events) == ["Feedback.Given"]
    given = events[0]
    assert (given.giver_nip, given.receiver_nip, given.subject_kind) == (
        world.leader,
        world.w.official,
        "TEAM",
    )
    assert given.decision["legal_basis"].endswith(g.app.profile.performance.feedback.on_team.citation)
    assert given.decision["effective_date"] == given.given_on
    with pytest.raises(Forbidden):
        g.when(Principal(world.w.bystander), give)
    with pytest.raises(InvalidInput) as self_:
        g.when(
            Principal(world.leader),
            GiveFeedback(subject_id=str(team.id), receiver_nip=world.leader, text="x"),
        )
    assert self_.value.code in {"FEEDBACK_TO_SELF", "NOT_A_MEMBER"}


def test_feedback_on_individual_work_by_the_profiles_giver(individual):
    g, world, a, work = individual
    rule = g.app.profile.performance.feedback.on_individual
    giver = holder(g.app, rule, work)
    _, events = g.when(
        Principal(giver), GiveFeedback(subject_id=str(a.id), receiver_nip=world.w.official, text="Baik")
    )
    assert events[0].subject_kind == "ASSIGNMENT" and events[0].decision["legal_basis"].endswith(
        rule.citation
    )


def test_the_leaders_own_work_has_a_dialogue_and_feedback_from_the_unit_head_not_himself(team_world):
    g, world, team, _ = team_world
    work = Work(team.owning_unit, world.leader, team.leader_nip, team.formed_by_nip)
    rule = g.app.profile.performance.dialogue.team_with
    own = RecordExpectations(subject_id=str(team.id), nip=world.leader, results=RESULTS)
    with pytest.raises(Forbidden):
        g.when(Principal(world.leader), own)
    if any(r.value != "TEAM_LEADER" for r in rule.roles):
        _, events = g.when(Principal(holder(g.app, rule, work)), own)
        assert events[0].nip == world.leader
    head = holder(g.app, g.app.profile.performance.feedback.on_team, work)
    _, given = g.when(
        Principal(head), GiveFeedback(subject_id=str(team.id), receiver_nip=world.leader, text="Baik")
    )
    assert given[0].receiver_nip == world.leader
