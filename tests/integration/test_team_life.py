"""A team's whole life on SQLite and on a real PostgreSQL (the `system` fixture runs both): the
representative subset of the per-profile tests (which run on SQLite only, to keep the run short).

Kota Serang, the strictest profile: formed by the unit head (Pasal 13 ayat (2) huruf a) stating
tasks, targets and roles (Pasal 13 ayat (4)); leader fixed by the PPK (Pasal 8 ayat (6)) and
eligible under Pasal 8 ayat (4) huruf a; members through a fixed assignment; reports (Pasal 16);
an escalation across units; the evaluation chain (Lampiran angka 3), one level taken by a delegate.
"""

from datetime import date

import pytest

from application.commands.evaluation import ApproveResults, ReturnResults, SubmitResults
from application.commands.organisation import GrantDelegation
from application.commands.reporting import DecideEscalation, RaiseEscalation, RequestReport, SubmitReport
from application.commands.teams import (
    AdmitTeamMembers,
    AppointTeamLeader,
    DissolveTeam,
    ProposeTeamLeader,
    ProposeTeamMembers,
)
from domain.errors import InvalidInput
from projections.escalations.queries import EscalationQueries
from projections.evaluations.queries import EvaluationQueries
from projections.reports.queries import ReportQueries
from projections.teams.queries import TeamQueries
from tests.integration.team_world import ADMIN, PPK_LETTER, _build, as_, events, fixed_team_assignment, form

PERIOD = date.today().strftime("%Y-%m")


@pytest.mark.profile("kota-serang-2023")
def test_a_team_from_formation_to_a_completed_evaluation(system):
    app, queries = system.app, TeamQueries(system.store)
    reports, escalations = ReportQueries(system.store), EscalationQueries(system.store)
    evaluations = EvaluationQueries(system.store)
    world = _build(app)
    head, agency_head = world.heads["A.U1"], world.heads["A"]
    team = form(app, world, scope="CROSS_UNIT")  # by the Sekda, Pasal 13 ayat (2) huruf b
    assert events(app, team.id)[0].decision["actor_nip"] == world.heads["SETDA"]
    with pytest.raises(InvalidInput):  # Pasal 8 ayat (4) huruf a
        app.handle(as_(head), ProposeTeamLeader(team_id=str(team.id), nip=world.weak_leader))
    # Pasal 12 ayat (4)
    app.handle(as_(head), ProposeTeamLeader(team_id=str(team.id), nip=world.outsider_leader))
    warned = app.handle(
        ADMIN, AppointTeamLeader(team_id=str(team.id), nip=world.outsider_leader, letter=PPK_LETTER)
    )
    assert [w["code"] for w in warned.result["warnings"]] == ["LEADER_NOT_FROM_OWNING_UNIT"]
    app.handle(as_(head), ProposeTeamLeader(team_id=str(team.id), nip=world.leader))
    app.handle(ADMIN, AppointTeamLeader(team_id=str(team.id), nip=world.leader, letter=PPK_LETTER))
    a = fixed_team_assignment(app, owning_unit="A.U1", nips=[world.w.official, world.w.second])
    # Pasal 12 ayat (5): the leader proposes the members; the Sekda, who fixed the team, admits them.
    proposed = [{"nip": n, "role": "Anggota"} for n in (world.w.official, world.w.second)]
    app.handle(as_(world.leader), ProposeTeamMembers(team_id=str(team.id), members=proposed))
    app.handle(as_(world.heads["SETDA"]), AdmitTeamMembers(team_id=str(team.id), assignment_id=str(a.id)))

    view = queries.team(str(team.id))
    assert view["leader_nip"] == world.leader and view["units_spanned"] == ["A.U1", "A.U1.S1"]
    assert {m["nip"]: m["role"] for m in view["members"]} == {
        world.w.official: "Analis data",
        world.w.second: "Pengumpul data",
    }
    assert view["targets"][0]["measure"] == "1 dokumen, Juni 2025"

    app.handle(as_(world.w.official), SubmitReport(subject_id=str(team.id), period=PERIOD, text="12 desa"))
    request = app.handle(
        as_(head), RequestReport(official_nip=world.leader, subject_id=str(team.id), about="Progres")
    ).result["request_id"]
    owed = {(o["kind"], o["reporter_nip"]) for o in reports.obligations(app.profile, PERIOD)}
    assert owed == {("MEMBER", world.w.second), ("LEADER", world.leader), ("ON_REQUEST", world.leader)}
    app.handle(
        as_(world.leader),
        SubmitReport(subject_id=str(team.id), period=PERIOD, text="Tim", in_reply_to=request),
    )

    escalation = app.handle(
        as_(world.w.second),
        RaiseEscalation(
            subject_id=str(team.id),
            problems="Data B belum ada",
            alternatives=["Minta ke B"],
            other_units=["B.U1"],
        ),
    ).result["escalation_id"]
    for unit in ("A.U1", "B.U1"):
        app.handle(
            as_(world.heads[unit]),
            DecideEscalation(
                escalation_id=escalation,
                unit_code=unit,
                decision="Setuju",
                reason="Perlu data resmi",
                choice="A1",
            ),
        )
    assert escalations.escalations(status="DECIDED")[0]["id"] == escalation

    app.handle(
        as_(world.leader),
        SubmitResults(
            subject_id=str(team.id),
            summary="Selesai",
            results=[{"target": "T1", "achieved": "Peta 120 desa"}],
        ),
    )
    app.handle(as_(head), ReturnResults(subject_id=str(team.id), level=1, notes="Lengkapi 8 desa"))
    app.handle(
        as_(world.leader),
        SubmitResults(
            subject_id=str(team.id),
            summary="Lengkap",
            results=[{"target": "T1", "achieved": "Peta 128 desa"}],
        ),
    )
    # The unit head's authority delegated (Plh) lets the delegate review in his place.
    delegate = world.heads["A.U1.S1"]
    app.handle(
        as_(head),
        GrantDelegation(
            grantor_nip=head,
            delegate_nip=delegate,
            valid_from=date(2020, 1, 1),
            valid_until=date(2099, 12, 31),
        ),
    )
    app.handle(as_(delegate), ApproveResults(subject_id=str(team.id), level=1))
    done = app.handle(as_(agency_head), ApproveResults(subject_id=str(team.id), level=2))
    steps = evaluations.evaluation_steps(str(team.id))
    assert app.repo.evaluation(done.result).status == "COMPLETE"
    assert steps[-2]["capacity"]["kind"] == "DELEGATION"
    assert steps[-2]["capacity"]["delegated_by"] == head
    assert evaluations.evaluations(status="COMPLETE")[0]["subject_id"] == str(team.id)
    assert "Lampiran angka 3" in steps[-1]["legal_basis"]
    ledger = system.store.query(
        "SELECT DISTINCT agency_code, aggregate_type FROM decision_ledger"
        " WHERE aggregate_type IN ('Team', 'Evaluation', 'Escalation', 'Report')",
        {},
    )
    # The inspectorate finds them under the owning agency, and B's head's decision under B too.
    assert {(r["aggregate_type"], r["agency_code"]) for r in ledger} == {
        ("Team", "A"),
        ("Evaluation", "A"),
        ("Report", "A"),
        ("Escalation", "A"),
        ("Escalation", "B"),
    }
    app.handle(
        as_(world.heads["SETDA"]), DissolveTeam(team_id=str(team.id), on=date(2025, 12, 31), reason="Selesai")
    )
    assert queries.team(str(team.id))["status"] == "DISSOLVED" and queries.team(str(team.id))["members"] == []
