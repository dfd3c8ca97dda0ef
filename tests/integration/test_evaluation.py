"""Evaluation chains for every profile, by agency type: results climb level by level, only the
top of the chain declares complete, and a return for rework reopens the work.

Setda: Kepala Bagian -> Asisten -> Sekda (e.g. Kab. Serang Lampiran E.3 huruf c; Banjarnegara
Pasal 33 ayat (4)); RSUD: Banjarnegara Pasal 50 ayat (4) stops at the Administrator; Kecamatan:
-> Camat (Banjarnegara Pasal 53 ayat (4)); Dinas: unit head -> Kepala Dinas. Parametrised over the
five profiles on SQLite; test_team_life.py walks one chain on PostgreSQL too.
"""

import pytest

from application.commands.evaluation import ApproveResults, ReturnResults, SubmitResults
from domain.errors import Conflict, Forbidden, InvalidInput
from projections.evaluations.queries import EvaluationQueries
from tests.integration.team_world import PROFILES, as_, events, form, lead, world_for

SETDA = ["SETDA.AS1.B1", "SETDA.AS1", "SETDA"]
RSUD = {
    "banjarnegara-2024": ["RSUD.U1.S1", "RSUD.U1"]
}  # Pasal 50 ayat (4) huruf c: the Administrator is the top
CHAIN_ARTICLE = {
    "kab-serang-2024": "Lampiran E.3",
    "kota-serang-2023": "Lampiran angka 3",
    "banjarnegara-2024": "Pasal",
    "pemalang-2023": "Pasal 14 ayat (4)",
    "banyumas-2024": "Lampiran BAB II A.3",
}
# Banjarnegara gives a chain per agency type (BAB VIII-XIV).
BANJARNEGARA = {
    "SETD": "Pasal 33 ayat (4)",
    "RSUD": "Pasal 50 ayat (4)",
    "KEC": "Pasal 53 ayat (4)",
    "A": "Pasal 43 ayat (4)",
}
REWORK_ARTICLE = {
    "kab-serang-2024": "Lampiran E.3 huruf f",
    "kota-serang-2023": "Lampiran angka 3",
    "banjarnegara-2024": "Pasal 15 huruf c angka 2",
    "pemalang-2023": "Pasal 14 ayat (4) huruf c",
    "banyumas-2024": "Lampiran BAB II A.3",
}


@pytest.fixture(params=PROFILES)
def tw(request, tmp_path, tmp_path_factory):
    system, world = world_for(request.param, tmp_path, tmp_path_factory)
    yield system, world
    system.close()


def led_team(app, world, owning_unit):
    team = form(app, world, owning_unit=owning_unit)
    lead(app, team, world.leader)
    return team


def evaluated(app, actor, command):
    """The evaluation as the command left it."""
    return app.repo.evaluation(app.handle(actor, command).result)


def submit(app, world, team):
    return evaluated(
        app,
        as_(world.leader),
        SubmitResults(
            subject_id=str(team.id),
            summary="Peta sebaran stunting selesai",
            results=[{"target": "T1", "achieved": "Peta 120 desa", "note": "100%"}],
            attachments=["dms://hasil/peta.pdf"],
        ),
    )


def test_results_climb_the_chain_of_three_agency_types_to_completion(tw):
    system, world = tw
    app, queries = system.app, EvaluationQueries(system.store)
    chains = {
        "SETDA.AS1.B1": SETDA,
        "RSUD.U1.S1": RSUD.get(app.profile.id, ["RSUD.U1.S1", "RSUD.U1", "RSUD"]),
        world.kecamatan: [world.kecamatan, "KEC"],
        world.w.a.unit: [world.w.a.unit, "A"],
    }
    for owning, expected in chains.items():
        team = led_team(app, world, owning)
        evaluation = submit(app, world, team)
        assert [level["unit_code"] for level in evaluation.chain] == expected
        for level, unit in enumerate(expected, start=1):
            other = world.heads[expected[level % len(expected)]]  # another level's head
            with pytest.raises(Forbidden) as refused:
                app.handle(as_(other), ApproveResults(subject_id=str(team.id), level=level))
            assert refused.value.code == "NOT_YOUR_STEP" and world.heads[unit] in str(
                refused.value.details["holders"]
            )
            row = queries.evaluations(subject_id=str(team.id))[0]
            assert row["status"] == "UNDER_REVIEW" and row["reviewing_unit"] == unit
            approve = ApproveResults(subject_id=str(team.id), level=level)
            evaluation = evaluated(app, as_(world.heads[unit]), approve)
        assert evaluation.status == "COMPLETE"
        last = events(app, evaluation.id)[-1]
        assert (
            type(last).__name__ == "DeclaredComplete"
            and last.decision["actor_nip"] == world.heads[expected[-1]]
        )
        article = BANJARNEGARA.get(expected[-1][:4]) if app.profile.id == "banjarnegara-2024" else None
        assert (article or CHAIN_ARTICLE[app.profile.id]) in last.decision["legal_basis"]
        assert queries.evaluations(subject_id=str(team.id))[0]["status"] == "COMPLETE"
        with pytest.raises(Conflict):
            submit(app, world, team)  # complete is final


def test_results_returned_for_rework_reopen_the_work(tw):
    system, world = tw
    app, queries = system.app, EvaluationQueries(system.store)
    team = led_team(app, world, world.w.a.unit)
    with pytest.raises(Forbidden):
        app.handle(as_(world.w.bystander), SubmitResults(subject_id=str(team.id), summary="x", results=[]))
    submit(app, world, team)
    with pytest.raises(Conflict) as twice:
        submit(app, world, team)
    assert twice.value.code == "EVALUATION_NOT_OPEN"
    app.handle(as_(world.heads[world.w.a.unit]), ApproveResults(subject_id=str(team.id), level=1))
    with pytest.raises(Conflict) as stale:
        app.handle(as_(world.heads[world.w.a.unit]), ApproveResults(subject_id=str(team.id), level=1))
    assert stale.value.code == "STEP_ALREADY_TAKEN"
    with pytest.raises(InvalidInput):
        app.handle(as_(world.heads["A"]), ReturnResults(subject_id=str(team.id), level=2, notes="  "))
    returned = evaluated(
        app,
        as_(world.heads["A"]),
        ReturnResults(subject_id=str(team.id), level=2, notes="Peta belum memuat 8 desa; lengkapi"),
    )
    assert returned.status == "IN_PROGRESS"
    event = events(app, returned.id)[-1]
    assert (
        event.decision["reason"].startswith("Peta belum")
        and REWORK_ARTICLE[app.profile.id] in event.decision["legal_basis"]
    )
    row = queries.evaluations(subject_id=str(team.id))[0]
    assert row["status"] == "IN_PROGRESS" and row["last_notes"].startswith("Peta belum")
    again = submit(app, world, team)
    assert again.round == 2 and again.status == "UNDER_REVIEW" and again.level == 0
    app.handle(as_(world.heads[world.w.a.unit]), ApproveResults(subject_id=str(team.id), level=1))
    done = evaluated(app, as_(world.heads["A"]), ApproveResults(subject_id=str(team.id), level=2))
    assert done.status == "COMPLETE"
    actions = [s["action"] for s in queries.evaluation_steps(str(team.id))]
    assert actions == ["SUBMITTED", "APPROVED", "RETURNED", "SUBMITTED", "APPROVED", "DECLARED_COMPLETE"]


def test_individual_work_climbs_the_same_chain(tw):
    """An official's own assignment in a Seksi of a Dinas: Kepala Seksi -> Kepala Bidang -> Kepala Dinas
    (e.g. Banjarnegara Pasal 43 ayat (4); Kab. Serang Lampiran E.3 huruf b)."""
    from tests.integration.team_world import fixed_team_assignment

    system, world = tw
    app = system.app
    a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    with pytest.raises(Forbidden):
        app.handle(as_(world.w.second), SubmitResults(subject_id=str(a.id), summary="x", results=[]))
    evaluation = evaluated(
        app,
        as_(world.w.official),
        SubmitResults(
            subject_id=str(a.id), summary="Selesai", results=[{"target": "Peta", "achieved": "Peta 12 desa"}]
        ),
    )
    chain = [level["unit_code"] for level in evaluation.chain]
    assert chain == [world.w.a.subunit, world.w.a.unit, "A"] and evaluation.subject_kind == "ASSIGNMENT"
    for level, unit in enumerate(chain, start=1):
        evaluation = evaluated(app, as_(world.heads[unit]), ApproveResults(subject_id=str(a.id), level=level))
    assert evaluation.status == "COMPLETE"
    done = EvaluationQueries(system.store).evaluations(status="COMPLETE")[0]
    assert done["title"] == "Percepatan penurunan stunting"
