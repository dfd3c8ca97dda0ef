"""The PPK — the Bupati / Wali Kota, an elected official without a NIP — over GraphQL (issue 10
item 11, docs/adr/0008-the-ppk-has-no-nip.md): his decisions are recorded by the administrator from
the letter he signed, never by a NIP invented for him; where the text says "PPK dan/atau pejabat yang
berwenang" the PyB decides in person."""

import pytest

from infra.bootstrap import build
from tests.e2e.test_team_api import ERR, FORM, LEAD, PROPOSE
from tests.integration.team_world import _build

LETTER = {"reference": "Kep. Wali Kota 800/7/2025", "signatory": "Wali Kota Serang", "date": "2025-01-03"}
HISTORY = "query($id: ID!) { history(aggregateId: $id) { kind actorNip capacityKind legalBasis details } }"
OFFICES = (
    "mutation($i: ConfigureOfficesInput!) { configureOffices(input: $i) { ... on Offices {"
    f" pybNip ppkName ppkOffice }} {ERR} }} }}"
)


@pytest.fixture
def world(live_server):
    setup = build(live_server.settings, migrate=False)
    try:
        return _build(setup.app)
    finally:
        setup.close()


def team_input(w, scope: str) -> dict:
    return {
        "owningUnit": "A.U1",
        "scope": scope,
        "name": "Tim Investasi Bersama",
        "tasks": ["Kajian"],
        "targets": [{"description": "Kajian investasi", "measure": "1 dokumen"}],
        "plannedMembers": [{"nip": w.w.official, "role": "Analis", "task": "Menyusun kajian"}],
        "periodStart": "2025-02-01",
        "periodEnd": "2025-12-31",
    }


@pytest.mark.profile("kota-serang-2023")
def test_kota_serang_pasal_8_ayat_6_the_ppk_appoints_the_leader_by_his_signed_letter(live_server, world):
    w = world
    token = lambda nip: live_server.token(nip)  # noqa: E731
    team = live_server.gql(FORM, {"i": team_input(w, "WITHIN_UNIT")}, token=token(w.heads["A.U1"]))
    team_id = team["formTeam"]["team"]["id"]
    proposal = {"i": {"teamId": team_id, "nip": w.leader}}
    live_server.gql(PROPOSE, proposal, token=token(w.heads["A.U1"]))
    in_person = live_server.gql(LEAD, proposal, token=token(w.heads["A"]))["appointTeamLeader"]
    assert in_person["code"] == "DECIDED_BY_LETTER" and "Pasal 8 ayat (6)" in in_person["message"]
    experience = {"statement": "Tiga tahun pada bidang perencanaan", "evidence": "SK 800/3/2022"}
    with_letter = {"i": {**proposal["i"], "letter": LETTER, "relevantExperience": experience}}
    not_admin = live_server.gql(LEAD, with_letter, token=token(w.heads["A"]))["appointTeamLeader"]
    assert not_admin["code"] == "NOT_AUTHORISED"
    led = live_server.gql(LEAD, with_letter)["appointTeamLeader"]["team"]
    assert led["leader"]["nip"] == w.leader
    appointed = live_server.gql(HISTORY, {"id": team_id})["history"][-1]
    assert appointed["capacityKind"] == "EXTERNAL_LETTER"
    assert appointed["legalBasis"].startswith("kota-serang-2023 Pasal 8 ayat (6)")


@pytest.mark.profile("kota-serang-2023")
def test_kota_serang_pasal_13_ayat_2_huruf_c_the_ppk_or_the_pyb_fixes_a_cross_institution_team(
    live_server, world
):
    w = world
    token = lambda nip: live_server.token(nip)  # noqa: E731
    pyb = w.heads["A"]  # designated PyB: a civil servant, who fixes the team in person
    offices = live_server.gql(
        OFFICES,
        {
            "i": {
                "setdaCode": "SETDA",
                "pybNip": pyb,
                "ppkName": "Budi Rustandi",
                "ppkOffice": "Wali Kota Serang",
                "legalBasis": "Keputusan Wali Kota tentang PyB",
            }
        },
    )["configureOffices"]
    assert offices == {"pybNip": pyb, "ppkName": "Budi Rustandi", "ppkOffice": "Wali Kota Serang"}
    form = {"i": team_input(w, "CROSS_INSTITUTION")}
    by_unit_head = live_server.gql(FORM, form, token=token(w.heads["A.U1"]))["formTeam"]
    assert by_unit_head["code"] == "NOT_YOUR_STEP"
    by_pyb = live_server.gql(FORM, form, token=token(pyb))["formTeam"]["team"]
    assert live_server.gql(HISTORY, {"id": by_pyb["id"]})["history"][0]["capacityKind"] == "POSITION"
    by_ppk = live_server.gql(FORM, {"i": {**form["i"], "letter": LETTER}})["formTeam"]["team"]
    recorded = live_server.gql(HISTORY, {"id": by_ppk["id"]})["history"][0]
    assert recorded["capacityKind"] == "EXTERNAL_LETTER"
    assert recorded["legalBasis"].startswith("kota-serang-2023 Pasal 13 ayat (2) huruf c")


@pytest.mark.profile("kota-serang-2023")
def test_a_letter_is_refused_for_a_decision_taken_in_person_and_records_nothing(live_server, world):
    """Pasal 13 ayat (2) huruf a: the unit head fixes a team within his unit himself."""
    w = world
    form = {"i": {**team_input(w, "WITHIN_UNIT"), "letter": LETTER}}
    refused = live_server.gql(FORM, form)["formTeam"]
    assert refused["code"] == "NOT_A_LETTER_DECISION" and "Pasal 13 ayat (2) huruf a" in refused["message"]
    assert live_server.gql("{ teams { nodes { id } } }")["teams"]["nodes"] == []
