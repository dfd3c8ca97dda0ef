"""Issue 10 items 2, 7 and 10 (part) over real HTTP (GraphQL), on SQLite and PostgreSQL: the head of a
UPTD inside its Dinas declares its work complete (Banjarnegara Pasal 56 ayat (4) huruf b); Kota Serang
reports go "kepada pemberi tugas secara berjenjang" from the owning unit's head (Pasal 16 ayat (1),
Lampiran angka 2 huruf c); Banyumas escalations reach the appraiser and the unit head (Lampiran BAB II
B.3 huruf a angka 2) huruf c)). The organisation and the fixed assignments are set up through the
application beforehand (their own API is tested elsewhere)."""

from datetime import date

import pytest

from application.commands.organisation import PlaceOfficial
from infra.bootstrap import build
from tests.integration.team_world import ADMIN, _build, fixed_team_assignment
from tests.support import build_agency, register

ERR = "... on CommandError { code message }"
REPORT = (
    "mutation($i: SubmitReportInput!) { submitReport(input: $i) { ... on ReportSuccess { report { id line "
    f"recipients {{ nip role }} legalBasis }} }} {ERR} }} }}"
)
FORWARD = (
    "mutation($i: ForwardReportInput!) { forwardReport(input: $i) { ... on ReportSuccess { report { line "
    f"recipients {{ nip role }} }} }} {ERR} }} }}"
)
RAISE = (
    f"mutation($i: RaiseEscalationInput!) {{ raiseEscalation(input: $i) {{ ... on EscalationSuccess {{"
    f" escalation {{ id status addressees {{ unitCode role }} }} }} {ERR} }} }}"
)
DECIDE = (
    f"mutation($i: DecideEscalationInput!) {{ decideEscalation(input: $i) {{ ... on EscalationSuccess {{"
    f" escalation {{ status addressees {{ unitCode decidedBy }} }} }} {ERR} }} }}"
)
EVAL = "evaluation { status chain { unitCode } steps { action actorNip legalBasis } }"
SUBMIT = (
    f"mutation($i: SubmitResultsInput!) {{ submitResults(input: $i) {{ ... on EvaluationSuccess {{ {EVAL} }}"
    f" {ERR} }} }}"
)
APPROVE = (
    f"mutation($i: ReviewResultsInput!) {{ approveResults(input: $i) {{ ... on EvaluationSuccess {{ {EVAL} }}"
    f" {ERR} }} }}"
)
PERIOD = date.today().strftime("%Y-%m")


def _setup(live_server, make):
    """Run `make(app, world)` against the server's store before the first request."""
    system = build(live_server.settings, migrate=False)
    try:
        return make(system.app, _build(system.app))
    finally:
        system.close()


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_56_ayat_4_huruf_b_the_uptd_head_declares_its_work_complete(live_server):
    def make(app, world):
        dinas = build_agency(app, ADMIN, code="DKS", kind="DINAS", unit_kind="UPTD", subunit_kind="SEKSI")
        official = register(app, ADMIN, position_type="PELAKSANA", rank="III/a", education="S1")
        app.handle(
            ADMIN,
            PlaceOfficial(
                nip=official,
                unit_code=dinas.unit,
                appraiser_nip=dinas.unit_head,
                effective_date=date(2024, 1, 2),
            ),
        )
        a = fixed_team_assignment(app, owning_unit=dinas.unit, nips=[official], team=False)
        return dinas, official, str(a.id)

    dinas, official, subject = _setup(live_server, make)
    results = {"subjectId": subject, "summary": "Selesai", "results": [{"target": "T1", "achieved": "100%"}]}
    submitted = live_server.gql(SUBMIT, {"i": results}, token=live_server.token(official))["submitResults"]
    assert [c["unitCode"] for c in submitted["evaluation"]["chain"]] == [dinas.unit]
    review = {"i": {"subjectId": subject, "level": 1}}
    kadis = live_server.gql(APPROVE, review, token=live_server.token(dinas.agency_head))["approveResults"]
    assert kadis["code"] == "NOT_YOUR_STEP"
    done = live_server.gql(APPROVE, review, token=live_server.token(dinas.unit_head))["approveResults"]
    assert done["evaluation"]["status"] == "COMPLETE"
    last = done["evaluation"]["steps"][-1]
    assert (last["action"], last["actorNip"]) == ("DECLARED_COMPLETE", dinas.unit_head)
    assert "Pasal 56 ayat (4) huruf b" in last["legalBasis"]


@pytest.mark.profile("kota-serang-2023")
def test_kota_serang_pasal_16_ayat_1_reports_go_berjenjang_from_the_owning_unit_head(live_server):
    def make(app, world):
        a = fixed_team_assignment(
            app, owning_unit=world.w.a_u2, nips=[world.w.official], scope="CROSS_UNIT", team=False
        )
        return world, str(a.id), a.letter["issuer_nip"]

    world, subject, issuer = _setup(live_server, make)
    owning_head = world.heads[world.w.a_u2]
    assert issuer != owning_head  # the letter came from the official's own unit head
    report = live_server.gql(
        REPORT,
        {"i": {"subjectId": subject, "period": PERIOD, "text": "Selesai 40%"}},
        token=live_server.token(world.w.official),
    )["submitReport"]["report"]
    assert report["recipients"] == [{"nip": owning_head, "role": "OWNING_UNIT_HEAD"}]
    assert "Lampiran angka 2 huruf c" in report["legalBasis"]
    up = live_server.gql(
        FORWARD, {"i": {"reportId": report["id"], "note": "Diteruskan"}}, token=live_server.token(owning_head)
    )["forwardReport"]["report"]
    assert up == {"line": "FORWARDED", "recipients": [{"nip": world.heads["A"], "role": "NEXT_TIER"}]}


@pytest.mark.profile("banyumas-2024")
def test_banyumas_b3_huruf_a_angka_2_huruf_c_escalation_to_the_appraiser_and_the_unit_head(live_server):
    def make(app, world):
        a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
        return world, str(a.id)

    world, subject = _setup(live_server, make)
    raised = live_server.gql(
        RAISE,
        {"i": {"subjectId": subject, "problems": "Data belum ada", "alternatives": ["Minta data"]}},
        token=live_server.token(world.w.official),
    )["raiseEscalation"]["escalation"]
    assert raised["addressees"] == [
        {"unitCode": world.w.a.unit, "role": "OFFICIAL_APPRAISER"},
        {"unitCode": world.w.a.subunit, "role": "OWNING_UNIT_HEAD"},
    ]
    for unit in (world.w.a.unit, world.w.a.subunit):
        decided = live_server.gql(
            DECIDE,
            {"i": {"escalationId": raised["id"], "unitCode": unit, "decision": "Setuju", "reason": "Perlu"}},
            token=live_server.token(world.heads[unit]),
        )["decideEscalation"]["escalation"]
    assert decided["status"] == "DECIDED"
