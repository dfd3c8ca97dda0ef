"""Kota Serang Pasal 9 over GraphQL (issue 10 item 18): "Koordinator dan Ketua Tim Kerja ...
diberikan tambahan penghasilan" — who headed a team, as Ketua Tim or Koordinator, on which days
of a month or a year (from the appointment to the day before the replacement or dissolution,
within the team's period), as a query and CSV the personnel agency reads."""

from datetime import UTC, date, datetime

import pytest

from application.commands.assignments import ConfigureOffices
from tests.e2e.team_letter import (
    AFFAIRS,
    COORDINATE,
    DISSOLVE,
    EXPERIENCE,
    FORM,
    LEAD,
    PROPOSE_LEADER,
    by_ppk,
    form_input,
    team_world,
    with_app,
)
from tests.integration.team_world import ADMIN

pytestmark = pytest.mark.profile("kota-serang-2023")

DAYS = (
    "query($p: String!) { teamHeadDays(period: $p) { period firstDay lastDay csv"
    " legalBasis rows { nip title teamId teamName owningUnit fromDay toDay days eligibility extraIncome"
    " official { nip } } } }"
)


def today() -> date:
    return datetime.now(UTC).date()  # the day events are stamped with


@pytest.fixture
def headed(live_server):
    """A team of this year ending on the 28th of this month, its Ketua Tim appointed today and then
    replaced by a Koordinator today (the agency declared the investment affair)."""
    w = team_world(live_server)
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    now = today()
    end = now.replace(day=28) if now.day <= 28 else now
    period = {"periodStart": f"{now.year}-01-01", "periodEnd": end.isoformat()}
    form = form_input(w.w.a.unit, **period)
    team_id = live_server.gql(FORM, {"i": form}, **as_(w.heads[w.w.a.unit]))["formTeam"]["team"]["id"]
    live_server.gql(PROPOSE_LEADER, {"i": {"teamId": team_id, "nip": w.leader}}, **as_(w.heads[w.w.a.unit]))
    lead = {"i": {"teamId": team_id, "nip": w.leader, "relevantExperience": EXPERIENCE}}
    assert live_server.gql(LEAD, by_ppk(lead))["appointTeamLeader"]["team"]["leaderNip"] == w.leader
    live_server.gql(
        AFFAIRS, {"i": {"agencyCode": w.w.a.agency, "affairs": ["INVESTMENT"], "legalBasis": "SOTK"}}
    )
    coordinator = w.heads[w.w.a_u2]  # an Administrator, IV/a, S1
    appoint = {"i": {"teamId": team_id, "nip": coordinator, "relevantExperience": EXPERIENCE}}
    assert live_server.gql(COORDINATE, by_ppk(appoint))["appointTeamCoordinator"]["team"]["leaderNip"]
    return w, team_id, coordinator, end


def test_kota_serang_pasal_9_ayat_1_head_days_per_month_and_year(live_server, headed):
    w, team_id, coordinator, end = headed
    now = today()
    month = live_server.gql(DAYS, {"p": now.strftime("%Y-%m")})["teamHeadDays"]
    days = (end - now).days + 1
    # The Ketua Tim, replaced the day he was appointed, held no day; the Koordinator holds the rest.
    assert month["rows"] == [
        {
            "nip": coordinator,
            "title": "KOORDINATOR",
            "teamId": team_id,
            "teamName": "Tim Percepatan Perizinan",
            "owningUnit": w.w.a.unit,
            "fromDay": now.isoformat(),
            "toDay": end.isoformat(),
            "days": days,
            "eligibility": "Pasal 8 ayat (4) huruf b",
            "extraIncome": True,  # Pasal 9 ayat (1): the Koordinator of Pasal 8 ayat (4) huruf b
            "official": {"nip": coordinator},
        }
    ]
    assert month["legalBasis"] == "kota-serang-2023 Pasal 9 ayat (1)"
    assert month["csv"].splitlines() == [
        "nip;title;team_id;team;owning_unit;from;to;days;eligibility;extra_income",
        f"{coordinator};KOORDINATOR;{team_id};Tim Percepatan Perizinan;{w.w.a.unit};{now};{end};{days};"
        "Pasal 8 ayat (4) huruf b;yes",
    ]
    year = live_server.gql(DAYS, {"p": str(now.year)})["teamHeadDays"]
    assert (year["firstDay"], year["lastDay"]) == (f"{now.year}-01-01", f"{now.year}-12-31")
    assert [r["days"] for r in year["rows"]] == [days]
    assert live_server.gql(DAYS, {"p": f"{now.year - 1}"})["teamHeadDays"]["rows"] == []


def test_kota_serang_pasal_9_read_by_the_personnel_agency_not_by_others(live_server, headed):
    w, *_ = headed
    period = {"p": str(today().year)}
    refused = live_server.post({"query": DAYS, "variables": period}, live_server.token(w.leader)).json()
    assert refused["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"

    def personnel_agency_is_b(app):
        app.handle(
            ADMIN,
            ConfigureOffices(
                setda_code="SETDA",
                personnel_agency_code=w.w.b.agency,
                ppk_name="Wali Kota",
                ppk_office="Wali Kota",
                legal_basis="Perwal",
            ),
        )

    with_app(live_server, personnel_agency_is_b)
    bkpsdm = live_server.gql(DAYS, period, token=live_server.token(w.w.b.unit_head))["teamHeadDays"]
    assert len(bkpsdm["rows"]) == 1


def test_kota_serang_pasal_9_a_period_is_a_month_or_a_year(live_server):
    for bad in ("2026-13", "0000", "March", "2026-3"):
        response = live_server.post({"query": DAYS, "variables": {"p": bad}}, live_server.token(admin=True))
        assert response.json()["errors"][0]["extensions"]["code"] == "INVALID_HEAD_DAYS_PERIOD", bad


def test_kota_serang_pasal_9_the_days_end_with_the_dissolution(live_server, headed):
    w, team_id, coordinator, _ = headed
    tomorrow = date.fromordinal(today().toordinal() + 1)
    dissolve = {"i": {"teamId": team_id, "on": tomorrow.isoformat(), "reason": "Target tercapai"}}
    assert live_server.gql(DISSOLVE, dissolve, token=live_server.token(w.heads[w.w.a.unit]))["dissolveTeam"]
    rows = live_server.gql(DAYS, {"p": str(today().year)})["teamHeadDays"]["rows"]
    # Held today only: the term ends the day the team is dissolved.
    assert [(r["nip"], r["fromDay"], r["toDay"], r["days"]) for r in rows] == [
        (coordinator, today().isoformat(), today().isoformat(), 1)
    ]


def test_kota_serang_pasal_9_ayat_1_a_fungsional_ketua_tim_is_listed_without_extra_income(live_server):
    """Pasal 9 ayat (1) names the heads of Pasal 8 ayat (4) huruf a and b: the Pelaksana Ketua Tim
    and the Koordinator; a Pejabat Fungsional Ketua Tim (Pasal 1 angka 20) is not among them."""
    w = team_world(live_server)
    as_ = lambda nip: {"token": live_server.token(nip)}  # noqa: E731
    form = form_input(w.w.a.unit, scope="CROSS_UNIT")
    team_id = live_server.gql(FORM, {"i": form}, **as_(w.heads["SETDA"]))["formTeam"]["team"]["id"]
    live_server.gql(
        PROPOSE_LEADER, {"i": {"teamId": team_id, "nip": w.outsider_leader}}, **as_(w.heads[w.w.a.unit])
    )
    lead = {"i": {"teamId": team_id, "nip": w.outsider_leader, "confirmWarnings": True}}
    assert live_server.gql(LEAD, by_ppk(lead))["appointTeamLeader"]["team"]["leaderNip"] == w.outsider_leader
    rows = live_server.gql(DAYS, {"p": str(today().year)})["teamHeadDays"]["rows"]
    assert [(r["nip"], r["title"], r["eligibility"], r["extraIncome"]) for r in rows] == [
        (w.outsider_leader, "KETUA_TIM", "Pasal 1 angka 20; Pasal 12 ayat (4)", False)
    ]
