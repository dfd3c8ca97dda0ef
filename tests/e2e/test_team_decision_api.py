"""The team decision and its leader, to the letter, over GraphQL (issue 10 items 12 and 13 for
teams): the Keputusan a team rests on (audit X-3), Kota Serang's "pembagian peran dan tugas" for
each member (Pasal 13 ayat (4), KT-14), and Banjarnegara's Pengawas leading a team in the Setda
only (Pasal 33 ayat (3) huruf d, BN-9)."""

import pytest

from application.commands.organisation import EstablishUnit
from tests.e2e.team_letter import FORM, LEAD, Q_TEAM, THIS_YEAR, form_input, team_world, with_app
from tests.integration.team_world import ADMIN

DECREE = {"number": "800/Kep.45-Huk/2026", "date": f"{THIS_YEAR}-01-05", "signedBy": "Kepala Dinas A"}


def as_(live_server, nip: str) -> dict:
    return {"token": live_server.token(nip)}


@pytest.mark.parametrize(
    "profile",
    [
        pytest.param(p, marks=pytest.mark.profile(p))
        for p in (
            "kab-serang-2024",
            "kota-serang-2023",
            "banjarnegara-2024",
            "pemalang-2023",
            "banyumas-2024",
        )
    ],
)
def test_the_team_decision_carries_its_decree_number_date_and_signatory(profile, live_server):
    """Kab. Serang Pasal 1 angka 23 and Kota Serang Pasal 13 ayat (4): a team rests on a keputusan."""
    w = team_world(live_server)
    former = w.heads[w.w.a.agency] if profile == "kab-serang-2024" else w.heads[w.w.a.unit]
    bad = form_input(w.w.a.unit, decree={**DECREE, "date": "1900-01-01"})
    refused = live_server.gql(FORM, {"i": bad}, **as_(live_server, former))["formTeam"]
    assert refused["code"] == "INVALID_VALUE" and refused["field"] == "decree.date"
    listed = '{ teams(owningUnit: "%s") { nodes { id } } }' % w.w.a.unit
    assert live_server.gql(listed)["teams"]["nodes"] == []  # nothing recorded
    team = live_server.gql(FORM, {"i": form_input(w.w.a.unit, decree=DECREE)}, **as_(live_server, former))
    team = team["formTeam"]["team"]
    assert team["decree"] == DECREE
    assert team["legalBasis"].endswith(
        f"; SK {DECREE['number']} tanggal {DECREE['date']} ({DECREE['signedBy']})"
    )
    assert live_server.gql(Q_TEAM, {"id": team["id"]})["team"]["decree"] == DECREE
    plain = live_server.gql(FORM, {"i": form_input(w.w.a.unit)}, **as_(live_server, former))["formTeam"][
        "team"
    ]
    assert plain["decree"] is None  # optional, like a placement's


@pytest.mark.profile("kota-serang-2023")
def test_kota_serang_pasal_13_ayat_4_each_member_has_a_role_and_a_task(live_server):
    w = team_world(live_server)
    head = as_(live_server, w.heads[w.w.a.unit])
    untasked = form_input(w.w.a.unit, planned=[{"nip": w.w.official, "role": "Analis"}])
    refused = live_server.gql(FORM, {"i": untasked}, **head)["formTeam"]
    assert refused["code"] == "TEAM_DECISION_INCOMPLETE" and "MEMBER_TASKS" in refused["message"]
    assert refused["legalBasis"] == ["kota-serang-2023 Pasal 13 ayat (4)"]
    tasked = form_input(
        w.w.a.unit, planned=[{"nip": w.w.official, "role": "Analis", "task": "Memetakan data"}]
    )
    team = live_server.gql(FORM, {"i": tasked}, **head)["formTeam"]["team"]
    assert team["plannedMembers"] == [{"nip": w.w.official, "role": "Analis", "task": "Memetakan data"}]


@pytest.mark.profile("banyumas-2024")
def test_banyumas_prescribes_no_member_task(live_server):
    w = team_world(live_server)
    untasked = form_input(w.w.a.unit, planned=[{"nip": w.w.official, "role": "Analis"}])
    team = live_server.gql(FORM, {"i": untasked}, **as_(live_server, w.heads[w.w.a.unit]))["formTeam"]["team"]
    assert team["plannedMembers"] == [{"nip": w.w.official, "role": "Analis", "task": None}]


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_33_ayat_3_huruf_d_a_pengawas_leads_a_team_in_the_setda_only(live_server):
    w = team_world(live_server)

    def subbagian(app):
        app.handle(
            ADMIN,
            EstablishUnit(
                code="SETDA.AS1.B1.SB1",
                name="Subbagian Kelembagaan",
                kind="SUBBAGIAN",
                head_position="PENGAWAS",
                parent_code=w.bagian,
                legal_basis="Perbup SOTK",
            ),
        )

    with_app(live_server, subbagian)
    setda_pengawas = w.w.setda.subunit_head  # Kepala Subbagian in the Setda
    dinas_pengawas = w.heads[w.w.a.subunit]  # Kepala Seksi in a Dinas
    bagian_head = as_(live_server, w.heads[w.bagian])
    setda_team = live_server.gql(FORM, {"i": form_input(w.bagian)}, **bagian_head)["formTeam"]["team"]
    led = live_server.gql(
        LEAD,
        {"i": {"teamId": setda_team["id"], "nip": setda_pengawas, "confirmWarnings": True}},
        **bagian_head,
    )
    assert led["appointTeamLeader"]["team"]["leaderNip"] == setda_pengawas
    dinas_head = as_(live_server, w.heads[w.w.a.unit])
    dinas_team = live_server.gql(FORM, {"i": form_input(w.w.a.unit)}, **dinas_head)["formTeam"]["team"]
    refused = live_server.gql(LEAD, {"i": {"teamId": dinas_team["id"], "nip": dinas_pengawas}}, **dinas_head)
    refused = refused["appointTeamLeader"]
    assert refused["code"] == "LEADER_NOT_ELIGIBLE"
    assert "banjarnegara-2024 Pasal 33 ayat (3) huruf d" in refused["legalBasis"]
    assert "PENGAWAS in SETDA" in refused["message"]
