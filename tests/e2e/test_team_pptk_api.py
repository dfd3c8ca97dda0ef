"""Kab. Serang Pasal 17 over GraphQL (issue 10 item 16): "Ketua Tim Kerja dapat diberikan tugas
sebagai pejabat pelaksana teknis kegiatan" — the team's leader designated PPTK by the Kepala
Perangkat Daerah (the profile's teams.pptk, a reading: the text names no one, ayat (2) refers to
the laws on regional finance), with the decree and the period; refused for anyone but the leader,
and where the profile has no such rule."""

import pytest

from tests.e2e.team_letter import (
    EXPERIENCE,
    FORM,
    LEAD,
    PPTK,
    PROPOSE_LEADER,
    Q_TEAM,
    THIS_YEAR,
    form_input,
    team_world,
)

DECREE = {"number": "900/Kep.12-DPMPTSP/2026", "date": f"{THIS_YEAR}-01-10", "signedBy": "Kepala Dinas A"}


@pytest.fixture
def led_team(live_server):
    """A Kab. Serang team whose leader the unit head proposed and the agency head appointed."""
    w = team_world(live_server)
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    agency_head = w.heads[w.w.a.agency]
    team = live_server.gql(FORM, {"i": form_input(w.w.a.unit)}, **as_(agency_head))["formTeam"]["team"]
    live_server.gql(
        PROPOSE_LEADER, {"i": {"teamId": team["id"], "nip": w.leader}}, **as_(w.heads[w.w.a.unit])
    )
    lead = {"i": {"teamId": team["id"], "nip": w.leader, "relevantExperience": EXPERIENCE}}
    assert (
        live_server.gql(LEAD, lead, **as_(agency_head))["appointTeamLeader"]["team"]["leaderNip"] == w.leader
    )
    return w, team["id"], as_


def designation(team_id: str, nip: str, **extra) -> dict:
    return {
        "i": {
            "teamId": team_id,
            "nip": nip,
            "validFrom": f"{THIS_YEAR}-01-10",
            "validUntil": f"{THIS_YEAR}-12-31",
            "decree": DECREE,
            **extra,
        }
    }


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_pasal_17_ayat_1_the_leader_designated_pptk_with_decree_and_period(live_server, led_team):
    w, team_id, as_ = led_team
    team = live_server.gql(PPTK, designation(team_id, w.leader), **as_(w.heads[w.w.a.agency]))[
        "designateTeamLeaderPptk"
    ]["team"]
    assert team["pptk"] == {
        "nip": w.leader,
        "validFrom": f"{THIS_YEAR}-01-10",
        "validUntil": f"{THIS_YEAR}-12-31",
        "designatedBy": w.heads[w.w.a.agency],
        "legalBasis": f"kab-serang-2024 Pasal 17 ayat (1); SK {DECREE['number']} tanggal {DECREE['date']} "
        f"({DECREE['signedBy']})",
        "decree": DECREE,
    }
    assert live_server.gql(Q_TEAM, {"id": team_id})["team"]["pptk"]["nip"] == w.leader


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_pasal_17_only_the_leader_by_the_agency_head_for_a_valid_period(live_server, led_team):
    w, team_id, as_ = led_team
    agency_head = as_(w.heads[w.w.a.agency])
    member = live_server.gql(PPTK, designation(team_id, w.w.official), **agency_head)[
        "designateTeamLeaderPptk"
    ]
    assert member["code"] == "PPTK_NOT_THE_LEADER" and member["legalBasis"] == [
        "kab-serang-2024 Pasal 17 ayat (1)"
    ]
    unit_head = live_server.gql(PPTK, designation(team_id, w.leader), **as_(w.heads[w.w.a.unit]))
    assert unit_head["designateTeamLeaderPptk"]["code"] == "NOT_YOUR_STEP"
    reversed_ = designation(
        team_id, w.leader, validFrom=f"{THIS_YEAR}-12-31", validUntil=f"{THIS_YEAR}-01-01"
    )
    assert (
        live_server.gql(PPTK, reversed_, **agency_head)["designateTeamLeaderPptk"]["code"] == "INVALID_PERIOD"
    )
    early = designation(team_id, w.leader, validFrom="2024-01-02")  # before the Perbup took effect
    assert (
        live_server.gql(PPTK, early, **agency_head)["designateTeamLeaderPptk"]["code"]
        == "REGULATION_NOT_IN_FORCE"
    )
    unnumbered = designation(team_id, w.leader, decree={**DECREE, "number": " "})
    assert live_server.gql(PPTK, unnumbered, **agency_head)["designateTeamLeaderPptk"]["code"] == "REQUIRED"
    assert live_server.gql(Q_TEAM, {"id": team_id})["team"]["pptk"] is None  # nothing recorded


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_pasal_17_a_new_leader_does_not_inherit_the_designation(live_server, led_team):
    w, team_id, as_ = led_team
    agency_head = as_(w.heads[w.w.a.agency])
    live_server.gql(PPTK, designation(team_id, w.leader), **agency_head)
    live_server.gql(
        PROPOSE_LEADER, {"i": {"teamId": team_id, "nip": w.weak_leader}}, **as_(w.heads[w.w.a.unit])
    )
    lead = {"i": {"teamId": team_id, "nip": w.weak_leader}}
    team = live_server.gql(LEAD, lead, **agency_head)["appointTeamLeader"]["team"]
    assert team["leaderNip"] == w.weak_leader and team["pptk"] is None


@pytest.mark.parametrize(
    "profile",
    [
        pytest.param(p, marks=pytest.mark.profile(p))
        for p in ("kota-serang-2023", "banjarnegara-2024", "pemalang-2023", "banyumas-2024")
    ],
)
def test_pptk_refused_where_the_regulation_has_no_such_rule(profile, live_server):
    w = team_world(live_server)
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    former = w.heads[w.w.a.unit]
    team = live_server.gql(FORM, {"i": form_input(w.w.a.unit)}, **as_(former))["formTeam"]["team"]
    refused = live_server.gql(PPTK, designation(team["id"], w.leader), **as_(former))[
        "designateTeamLeaderPptk"
    ]
    assert refused["code"] == "NO_PPTK_RULE"
