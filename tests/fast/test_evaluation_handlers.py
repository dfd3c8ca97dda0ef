"""Fast tier for the evaluation handlers (application.handlers.evaluation): given a led team in a
Dinas's unit (chain: unit head, then agency head) or an individual assignment, when results are
submitted, approved or returned, then the evaluation's events, or the typed refusal."""

from datetime import date

import pytest

from application.commands.evaluation import ApproveResults, ReturnResults, SubmitResults
from application.commands.organisation import PlaceOfficial
from application.principal import ADMIN_ROLE, Principal
from domain.errors import Conflict, Forbidden, InvalidInput
from tests.integration.team_world import _build, fixed_team_assignment, staffed_team
from tests.support import build_agency, register

ADMIN = Principal(nip="196805121990031003", roles=frozenset({ADMIN_ROLE}))

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


def test_a_uptd_inside_its_dinas_declares_its_own_work_complete(given):
    """Banjarnegara Pasal 56 ayat (3) huruf d, ayat (4) huruf b: "Kepala Unit Pelaksana Teknis Daerah
    menerima hasil pelaksanaan kegiatan" — the chain stops at the UPTD's head, not the Kepala Dinas."""
    g = given("banjarnegara-2024")
    _build(g.app)  # the offices and the Setda the routes resolve against
    dinas = build_agency(g.app, ADMIN, code="DKS", kind="DINAS", unit_kind="UPTD", subunit_kind="SEKSI")
    official = register(g.app, ADMIN, position_type="PELAKSANA", rank="III/a", education="S1")
    g.given(
        ADMIN,
        PlaceOfficial(
            nip=official, unit_code=dinas.unit, appraiser_nip=dinas.unit_head, effective_date=date(2024, 1, 2)
        ),
    )
    a = fixed_team_assignment(g.app, owning_unit=dinas.unit, nips=[official], team=False)
    _, events = g.when(
        Principal(official), SubmitResults(subject_id=str(a.id), summary="Selesai", results=RESULTS)
    )
    started = events[0]
    assert [c["unit_code"] for c in started.chain] == ["DKS.U1"]
    assert "Pasal 56 ayat (4) huruf b" in started.chain_citation
    with pytest.raises(Forbidden):  # the Kepala Dinas is no level of this chain
        g.when(Principal(dinas.agency_head), ApproveResults(subject_id=str(a.id), level=1))
    _, done = g.when(Principal(dinas.unit_head), ApproveResults(subject_id=str(a.id), level=1))
    assert names(done) == ["Evaluation.DeclaredComplete"]
