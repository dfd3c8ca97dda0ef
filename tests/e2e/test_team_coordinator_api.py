"""Kota Serang's Koordinator and Ketua Tim over GraphQL (issue 10 item 8; audit KT-12, KT-13):
the Koordinator heads a team in the Ketua Tim's place (Pasal 12 ayat (6)), appointed by the PPK
(Pasal 8 ayat (6)), only in the agency for investment affairs (ayat (5)), eligible by ayat (4)
huruf b with the experience stated; a Pelaksana Ketua Tim states his experience (ayat (4) huruf a
angka 3); an Administrator is not a Ketua Tim (Pasal 1 angka 20); members the leader proposed
show on the team until admitted (Pasal 12 ayat (5))."""

import pytest

from tests.e2e.team_letter import (
    AFFAIRS,
    COORDINATE,
    EXPERIENCE,
    FORM,
    LEAD,
    PROPOSE_LEADER,
    PROPOSE_MEMBERS,
    Q_TEAM,
    by_ppk,
    form_input,
    team_world,
    with_app,
)
from tests.integration.team_world import ADMIN
from tests.support import register

pytestmark = pytest.mark.profile("kota-serang-2023")


@pytest.fixture
def world(live_server):
    w = team_world(live_server)
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    team = live_server.gql(FORM, {"i": form_input(w.w.a.unit)}, **as_(w.heads[w.w.a.unit]))["formTeam"][
        "team"
    ]
    return w, team["id"], as_


def declare_investment(live_server, agency: str) -> None:
    declared = live_server.gql(
        AFFAIRS,
        {"i": {"agencyCode": agency, "affairs": ["INVESTMENT"], "legalBasis": "Perwal SOTK DPMPTSP"}},
    )["declareAgencyAffairs"]
    assert declared == {"unit": {"code": agency, "affairs": ["INVESTMENT"]}}


def candidates(live_server) -> dict[str, str]:
    """Officials of each kind the Koordinator rule sorts (Pasal 8 ayat (4) huruf b, Pasal 1 angka 18)."""

    def make(app):
        kinds = {
            "administrator": dict(position_type="ADMINISTRATOR", rank="III/d"),
            "pengawas_low_rank": dict(position_type="PENGAWAS", rank="III/c"),
            "ahli_muda": dict(position_type="FUNGSIONAL", grade="AHLI_MUDA", rank="III/d"),
            "ahli_madya": dict(position_type="FUNGSIONAL", grade="AHLI_MADYA", rank="IV/a"),
            "ahli_pertama": dict(position_type="FUNGSIONAL", grade="AHLI_PERTAMA", rank="III/d"),
            "ahli_muda_d3": dict(position_type="FUNGSIONAL", grade="AHLI_MUDA", rank="III/d", education="D3"),
        }
        return {name: register(app, ADMIN, **kw) for name, kw in kinds.items()}

    return with_app(live_server, make)


def test_kota_serang_pasal_8_ayat_5_coordinator_only_in_the_investment_agency(live_server, world):
    w, team_id, as_ = world
    people = candidates(live_server)
    appoint = {"i": {"teamId": team_id, "nip": people["administrator"], "relevantExperience": EXPERIENCE}}
    refused = live_server.gql(COORDINATE, by_ppk(appoint))["appointTeamCoordinator"]
    assert refused["code"] == "COORDINATOR_AGENCY_AFFAIR"
    assert refused["legalBasis"] == ["kota-serang-2023 Pasal 8 ayat (5)"]
    assert live_server.gql(Q_TEAM, {"id": team_id})["team"]["coordinator"] is None  # nothing recorded
    declare_investment(live_server, w.w.a.agency)
    team = live_server.gql(COORDINATE, by_ppk(appoint))["appointTeamCoordinator"]["team"]
    assert team["coordinator"] == {"nip": people["administrator"]} and team["headTitle"] == "KOORDINATOR"
    assert team["leaderNip"] == people["administrator"]  # the team's one head (Pasal 12 ayat (6))
    assert team["headExperience"] == EXPERIENCE


def test_kota_serang_pasal_8_ayat_4_huruf_b_coordinator_eligibility(live_server, world):
    w, team_id, as_ = world
    people = candidates(live_server)
    declare_investment(live_server, w.w.a.agency)

    def appoint(name: str, experience: dict | None = EXPERIENCE) -> dict:
        given = {"teamId": team_id, "nip": people[name], "relevantExperience": experience}
        return live_server.gql(COORDINATE, by_ppk({"i": given}))["appointTeamCoordinator"]

    for name in ("pengawas_low_rank", "ahli_pertama", "ahli_muda_d3"):  # III/d, the grades, S1
        refused = appoint(name)
        assert refused["code"] == "LEADER_NOT_ELIGIBLE", name
        assert "kota-serang-2023 Pasal 8 ayat (4) huruf b" in refused["legalBasis"]
    missing = appoint("ahli_muda", None)  # angka 3: stated, never assumed
    assert missing["code"] == "RELEVANT_EXPERIENCE_REQUIRED"
    assert live_server.gql(Q_TEAM, {"id": team_id})["team"]["leaderNip"] is None
    # An Administrator has no grade: the grades bind the functional officials only (KT-13).
    for name in ("administrator", "ahli_muda", "ahli_madya"):
        assert appoint(name)["team"]["coordinator"] == {"nip": people[name]}, name


def test_kota_serang_pasal_8_ayat_6_coordinator_appointed_by_the_ppk(live_server, world):
    w, team_id, as_ = world
    people = candidates(live_server)
    declare_investment(live_server, w.w.a.agency)
    appoint = {"i": {"teamId": team_id, "nip": people["ahli_madya"], "relevantExperience": EXPERIENCE}}
    # The Wali Kota has no NIP: his decision comes as a signed letter, which the administrator records.
    refused = live_server.gql(COORDINATE, appoint, **as_(w.heads[w.w.a.unit]))["appointTeamCoordinator"]
    assert refused["code"] == "DECIDED_BY_LETTER" and refused["legalBasis"] == [
        "kota-serang-2023 Pasal 8 ayat (6)"
    ]
    with_letter = live_server.gql(COORDINATE, by_ppk(appoint), **as_(w.heads[w.w.a.unit]))
    assert with_letter["appointTeamCoordinator"]["code"] == "NOT_AUTHORISED"
    assert live_server.gql(Q_TEAM, {"id": team_id})["team"]["coordinator"] is None  # nothing recorded
    team = live_server.gql(COORDINATE, by_ppk(appoint))["appointTeamCoordinator"]["team"]
    assert team["coordinator"] == {"nip": people["ahli_madya"]}


def test_kota_serang_pasal_12_ayat_6_a_coordinator_replaces_the_ketua_tim(live_server, world):
    w, team_id, as_ = world
    people = candidates(live_server)
    declare_investment(live_server, w.w.a.agency)
    live_server.gql(PROPOSE_LEADER, {"i": {"teamId": team_id, "nip": w.leader}}, **as_(w.heads[w.w.a.unit]))
    lead = {"i": {"teamId": team_id, "nip": w.leader, "relevantExperience": EXPERIENCE}}
    assert live_server.gql(LEAD, by_ppk(lead))["appointTeamLeader"]["team"]["headTitle"] == "KETUA_TIM"
    appoint = {"i": {"teamId": team_id, "nip": people["ahli_muda"], "relevantExperience": EXPERIENCE}}
    team = live_server.gql(COORDINATE, by_ppk(appoint))["appointTeamCoordinator"]["team"]
    assert team["leaderNip"] == people["ahli_muda"] and team["headTitle"] == "KOORDINATOR"
    assert team["leader"] == team["coordinator"] == {"nip": people["ahli_muda"]}


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_has_no_coordinator(live_server):
    w = team_world(live_server)
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    team = live_server.gql(FORM, {"i": form_input(w.w.a.unit)}, **as_(w.heads[w.w.a.agency]))["formTeam"][
        "team"
    ]
    given = {"teamId": team["id"], "nip": w.outsider_leader, "relevantExperience": EXPERIENCE}
    refused = live_server.gql(COORDINATE, {"i": given}, **as_(w.heads[w.w.a.agency]))[
        "appointTeamCoordinator"
    ]
    assert refused["code"] == "NO_COORDINATOR"


def test_kota_serang_pasal_8_ayat_4_huruf_a_angka_3_a_pelaksana_leader_states_his_experience(
    live_server, world
):
    w, team_id, as_ = world
    live_server.gql(PROPOSE_LEADER, {"i": {"teamId": team_id, "nip": w.leader}}, **as_(w.heads[w.w.a.unit]))
    refused = live_server.gql(LEAD, by_ppk({"i": {"teamId": team_id, "nip": w.leader}}))["appointTeamLeader"]
    assert refused["code"] == "RELEVANT_EXPERIENCE_REQUIRED"
    assert refused["legalBasis"] == ["kota-serang-2023 Pasal 8 ayat (4) huruf a"]
    assert live_server.gql(Q_TEAM, {"id": team_id})["team"]["leaderNip"] is None  # nothing recorded
    half = {"statement": "Pengelola data", "evidence": " "}
    blank = {"i": {"teamId": team_id, "nip": w.leader, "relevantExperience": half}}
    assert live_server.gql(LEAD, by_ppk(blank))["appointTeamLeader"]["code"] == "REQUIRED"
    stated = {"i": {"teamId": team_id, "nip": w.leader, "relevantExperience": EXPERIENCE}}
    team = live_server.gql(LEAD, by_ppk(stated))["appointTeamLeader"]["team"]
    assert team["leaderNip"] == w.leader and team["headTitle"] == "KETUA_TIM"
    assert team["headExperience"] == EXPERIENCE and team["coordinator"] is None


def test_kota_serang_pasal_1_angka_20_an_administrator_is_not_a_ketua_tim(live_server, world):
    """KT-12: Pasal 8 ayat (4) routes administrator/pengawas to the Koordinator role."""
    w, team_id, as_ = world
    administrator = w.heads[w.w.a_u2]
    proposed = {"i": {"teamId": team_id, "nip": administrator}}
    refused = live_server.gql(PROPOSE_LEADER, proposed, **as_(w.heads[w.w.a.unit]))["proposeTeamLeader"]
    assert refused["code"] == "LEADER_NOT_ELIGIBLE"
    assert "kota-serang-2023 Pasal 8 ayat (4) huruf a" in refused["legalBasis"]


def test_kota_serang_pasal_12_ayat_5_pending_member_proposals_show_on_the_team(live_server, world):
    w, team_id, as_ = world
    members = {"i": {"teamId": team_id, "members": [{"nip": w.w.official, "role": "Analis"}]}}
    # Without a leader nobody proposes members (Pasal 12 ayat (5)-(6): the team has its leader).
    vacant = live_server.gql(PROPOSE_MEMBERS, members, **as_(w.heads[w.w.a.unit]))["proposeTeamMembers"]
    assert vacant["code"] == "NOT_YOUR_STEP"
    live_server.gql(PROPOSE_LEADER, {"i": {"teamId": team_id, "nip": w.leader}}, **as_(w.heads[w.w.a.unit]))
    lead = {"i": {"teamId": team_id, "nip": w.leader, "relevantExperience": EXPERIENCE}}
    live_server.gql(LEAD, by_ppk(lead))
    team = live_server.gql(PROPOSE_MEMBERS, members, **as_(w.leader))["proposeTeamMembers"]["team"]
    assert team["pendingMemberProposals"] == [
        {"nip": w.w.official, "role": "Analis", "proposedBy": w.leader, "official": {"nip": w.w.official}}
    ]


def test_kota_serang_pasal_8_ayat_5_the_affair_is_an_agencys_declared_by_the_administrator(
    live_server, world
):
    w, *_ = world
    declare = {"i": {"agencyCode": w.w.a.unit, "affairs": ["INVESTMENT"], "legalBasis": "Perwal SOTK"}}
    assert live_server.gql(AFFAIRS, declare)["declareAgencyAffairs"]["code"] == "AFFAIRS_FOR_AGENCIES"
    by_official = {"i": {**declare["i"], "agencyCode": w.w.a.agency}}
    refused = live_server.gql(AFFAIRS, by_official, token=live_server.token(w.heads[w.w.a.agency]))
    assert refused["declareAgencyAffairs"]["code"] == "NOT_AUTHORISED"
    unit = "query($c: String!) { unit(code: $c) { affairs } }"
    assert live_server.gql(unit, {"c": w.w.a.agency})["unit"]["affairs"] == []  # nothing recorded
