"""Kab. Serang Pasal 7 ayat (4) over GraphQL: a team leader "dapat berasal dari Jabatan Pimpinan Tinggi
Pratama, Jabatan Administrator, Jabatan Fungsional atau Pelaksana" — not a Pengawas, whom Lampiran A
makes a coordinator "seperti ketua tim" (the reading is in the profile's note)."""

from infra.bootstrap import build
from tests.integration.team_world import _build

ERR = "... on CommandError { code message legalBasis }"
FORM = (
    "mutation($i: FormTeamInput!) { formTeam(input: $i) { "
    f"... on TeamSuccess {{ team {{ id }} }} {ERR} }} }}"
)
PROPOSE = (
    "mutation($i: ProposeTeamLeaderInput!) { proposeTeamLeader(input: $i) { "
    f"... on TeamSuccess {{ team {{ id }} }} {ERR} }} }}"
)


def test_kab_serang_pasal_7_ayat_4_a_pengawas_is_not_a_team_leader(live_server):
    setup = build(live_server.settings, migrate=False)
    try:
        world = _build(setup.app)
    finally:
        setup.close()
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    form = {
        "i": {
            "owningUnit": "A.U1",
            "scope": "WITHIN_UNIT",
            "name": "Tim Data",
            "tasks": ["Data"],
            "targets": [{"description": "Data", "measure": "1 dokumen"}],
            "plannedMembers": [{"nip": world.w.official, "role": "Analis"}],
            "periodStart": "2025-01-01",
            "periodEnd": "2025-12-31",
        }
    }
    team = live_server.gql(FORM, form, **as_(world.heads["A"]))["formTeam"]["team"]
    kasi = world.heads["A.U1.S1"]
    refused = live_server.gql(
        PROPOSE, {"i": {"teamId": team["id"], "nip": kasi}}, **as_(world.heads["A.U1"])
    )["proposeTeamLeader"]
    assert refused["code"] == "LEADER_NOT_ELIGIBLE"
    assert refused["legalBasis"] == ["kab-serang-2024 Pasal 7 ayat (4)"]
    proposed = live_server.gql(
        PROPOSE, {"i": {"teamId": team["id"], "nip": world.leader}}, **as_(world.heads["A.U1"])
    )["proposeTeamLeader"]
    assert proposed["team"]["id"] == team["id"]
