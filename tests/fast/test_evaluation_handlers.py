"""Fast tier for the evaluation handlers (application.handlers.evaluation): given a led team in a
Dinas's unit (chain: unit head, then agency head) or an individual assignment, when results are
submitted, approved or returned, then the evaluation's events, or the typed refusal."""

import pytest

from application.commands.evaluation import ApproveResults, ReturnResults, SubmitResults
from application.principal import Principal
from domain.errors import Conflict, Forbidden, InvalidInput
from tests.integration.team_world import _build, fixed_team_assignment, staffed_team

RESULTS = [{"target": "T1", "achieved": "Peta 120 desa", "note": " 100% "}]


def names(events: list[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


@pytest.fixture
def team_world(given):
    """Kab. Serang: a team in A.U1, led, both officials admitted."""
    g = given()
    world = _build(g.app)
    return g, world, staffed_team(g.app, world)


def submitted(g, world, team) -> str:
    return g.given(
        Principal(world.leader), SubmitResults(subject_id=str(team.id), summary="Selesai", results=RESULTS)
    )[0].result


def test_submit_results_starts_the_chain_and_submits_once(team_world):
    g, world, team = team_world
    outcome, events = g.when(
        Principal(world.leader),
        SubmitResults(
            subject_id=str(team.id), summary="Selesai", results=RESULTS, attachments=[" dms://peta.pdf ", " "]
        ),
    )
    assert names(events) == ["Evaluation.Started", "Evaluation.ResultsSubmitted"]
    started, submit = events
    assert (started.subject_kind, [c["unit_code"] for c in started.chain]) == ("TEAM", ["A.U1", "A"])
    assert (submit.round, submit.attachments) == (1, ["dms://peta.pdf"])
    assert submit.results == [{"target": "T1", "achieved": "Peta 120 desa", "note": "100%"}]
    assert submit.decision["capacity"]["position"] == "TEAM_LEADER" and outcome.result == str(team.id)
    with pytest.raises(Conflict) as twice:
        g.when(
            Principal(world.leader), SubmitResults(subject_id=str(team.id), summary="Lagi", results=RESULTS)
        )
    assert twice.value.code == "EVALUATION_NOT_OPEN"


def test_submit_results_of_individual_work_by_its_official_only(given):
    g = given()
    world = _build(g.app)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    with pytest.raises(Forbidden) as refused:
        g.when(Principal(world.w.second), SubmitResults(subject_id=str(a.id), summary="x", results=[]))
    assert refused.value.code == "NOT_YOUR_STEP" and world.w.official in str(refused.value.details["holders"])
    _, events = g.when(
        Principal(world.w.official), SubmitResults(subject_id=str(a.id), summary="Selesai", results=RESULTS)
    )
    assert names(events) == ["Evaluation.Started", "Evaluation.ResultsSubmitted"]
    assert events[0].subject_kind == "ASSIGNMENT" and events[1].decision["capacity"]["kind"] == "SELF"
    assert [c["unit_code"] for c in events[0].chain] == [world.w.a.subunit, world.w.a.unit, "A"]


def test_approve_results_level_by_level_to_completion_by_each_levels_head(team_world):
    g, world, team = team_world
    subject = submitted(g, world, team)
    with pytest.raises(Forbidden) as refused:  # the agency head is level 2, not level 1
        g.when(Principal(world.heads["A"]), ApproveResults(subject_id=subject, level=1))
    assert refused.value.code == "NOT_YOUR_STEP" and world.heads["A.U1"] in str(
        refused.value.details["holders"]
    )
    _, first = g.when(Principal(world.heads["A.U1"]), ApproveResults(subject_id=subject, level=1, note=" "))
    assert names(first) == ["Evaluation.LevelApproved"] and (first[0].unit_code, first[0].note) == (
        "A.U1",
        None,
    )
    with pytest.raises(Conflict) as stale:
        g.when(Principal(world.heads["A.U1"]), ApproveResults(subject_id=subject, level=1))
    assert stale.value.code == "STEP_ALREADY_TAKEN"
    _, top = g.when(Principal(world.heads["A"]), ApproveResults(subject_id=subject, level=2, note="Baik"))
    assert names(top) == ["Evaluation.DeclaredComplete"] and top[0].decision["actor_nip"] == world.heads["A"]


def test_return_results_reopens_the_work_with_notes_that_are_required(team_world):
    g, world, team = team_world
    subject = submitted(g, world, team)
    with pytest.raises(InvalidInput):
        g.when(Principal(world.heads["A.U1"]), ReturnResults(subject_id=subject, level=1, notes="  "))
    _, events = g.when(
        Principal(world.heads["A.U1"]), ReturnResults(subject_id=subject, level=1, notes="Lengkapi 8 desa")
    )
    assert names(events) == ["Evaluation.ReturnedForRework"]
    basis = events[0].decision["legal_basis"]
    assert events[0].decision["reason"] == "Lengkapi 8 desa" and basis.count("kab-serang-2024") == 2
    assert g.app.repo.evaluation(subject).status == "IN_PROGRESS"
    _, again = g.when(
        Principal(world.leader), SubmitResults(subject_id=subject, summary="Lengkap", results=RESULTS)
    )
    assert names(again) == ["Evaluation.ResultsSubmitted"] and again[0].round == 2
