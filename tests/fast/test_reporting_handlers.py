"""Fast tier for the reporting and escalation handlers (application.handlers.reporting,
application.handlers.escalation): given a world and a staffed team (or an individual
assignment), when a command runs, then its events, or its typed refusal."""

from datetime import date

import pytest

from application.commands.reporting import (
    DecideEscalation,
    ForwardReport,
    RaiseEscalation,
    ReportMemberPerformance,
    RequestReport,
    SubmitReport,
)
from application.commands.teams import AdmitTeamMembers
from application.principal import Principal
from domain.errors import Conflict, Forbidden, InvalidInput
from tests.integration.team_world import _build, fixed_team_assignment, form, staffed_team

PERIOD = date.today().strftime("%Y-%m")  # monthly in every profile


def names(events: list[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def nips(people: list[dict]) -> list[str]:
    return [p["nip"] for p in people]


@pytest.fixture
def team_world(given):
    """Kab. Serang: a team in A.U1, led, both officials admitted."""
    g = given()
    world = _build(g.app)
    return g, world, staffed_team(g.app, world)


def test_submit_report_goes_up_the_members_line_and_refuses_an_outsider(team_world):
    g, world, team = team_world
    outcome, events = g.when(
        Principal(world.w.official),
        SubmitReport(
            subject_id=str(team.id),
            period=PERIOD,
            text="Data 12 desa",
            progress=[{"target": "T1", "progress": "40%"}],
        ),
    )
    assert names(events) == ["Report.Reported"]
    reported = events[0]
    assert (reported.line, nips(reported.recipients), reported.period) == ("MEMBER", [world.leader], PERIOD)
    assert reported.progress == [{"target": "T1", "progress": "40%"}]
    assert outcome.result == {"report_id": str(reported.originator_id), "subject_id": str(team.id)}
    with pytest.raises(InvalidInput) as outsider:
        g.when(Principal(world.w.bystander), SubmitReport(subject_id=str(team.id), period=PERIOD, text="x"))
    assert outsider.value.code == "NOT_A_MEMBER"


def test_submit_report_in_reply_answers_the_request_once(team_world):
    g, world, team = team_world
    head = world.heads[world.w.a.unit]
    asked = g.given(
        Principal(head),
        RequestReport(official_nip=world.w.official, subject_id=str(team.id), about="Progres"),
    )[0].result["request_id"]
    answer = SubmitReport(subject_id=str(team.id), period=PERIOD, text="Progres 40%", in_reply_to=asked)
    _, events = g.when(Principal(world.w.official), answer)
    assert names(events) == ["Report.Reported", "ReportRequest.Answered"]
    assert (events[0].line, nips(events[0].recipients)) == ("ON_REQUEST", [head])
    assert events[1].report_id == str(events[0].originator_id)
    with pytest.raises(Conflict) as again:
        g.when(Principal(world.w.official), answer)
    assert again.value.code == "REPORT_REQUEST_ANSWERED"


def test_submit_report_without_a_leader_is_refused_where_the_profile_requires_one(given):
    g = given()  # Kab. Serang Pasal 7 ayat (3): a team has a leader
    world = _build(g.app)
    team = form(g.app, world)
    assignment = fixed_team_assignment(g.app, owning_unit=team.owning_unit, nips=[world.w.official])
    g.app.handle(
        Principal(team.formed_by_nip),
        AdmitTeamMembers(team_id=str(team.id), assignment_id=str(assignment.id)),
    )
    with pytest.raises(InvalidInput) as refused:
        g.when(Principal(world.w.official), SubmitReport(subject_id=str(team.id), period=PERIOD, text="x"))
    assert refused.value.code == "LEADER_REQUIRED" and refused.value.legal_basis


def test_forward_report_passes_it_one_tier_up_and_only_by_a_recipient(given):
    g = given()
    world = _build(g.app)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    report_id = g.given(
        Principal(world.w.official), SubmitReport(subject_id=str(a.id), period=PERIOD, text="Selesai")
    )[0].result["report_id"]
    subunit_head, unit_head = world.heads[world.w.a.subunit], world.heads[world.w.a.unit]
    outcome, events = g.when(Principal(subunit_head), ForwardReport(report_id=report_id, note="Diteruskan"))
    assert names(events) == ["Report.Reported"]
    forwarded = events[0]
    assert (forwarded.line, forwarded.forwarded_from, nips(forwarded.recipients)) == (
        "FORWARDED",
        report_id,
        [unit_head],
    )
    assert forwarded.decision["capacity"]["unit_code"] == world.w.a.subunit
    with pytest.raises(Forbidden) as stranger:
        g.when(Principal(world.w.bystander), ForwardReport(report_id=report_id, note="x"))
    assert stranger.value.code == "NOT_A_RECIPIENT"


def test_request_report_by_the_unit_head_and_not_by_a_bystander(team_world):
    g, world, team = team_world
    head = world.heads[world.w.a.unit]
    outcome, events = g.when(
        Principal(head),
        RequestReport(official_nip=world.w.official, subject_id=str(team.id), about="Progres pendataan"),
    )
    assert names(events) == ["ReportRequest.Requested"]
    assert (events[0].requester_nip, events[0].official_nip, events[0].team_id) == (
        head,
        world.w.official,
        str(team.id),
    )
    assert outcome.result == {"request_id": str(events[0].originator_id), "official_nip": world.w.official}
    with pytest.raises(Forbidden) as refused:
        g.when(
            Principal(world.w.bystander),
            RequestReport(official_nip=world.w.official, subject_id=str(team.id), about="x"),
        )
    assert refused.value.code == "NOT_YOUR_STEP" and head in str(refused.value.details["holders"])


def test_report_member_performance_by_the_leader_to_the_members_appraiser(team_world):
    g, world, team = team_world
    outcome, events = g.when(
        Principal(world.leader),
        ReportMemberPerformance(
            team_id=str(team.id),
            period=PERIOD,
            nip=world.w.official,
            contribution="Tepat waktu",
            results=[{"target": "T1", "result": "Peta 12 desa"}],
        ),
    )
    assert names(events) == ["Team.MemberPerformanceReported"]
    assert world.heads[world.w.a.unit] in nips(events[0].recipients)  # the member's appraiser
    assert outcome.result == {"team_id": str(team.id), "period": PERIOD}
    with pytest.raises(Forbidden) as refused:
        g.when(
            Principal(world.w.official),
            ReportMemberPerformance(
                team_id=str(team.id), period=PERIOD, nip=world.w.second, contribution="Baik"
            ),
        )
    assert refused.value.code == "NOT_YOUR_STEP"


def test_raise_escalation_to_each_units_head_and_only_with_alternatives(team_world):
    g, world, team = team_world
    problem = dict(subject_id=str(team.id), problems="Data desa B belum ada", other_units=["B.U1", "A.U1"])
    outcome, events = g.when(
        Principal(world.leader), RaiseEscalation(alternatives=["Minta ke B", " "], **problem)
    )
    assert names(events) == ["Escalation.Raised"]
    raised = events[0]
    assert [a["unit_code"] for a in raised.addressees] == ["A.U1", "B.U1"]
    assert (raised.subject_kind, raised.alternatives) == ("TEAM", [{"code": "A1", "text": "Minta ke B"}])
    assert raised.decision["capacity"]["position"] == "TEAM_LEADER"
    with pytest.raises(InvalidInput) as empty:
        g.when(Principal(world.leader), RaiseEscalation(alternatives=[" "], **problem))
    assert empty.value.code == "ALTERNATIVES_REQUIRED"
    with pytest.raises(Forbidden) as outsider:
        g.when(Principal(world.w.bystander), RaiseEscalation(alternatives=["x"], **problem))
    assert outsider.value.code == "NOT_YOUR_WORK"


def test_decide_escalation_by_each_addressed_head_once(team_world):
    g, world, team = team_world
    raised = g.given(
        Principal(world.w.official),
        RaiseEscalation(
            subject_id=str(team.id),
            problems="Data belum ada",
            alternatives=["Minta data"],
            other_units=["B.U1"],
        ),
    )[0]
    escalation_id = raised.result["escalation_id"]

    def decide(unit: str) -> DecideEscalation:
        return DecideEscalation(
            escalation_id=escalation_id, unit_code=unit, decision="Setuju", reason="Perlu", choice="A1"
        )

    with pytest.raises(Forbidden) as refused:  # B.U1's head cannot decide for A.U1
        g.when(Principal(world.heads["B.U1"]), decide("A.U1"))
    assert refused.value.code == "NOT_YOUR_STEP"
    _, first = g.when(Principal(world.heads["A.U1"]), decide("A.U1"))
    _, last = g.when(Principal(world.heads["B.U1"]), decide("B.U1"))
    assert names(first + last) == ["Escalation.Decided", "Escalation.Decided"]
    assert (last[0].unit_code, last[0].choice, last[0].decision["reason"]) == ("B.U1", "A1", "Perlu")
    assert g.app.repo.escalation(escalation_id).status == "DECIDED"
    with pytest.raises(Conflict) as twice:
        g.when(Principal(world.heads["B.U1"]), decide("B.U1"))
    assert twice.value.code == "ALREADY_DECIDED"


def test_kota_serang_report_goes_berjenjang_from_the_owning_unit_head_not_the_letter_issuer(given):
    """Kota Serang Pasal 16 ayat (1) "kepada pemberi tugas secara berjenjang", Lampiran angka 2 huruf c
    "kepada pejabat level 2": cross-unit work reaches the owning unit's head first, then the tier above,
    although the letter was issued by the official's own unit head."""
    g = given("kota-serang-2023")
    world = _build(g.app)
    a = fixed_team_assignment(
        g.app, owning_unit=world.w.a_u2, nips=[world.w.official], scope="CROSS_UNIT", team=False
    )
    assert a.letter["issuer_nip"] != world.heads[world.w.a_u2]
    _, events = g.when(
        Principal(world.w.official), SubmitReport(subject_id=str(a.id), period=PERIOD, text="Selesai")
    )
    reported = events[0]
    assert [(r["nip"], r["role"]) for r in reported.recipients] == [
        (world.heads[world.w.a_u2], "OWNING_UNIT_HEAD")
    ]
    assert "Lampiran angka 2 huruf c" in reported.decision["legal_basis"]
    _, up = g.when(
        Principal(world.heads[world.w.a_u2]),
        ForwardReport(report_id=str(reported.originator_id), note="Diteruskan"),
    )
    assert nips(up[0].recipients) == [world.heads["A"]]


def test_banyumas_escalation_goes_to_the_appraiser_and_the_unit_head(given):
    """Banyumas Lampiran BAB II B.3 huruf a angka 2) huruf c) "kepada Pejabat Penilai Kinerja dan/atau
    Pimpinan Unit Organisasi": every role of the rule is addressed, and each decides."""
    g = given("banyumas-2024")
    world = _build(g.app)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
    raise_ = RaiseEscalation(subject_id=str(a.id), problems="Data belum ada", alternatives=["Minta data"])
    outcome, events = g.when(Principal(world.w.official), raise_)
    appraiser_unit = world.w.a.unit  # the official is placed under the head of A.U1
    assert [(x["unit_code"], x["role"]) for x in events[0].addressees] == [
        (appraiser_unit, "OFFICIAL_APPRAISER"),
        (world.w.a.subunit, "OWNING_UNIT_HEAD"),
    ]
    escalation_id = outcome.result["escalation_id"]
    for unit in (world.w.a.subunit, appraiser_unit):
        g.when(
            Principal(world.heads[unit]),
            DecideEscalation(escalation_id=escalation_id, unit_code=unit, decision="Setuju", reason="Perlu"),
        )
    assert g.app.repo.escalation(escalation_id).status == "DECIDED"


def test_an_escalation_to_one_head_holding_both_roles_addresses_him_once(given):
    """Banyumas B.3 huruf a angka 2) huruf c): where the appraiser heads the owning unit, one addressee."""
    g = given("banyumas-2024")
    world = _build(g.app)
    a = fixed_team_assignment(g.app, owning_unit=world.w.a.unit, nips=[world.w.official], team=False)
    _, events = g.when(
        Principal(world.w.official),
        RaiseEscalation(subject_id=str(a.id), problems="Data belum ada", alternatives=["Minta data"]),
    )
    assert [(x["unit_code"], x["role"]) for x in events[0].addressees] == [
        (world.w.a.unit, "OFFICIAL_APPRAISER")
    ]
