"""Escalations for every profile: problems and obstacles with alternative recommendations go to
the owning unit head and, where other units or agencies are concerned, to each of their heads;
each decides with a reason (e.g. Banjarnegara Pasal 23 ayat (4) huruf c dan d; Kab. Serang
Lampiran C.2 huruf c dan d). Parametrised over the five profiles on SQLite; test_team_life.py
repeats it on PostgreSQL.
"""

import pytest

from application.commands.reporting import DecideEscalation, RaiseEscalation
from domain.errors import Conflict, Forbidden, InvalidInput
from projections.escalations.queries import EscalationQueries
from tests.integration.team_world import PROFILES, as_, events, staffed_team, world_for


@pytest.fixture(params=PROFILES)
def tw(request, tmp_path, tmp_path_factory):
    system, world = world_for(request.param, tmp_path, tmp_path_factory)
    yield system, world
    system.close()


def _escalation(app, actor, command):
    """The escalation as the command left it."""
    return app.repo.escalation(app.handle(actor, command).result["escalation_id"])


def test_an_escalation_across_units_and_agencies_is_decided_by_each_head(tw):
    system, world = tw
    app, queries = system.app, EscalationQueries(system.store)
    team = staffed_team(app, world)
    problem = dict(
        subject_id=str(team.id),
        problems="Data desa di wilayah B belum tersedia",
        alternatives=["Minta data ke Dinas B", "Survei lapangan sendiri"],
        other_units=["A.U2", "B.U1"],
    )
    with pytest.raises(Forbidden):
        app.handle(as_(world.w.bystander), RaiseEscalation(**problem))
    with pytest.raises(InvalidInput) as empty:
        app.handle(as_(world.leader), RaiseEscalation(**{**problem, "alternatives": [" "]}))
    assert empty.value.code == "ALTERNATIVES_REQUIRED"
    escalation = _escalation(app, as_(world.leader), RaiseEscalation(**problem))
    assert [a["unit_code"] for a in escalation.addressees] == ["A.U1", "A.U2", "B.U1"]
    assert app.profile.escalation.citation in events(app, escalation.id)[0].decision["legal_basis"]
    assert queries.escalations(status="OPEN", unit_code="B.U1")[0]["id"] == str(escalation.id)

    def decide(unit: str, **kw) -> DecideEscalation:
        return DecideEscalation(escalation_id=str(escalation.id), unit_code=unit, **kw)

    with pytest.raises(Forbidden) as refused:  # the head of A.U2 cannot decide for A.U1
        app.handle(as_(world.heads["A.U2"]), decide("A.U1", decision="Survei", reason="-", choice="A2"))
    assert refused.value.code == "NOT_YOUR_STEP" and world.heads["A.U1"] in str(
        refused.value.details["holders"]
    )
    with pytest.raises(InvalidInput):
        app.handle(as_(world.heads["A.U1"]), decide("A.U1", decision="Minta data", reason="", choice="A1"))
    for unit, choice in (("A.U1", "A1"), ("A.U2", "A1"), ("B.U1", "A1")):
        escalation = _escalation(
            app,
            as_(world.heads[unit]),
            decide(unit, decision="Data diminta resmi", reason="Lebih cepat dan sah", choice=choice),
        )
        assert escalation.status == ("DECIDED" if unit == "B.U1" else "OPEN")
    with pytest.raises(Conflict):
        app.handle(as_(world.heads["B.U1"]), decide("B.U1", decision="lagi", reason="lagi"))
    decided = queries.escalations(status="DECIDED")[0]
    assert {a["unit_code"]: a["decided_by"] for a in decided["addressees"]} == {
        u: world.heads[u] for u in ("A.U1", "A.U2", "B.U1")
    }
    assert all(a["reason"] == "Lebih cepat dan sah" for a in decided["addressees"])
    assert not queries.escalations(status="OPEN")
