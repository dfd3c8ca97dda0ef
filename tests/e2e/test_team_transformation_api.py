"""Banjarnegara Pasal 29-30 over GraphQL (issue 10 item 17): the tim transformasi manajemen,
composed of the PyB, appraisers and the heads of the HR and the planning/budgeting units
(Pasal 30 ayat (2)) and fixed by Keputusan Bupati (ayat (3)), recorded by the administrator from
that decree, each member with his role; refused where the profile has no such team."""

import pytest

from tests.e2e.team_letter import ERR, team_world

TEAM = "id name decree { number date signedBy } members { nip name role } legalBasis recordedBy recordedAt"
RECORD = (
    "mutation($i: RecordTransformationTeamInput!) { recordTransformationTeam(input: $i) {"
    f" ... on TransformationTeamSuccess {{ transformationTeam {{ {TEAM} }} }} {ERR} }} }}"
)
LIST = f"{{ transformationTeams {{ {TEAM} }} }}"
DECREE = {"number": "061/123 Tahun 2024", "date": "2024-06-03", "signedBy": "Bupati Banjarnegara"}


def composition(w) -> list[dict]:
    return [
        {"nip": w.heads["SETDA"], "role": "PYB"},  # the Sekda, PyB by default
        {"nip": w.heads[w.w.a.unit], "role": "APPRAISER"},
        {"nip": w.heads[w.w.b.agency], "role": "HR_UNIT_HEAD"},
        {"nip": w.heads[w.w.a.agency], "role": "PLANNING_BUDGETING_UNIT_HEAD"},
    ]


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_30_ayat_2_and_3_the_team_recorded_from_the_keputusan_bupati(live_server):
    w = team_world(live_server)
    given = {"i": {"name": "Tim Transformasi Manajemen", "decree": DECREE, "members": composition(w)}}
    recorded = live_server.gql(RECORD, given)["recordTransformationTeam"]["transformationTeam"]
    assert recorded["decree"] == DECREE and recorded["recordedBy"]
    assert [(m["nip"], m["role"]) for m in recorded["members"]] == [
        (m["nip"], m["role"]) for m in composition(w)
    ]
    assert recorded["legalBasis"] == (
        "banjarnegara-2024 Pasal 29; Pasal 30 ayat (2); banjarnegara-2024 Pasal 30 ayat (3); "
        f"SK {DECREE['number']} tanggal {DECREE['date']} ({DECREE['signedBy']})"
    )
    official = {"token": live_server.token(w.w.official)}  # any official of the government reads it
    assert live_server.gql(LIST, **official)["transformationTeams"] == [recorded]


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_30_ayat_2_every_element_present_by_the_administrator_only(live_server):
    w = team_world(live_server)
    without_hr = [m for m in composition(w) if m["role"] != "HR_UNIT_HEAD"]
    given = {"i": {"name": "Tim Transformasi Manajemen", "decree": DECREE, "members": without_hr}}
    incomplete = live_server.gql(RECORD, given)["recordTransformationTeam"]
    assert incomplete["code"] == "TRANSFORMATION_TEAM_INCOMPLETE" and "HR_UNIT_HEAD" in incomplete["message"]
    assert incomplete["legalBasis"] == ["banjarnegara-2024 Pasal 29; Pasal 30 ayat (2)"]
    unknown = [*composition(w), {"nip": "199901012020011999", "role": "APPRAISER"}]
    given = {"i": {"name": "Tim Transformasi Manajemen", "decree": DECREE, "members": unknown}}
    assert live_server.gql(RECORD, given)["recordTransformationTeam"]["code"] == "OFFICIAL_NOT_FOUND"
    early = {"i": {"name": "Tim", "decree": {**DECREE, "date": "2024-03-01"}, "members": composition(w)}}
    assert live_server.gql(RECORD, early)["recordTransformationTeam"]["code"] == "REGULATION_NOT_IN_FORCE"
    undated = {"i": {"name": "Tim", "decree": {**DECREE, "number": ""}, "members": composition(w)}}
    assert live_server.gql(RECORD, undated)["recordTransformationTeam"]["code"] == "REQUIRED"
    complete = {"i": {"name": "Tim", "decree": DECREE, "members": composition(w)}}
    as_official = live_server.gql(RECORD, complete, token=live_server.token(w.w.official))
    assert as_official["recordTransformationTeam"]["code"] == "NOT_AUTHORISED"
    assert live_server.gql(LIST)["transformationTeams"] == []  # nothing recorded


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_has_no_transformation_team(live_server):
    w = team_world(live_server)
    given = {"i": {"name": "Tim", "decree": DECREE, "members": composition(w)}}
    assert live_server.gql(RECORD, given)["recordTransformationTeam"]["code"] == "NO_TRANSFORMATION_TEAM"
