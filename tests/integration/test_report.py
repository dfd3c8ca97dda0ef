"""Reporting lines for every profile: member -> leader, leader -> unit head / appraiser / assigner,
individual -> whom the profile says; periodic obligations; an ad-hoc request by the unit head
(an obligation until answered); the leader's input on each member for the member's appraiser.

Parametrised over the five profiles on SQLite; test_team_life.py repeats a representative walk on
PostgreSQL.
"""

from datetime import date

import pytest

from application.commands.evaluation import SubmitResults
from application.commands.reporting import ForwardReport, ReportMemberPerformance, RequestReport, SubmitReport
from application.commands.teams import AdmitTeamMembers
from domain.errors import Conflict, Forbidden, InvalidInput
from projections.reports.queries import ReportQueries
from projections.teams.queries import TeamQueries
from tests.integration.team_world import (
    PROFILES,
    as_,
    events,
    fixed_team_assignment,
    form,
    staffed_team,
    world_for,
)

# Article of each line, per profile: (member -> leader, leader -> up, individual, may request).
ARTICLES = {
    "kab-serang-2024": ("Pasal 11 ayat (1)", "Pasal 11 ayat (2)", "Pasal 10", "Pasal 11 ayat (3)"),
    "kota-serang-2023": ("Pasal 16 ayat (2)", "Pasal 16 ayat (3)", "Pasal 16 ayat (1)", "Pasal 16 ayat (4)"),
    "banjarnegara-2024": (
        "Pasal 25 ayat (3) huruf a",
        "Pasal 25 ayat (3) huruf b",
        "Pasal 25 ayat (2)",
        "Pasal 25 ayat (4)",
    ),
    "pemalang-2023": ("Pasal 17 huruf b", "Pasal 17 huruf a", "Pasal 16", "Pasal 17 huruf c"),
    "banyumas-2024": ("Pasal 13 ayat (1)", "Pasal 13 ayat (2)", "Pasal 12", "Pasal 13 ayat (3)"),
}
PERIOD = date.today().strftime("%Y-%m")  # every profile reports monthly; lines start when members join


@pytest.fixture(params=PROFILES)
def tw(request, tmp_path, tmp_path_factory):
    system, world = world_for(request.param, tmp_path, tmp_path_factory)
    yield system, world
    system.close()


def reported(app, actor, command):
    """The report the command recorded."""
    return app.repo.report(app.handle(actor, command).result["report_id"])


def _report(app, nip, subject, **kw):
    return reported(
        app,
        as_(nip),
        SubmitReport(
            subject_id=str(subject.id),
            period=PERIOD,
            text="Data 12 desa terkumpul",
            progress=[{"target": "T1", "progress": "40%"}],
            attachments=["dms://laporan/1"],
            **kw,
        ),
    )


def test_members_report_to_the_leader_and_the_leader_reports_up(tw):
    system, world = tw
    app, queries = system.app, ReportQueries(system.store)
    member_article, leader_article, _, _ = ARTICLES[app.profile.id]
    team = staffed_team(app, world)
    owed = queries.obligations(app.profile, PERIOD)
    assert {(o["kind"], o["reporter_nip"]) for o in owed} == {
        ("MEMBER", world.w.official),
        ("MEMBER", world.w.second),
        ("LEADER", world.leader),
    }
    assert all(o["recipient_nips"] == [world.leader] for o in owed if o["kind"] == "MEMBER")

    member_report = _report(app, world.w.official, team)
    assert member_report.line == "MEMBER" and [r["nip"] for r in member_report.recipients] == [world.leader]
    assert member_article in events(app, member_report.id)[0].decision["legal_basis"]

    leader_report = _report(app, world.leader, team)
    up = {r["role"] for r in leader_report.recipients}
    expected = {"banyumas-2024": {"OFFICIAL_APPRAISER"}}.get(
        app.profile.id, {"OWNING_UNIT_HEAD"}
    )  # Banyumas: appraiser and unit head are one person here; Kota Serang: the owning unit's tier
    assert leader_report.line == "LEADER" and up == expected
    assert [r["nip"] for r in leader_report.recipients] == [world.heads[world.w.a.unit]]
    assert leader_article in events(app, leader_report.id)[0].decision["legal_basis"]

    still = {(o["kind"], o["reporter_nip"]) for o in queries.obligations(app.profile, PERIOD)}
    assert still == {("MEMBER", world.w.second)}
    assert queries.reports(recipient_nip=world.leader, period=PERIOD)[0]["id"] == str(member_report.id)
    with pytest.raises(InvalidInput) as bad:
        app.handle(as_(world.w.second), SubmitReport(subject_id=str(team.id), period="2025-13", text="x"))
    assert bad.value.code == "INVALID_PERIOD"
    with pytest.raises(InvalidInput) as outsider:
        _report(app, world.w.bystander, team)
    assert outsider.value.code == "NOT_A_MEMBER"


def test_an_individual_reports_to_whom_the_profile_says(tw):
    """Banyumas Pasal 12: appraiser and/or unit head; Kota Serang Pasal 16(1) "secara berjenjang",
    Lampiran angka 2 huruf c: the owning unit's head first."""
    system, world = tw
    app = system.app
    queries = ReportQueries(system.store)
    a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    subunit_head, appraiser = world.heads[world.w.a.subunit], world.heads[world.w.a.unit]
    expected = {
        "banyumas-2024": {"OFFICIAL_APPRAISER": appraiser, "OWNING_UNIT_HEAD": subunit_head},
    }.get(app.profile.id, {"OWNING_UNIT_HEAD": subunit_head})
    owed = queries.obligations(app.profile, PERIOD)  # owed from the day the letter was issued
    assert [(o["kind"], o["reporter_nip"], o["subject_id"]) for o in owed] == [
        ("INDIVIDUAL", world.w.official, str(a.id))
    ]
    assert set(owed[0]["recipient_nips"]) == set(expected.values())
    report = _report(app, world.w.official, a)
    to = {r["role"]: r["nip"] for r in report.recipients}
    assert report.line == "INDIVIDUAL" and to == expected
    assert queries.obligations(app.profile, PERIOD) == []
    assert ARTICLES[app.profile.id][2] in events(app, report.id)[0].decision["legal_basis"]
    with pytest.raises(Forbidden):
        _report(app, world.w.second, a)


def test_a_unit_head_requests_a_report_at_any_time_an_obligation_until_answered(tw):
    system, world = tw
    app, queries = system.app, ReportQueries(system.store)
    team = staffed_team(app, world)
    head = world.heads[world.w.a.unit]
    with pytest.raises(Forbidden) as refused:
        app.handle(
            as_(world.w.bystander),
            RequestReport(official_nip=world.w.official, subject_id=str(team.id), about="Progres pendataan"),
        )
    assert refused.value.code == "NOT_YOUR_STEP" and head in str(refused.value.details["holders"])
    asked = app.handle(
        as_(head),
        RequestReport(official_nip=world.w.official, subject_id=str(team.id), about="Progres pendataan desa"),
    )
    request = app.repo.report_request(asked.result["request_id"])
    assert ARTICLES[app.profile.id][3] in events(app, request.id)[0].decision["legal_basis"]
    owed = [
        o
        for o in queries.obligations(app.profile, PERIOD, reporter_nip=world.w.official)
        if o["kind"] == "ON_REQUEST"
    ]
    assert (
        owed[0]["recipient_nips"] == [head] and owed[0]["since"] and owed[0]["request_id"] == str(request.id)
    )
    with pytest.raises(Forbidden):
        _report(app, world.w.second, team, in_reply_to=str(request.id))
    answer = _report(app, world.w.official, team, in_reply_to=str(request.id))
    assert answer.line == "ON_REQUEST" and [r["nip"] for r in answer.recipients] == [head]
    assert app.repo.report_request(str(request.id)).status == "ANSWERED"
    assert not [o for o in queries.obligations(app.profile, PERIOD) if o["kind"] == "ON_REQUEST"]
    with pytest.raises(Conflict):
        _report(app, world.w.official, team, in_reply_to=str(request.id))


def test_the_leader_reports_each_members_performance_to_their_appraiser(tw):
    system, world = tw
    app, queries = system.app, TeamQueries(system.store)
    team = staffed_team(app, world)
    with pytest.raises(Forbidden):
        app.handle(
            as_(world.w.official),
            ReportMemberPerformance(
                team_id=str(team.id), period=PERIOD, nip=world.w.second, contribution="Baik"
            ),
        )
    app.handle(
        as_(world.leader),
        ReportMemberPerformance(
            team_id=str(team.id),
            period=PERIOD,
            nip=world.w.official,
            contribution="Menyelesaikan analisis 12 desa tepat waktu",
            results=[{"target": "T1", "result": "Peta 12 desa"}],
        ),
    )
    row = queries.member_performance(str(team.id), PERIOD)[0]
    roles = {r["role"] for r in row["recipients"]}
    assert row["nip"] == world.w.official and row["role"] == "Analis data"
    assert "OFFICIAL_APPRAISER" in roles and world.heads[world.w.a.unit] in {
        r["nip"] for r in row["recipients"]
    }
    assert app.profile.reporting.member_performance_to.citation in row["legal_basis"]


def test_a_team_without_a_leader_reports_where_the_leader_would_only_if_the_profile_allows_it(tw):
    """Banjarnegara Pasal 23 ayat (6), Pemalang Pasal 14 ayat (2) huruf g, Banyumas Lampiran BAB II
    B.3 huruf b: a leader "dapat" be appointed; Kab. Serang Pasal 7 ayat (3) and Kota Serang Pasal 12
    ayat (6): a team has a leader."""
    system, world = tw
    app = system.app
    team = form(app, world)
    a = fixed_team_assignment(app, owning_unit=team.owning_unit, nips=[world.w.official])
    admit = AdmitTeamMembers(team_id=str(team.id), assignment_id=str(a.id))
    if app.profile.teams.members_proposed_by is not None:
        # Kota Serang Pasal 12 ayat (5): members come on the leader's proposal, so none join without one.
        with pytest.raises(InvalidInput) as unproposed:
            app.handle(as_(team.formed_by_nip), admit)
        assert unproposed.value.code == "MEMBER_NOT_PROPOSED"
        return
    app.handle(as_(team.formed_by_nip), admit)
    if app.profile.teams.leader_required.value:
        with pytest.raises(InvalidInput) as refused:
            _report(app, world.w.official, team)
        assert refused.value.code == "LEADER_REQUIRED"
        with pytest.raises(InvalidInput):
            app.handle(
                as_(world.w.official),
                SubmitResults(
                    subject_id=str(team.id), summary="s", results=[{"target": "T1", "achieved": "x"}]
                ),
            )
        return
    owed = ReportQueries(system.store).obligations(app.profile, PERIOD)
    assert [(o["reporter_nip"], o["recipient_nips"]) for o in owed] == [
        (world.w.official, [world.heads[world.w.a.unit]])
    ]
    report = _report(app, world.w.official, team)
    assert world.heads[world.w.a.unit] in {r["nip"] for r in report.recipients}
    assert ReportQueries(system.store).obligations(app.profile, PERIOD) == []
    submitted = app.handle(
        as_(world.w.official),
        SubmitResults(subject_id=str(team.id), summary="s", results=[{"target": "T1", "achieved": "x"}]),
    )
    assert app.repo.evaluation(submitted.result).status == "UNDER_REVIEW"


def test_a_report_goes_up_tier_by_tier(tw):
    """Kota Serang Pasal 16 ayat (1): to the owning unit's head, then "secara berjenjang" to each head
    above."""
    system, world = tw
    app = system.app
    a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    report = _report(app, world.w.official, a)
    with pytest.raises(Forbidden) as stranger:
        app.handle(as_(world.w.bystander), ForwardReport(report_id=str(report.id), note="Diteruskan"))
    assert stranger.value.code == "NOT_A_RECIPIENT"
    unit_of = {nip: unit for unit, nip in world.heads.items()}
    receiver = report.recipients[0]["nip"]
    while "." in unit_of[receiver]:
        above = world.heads[unit_of[receiver].rsplit(".", 1)[0]]
        forward = ForwardReport(report_id=str(report.id), note="Diteruskan ke atasan")
        report = reported(app, as_(receiver), forward)
        assert report.line == "FORWARDED" and [r["nip"] for r in report.recipients] == [above]
        assert ARTICLES[app.profile.id][2] in report.legal_basis
        receiver = above
    with pytest.raises(InvalidInput) as top:  # the agency head: no tier above him here
        app.handle(as_(receiver), ForwardReport(report_id=str(report.id), note="x"))
    assert top.value.code == "NO_HIGHER_TIER"
    assert ReportQueries(system.store).reports(recipient_nip=receiver)[-1]["forwarded_from"]
