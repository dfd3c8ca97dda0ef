"""The evidence of a year over real HTTP (issue 11 parts 6-8), on every profile: the official's
dossier (assignments with their letter, team and role, the leader's input), read by the official,
their line and oversight and refused to others; the e-Kinerja export with Indonesian headers (the
XLSX read back with openpyxl); the unit head's and the official's dashboards with Relay
pagination. The organisation, the team and the leader's input are set up through the application
(their own API is tested elsewhere)."""

import base64
import csv
import io
from datetime import date, timedelta

import openpyxl
import pytest

from application.commands.performance import AgreeExpectations, GiveFeedback, RecordExpectations
from application.commands.reporting import ReportMemberPerformance, RequestReport
from application.commands.work_plan import FixWorkPlan
from application.roles import Work
from domain.work_plan import plan_item_id
from infra.bootstrap import build
from tests.integration.team_world import _build, as_, open_team_assignment, staffed_team

MONTH = date.today().strftime("%Y-%m")
LATER = (date.today() + timedelta(days=400)).isoformat()
PROFILES = ["kab-serang-2024", "kota-serang-2023", "banjarnegara-2024", "pemalang-2023", "banyumas-2024"]
ERR = "{ message extensions }"
DOSSIER = (
    "query($n: String!, $p: String!) { officialDossier(nip: $n, period: $p) { nip period firstDay lastDay"
    " assignments { id letterNumber letter { number } } teams { team { id name } role since }"
    " memberPerformance { period role contribution results { target result } legalBasis }"
    " planItems { code description budgetActivity } reports { id } evaluations { subjectId }"
    " appraisalRecommendations { year }"
    " expectations { subjectId results { rhk indicator target } agreedAt } feedbackReceived { text } } }"
)
EXPORT = (
    "query($u: String!, $p: String!) { ekinerjaExport(unitCode: $u, period: $p) { agencyCode period skpRows"
    " matrixRows skpCsv matrixCsv xlsxBase64 } }"
)
UNIT = (
    "query($u: String!, $p: String!, $f: Int!, $a: String, $d: Date) { unitDashboard(unitCode: $u,"
    " period: $p, first: $f, after: $a, asOf: $d) { edges { cursor node { kind id title people reports"
    " reportsDue { overdue obligation { kind reporterNip } } reportsOverdue { overdue obligation { kind } }"
    " dialoguesPending { nip } feedbackOverdue { receiverNip } } }"
    " pageInfo { hasNextPage endCursor } } }"
)
PLAN_BOARD = (
    "query($u: String!, $p: String!) { unitPlanDashboard(unitCode: $u, period: $p) { nodes { item { code }"
    " work { id kind reportsDue { overdue } } } } }"
)
MINE = (
    "query($n: String!, $p: String!, $a: String) { officialDashboard(nip: $n, period: $p) { nip period"
    " planItems { nodes { code } }"
    " work { nodes { kind id title planItemId dialoguesPending { nip } feedbackOverdue { receiverNip } } }"
    " expectations { nodes { subjectId agreedAt } } dialoguesPending { nodes { nip } }"
    " feedbackOverdue { nodes { receiverNip } }"
    " owes(first: 1, after: $a) { edges { node { overdue obligation {"
    " kind period recipientNips } } } pageInfo { hasNextPage endCursor } } } }"
)


ITEM = {
    "description": "Peta kasus DBD",
    "indicator": "Peta per desa",
    "target": "12 peta",
    "budget_activity": "1.02.02",
}
RESULTS = [{"rhk": "Peta sebaran DBD", "indicator": "Desa terpetakan", "target": "12 desa"}]


def _setup(live_server):
    """A staffed team; the leader's input for March 2025 on the official; the official's dialogue
    recorded by the profile's counterpart and agreed; feedback from one the profile names."""
    system = build(live_server.settings, migrate=False)
    try:
        app = system.app
        world = _build(app)
        # The unit's plan for 2025 (no PK recorded: the item rests on its budget activity).
        app.handle(as_(world.heads["A.U1"]), FixWorkPlan(unit_code="A.U1", year=2025, items=[ITEM]))
        team = staffed_team(app, world, plan_item_id=plan_item_id("A.U1", 2025, "K1"))
        me, team_id = world.w.official, str(team.id)
        app.handle(
            as_(world.leader),
            ReportMemberPerformance(
                team_id=team_id,
                period="2025-03",
                nip=me,
                contribution="Analisis 12 desa tepat waktu",
                results=[{"target": "T1", "result": "Peta 12 desa"}],
            ),
        )
        work = Work(team.owning_unit, me, team.leader_nip, team.formed_by_nip)
        rules = app.profile.performance
        counterpart = _holder(app, rules.dialogue.team_with.roles, work, me)
        app.handle(
            as_(counterpart),
            RecordExpectations(subject_id=team_id, nip=me, results=RESULTS, expectations="Data tiap pekan"),
        )
        app.handle(as_(me), AgreeExpectations(subject_id=team_id))
        giver = _holder(app, rules.feedback.on_team.roles, work, me)
        app.handle(
            as_(giver), GiveFeedback(subject_id=team_id, receiver_nip=me, text="Lengkapi data puskesmas")
        )
    finally:
        system.close()
    return world, team


def _holder(app, roles, work: Work, not_nip: str) -> str:
    return next(h for r in roles for h in app.roles.role_holders(r.value, work) if h.nip != not_nip).nip


def _errors(live_server, query, variables, token):
    body = live_server.post({"query": query, "variables": variables}, token).json()
    return body.get("data"), body.get("errors") or []


@pytest.mark.parametrize("profile", PROFILES)
def test_issue_11_part_6_the_dossier_of_an_official_for_a_year(profile, settings, request):
    settings.profile = profile
    live_server = request.getfixturevalue("live_server")
    world, team = _setup(live_server)
    me = world.w.official
    variables = {"n": me, "p": "2025"}
    d = live_server.gql(DOSSIER, variables, token=live_server.token(me))["officialDossier"]
    assert (d["period"], d["firstDay"], d["lastDay"]) == ("2025", "2025-01-01", "2025-12-31")
    assert d["assignments"] and all(a["letterNumber"] == a["letter"]["number"] for a in d["assignments"])
    assert [(t["team"]["id"], t["role"], t["since"]) for t in d["teams"]] == [
        (str(team.id), "Analis data", "2025-01-01")  # from the assignment's start, in effect
    ]
    assert d["planItems"] == [{"code": "K1", "description": "Peta kasus DBD", "budgetActivity": "1.02.02"}]
    [given] = d["memberPerformance"]
    assert given["period"] == "2025-03" and given["results"] == [{"target": "T1", "result": "Peta 12 desa"}]
    # The appraiser (the line) and oversight read it; a bystander is refused.
    line = live_server.gql(DOSSIER, variables, token=live_server.token(world.heads["A.U1"]))
    assert line["officialDossier"]["nip"] == me
    assert live_server.gql(DOSSIER, variables)["officialDossier"]["nip"] == me
    _, errors = _errors(live_server, DOSSIER, variables, live_server.token(world.w.bystander))
    assert errors[0]["extensions"]["code"] == "NOT_AUTHORISED"
    # A month narrows it: March has the leader's input, April none.
    march = live_server.gql(DOSSIER, {"n": me, "p": "2025-03"})["officialDossier"]
    april = live_server.gql(DOSSIER, {"n": me, "p": "2025-04"})["officialDossier"]
    assert len(march["memberPerformance"]) == 1 and april["memberPerformance"] == []
    # The dialogue's agreed results and the feedback received (recorded today: this year's dossier).
    now = live_server.gql(DOSSIER, {"n": me, "p": MONTH[:4]}, token=live_server.token(me))["officialDossier"]
    [agreed] = now["expectations"]
    assert agreed["subjectId"] == str(team.id) and agreed["results"] == RESULTS and agreed["agreedAt"]
    assert [f["text"] for f in now["feedbackReceived"]] == ["Lengkapi data puskesmas"]
    # Bad input: a typed error, nothing answered.
    for bad in ("2025-13", "tahun ini", "0999"):
        data, errors = _errors(live_server, DOSSIER, {"n": me, "p": bad}, live_server.token(admin=True))
        assert data is None and errors[0]["extensions"]["code"] == "INVALID_PERIOD"


@pytest.mark.parametrize("profile", PROFILES)
def test_issue_11_part_7_the_ekinerja_export_in_csv_and_xlsx(profile, settings, request):
    settings.profile = profile
    live_server = request.getfixturevalue("live_server")
    world, team = _setup(live_server)
    # An official of the agency whose only assignment of the year has no letter yet: no SKP line.
    system = build(live_server.settings, migrate=False)
    try:
        pending = open_team_assignment(
            system.app, owning_unit=world.w.a.unit, nips=[world.weak_leader], team=False
        )
        assert pending.status == "PENDING"
    finally:
        system.close()
    e = live_server.gql(EXPORT, {"u": "A", "p": "2025"})["ekinerjaExport"]
    assert e["agencyCode"] == "A" and e["period"] == "2025"
    skp = list(csv.DictReader(io.StringIO(e["skpCsv"])))
    assert not [r for r in skp if r["NIP"] == world.weak_leader]
    mine = [r for r in skp if r["NIP"] == world.w.official]
    assert mine and all(world.leader in r["Penugasan dari"] for r in mine)  # assigned by the Ketua Tim
    assert {r["Realisasi"] for r in mine} >= {"2025-03: Peta 12 desa"}
    # The result rolls up to the plan item the team serves, resting on its budget activity.
    assert {(r["RHK Atasan yang Diintervensi"], r["Kegiatan Anggaran"]) for r in mine} == {
        ("K1 Peta kasus DBD", "1.02.02")
    }
    # The results agreed in the dialogue are the SKP's lines.
    assert [(r["Rencana Hasil Kerja"], r["Indikator Kinerja Individu"], r["Target"]) for r in mine] == [
        ("Peta sebaran DBD", "Desa terpetakan", "12 desa")
    ]
    assert mine[0]["Ekspektasi"] == "Data tiap pekan" and mine[0]["Disepakati"]
    matrix = list(csv.DictReader(io.StringIO(e["matrixCsv"])))
    march = {r["NIP"]: r for r in matrix if r["Periode"] == "2025-03"}
    assert march[world.w.official]["Hasil"] == "Peta 12 desa" and march[world.leader]["Peran dalam Tim"] == (
        "Ketua Tim"
    )
    book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(e["xlsxBase64"])))
    assert book.sheetnames == ["SKP", "Matriks Peran Hasil"]
    headers = [c.value for c in book["SKP"][1]]
    assert headers[:6] == ["Periode", "NIP", "Nama", "Jabatan", "Unit Kerja", "Penugasan dari"]
    assert (
        book["SKP"].max_row == e["skpRows"] + 1 and book["Matriks Peran Hasil"].max_row == e["matrixRows"] + 1
    )
    # The agency's head reads it; the official does not; an unknown agency is a typed error.
    assert live_server.gql(EXPORT, {"u": "A", "p": "2025"}, token=live_server.token(world.heads["A"]))
    _, errors = _errors(live_server, EXPORT, {"u": "A", "p": "2025"}, live_server.token(world.w.official))
    assert errors[0]["extensions"]["code"] == "NOT_AUTHORISED"
    _, errors = _errors(live_server, EXPORT, {"u": "ZZ", "p": "2025"}, live_server.token(admin=True))
    assert errors[0]["extensions"]["code"] == "UNIT_NOT_FOUND"


@pytest.mark.parametrize("profile", PROFILES)
def test_issue_11_part_8_dashboards_with_relay_pagination(profile, settings, request):
    """The lines run from when they were recorded (today, here): this month's reports are due."""
    settings.profile = profile
    live_server = request.getfixturevalue("live_server")
    world, team = _setup(live_server)
    system = build(live_server.settings, migrate=False)
    rules = system.app.profile.performance
    try:
        system.app.handle(
            as_(world.heads["A.U1"]),
            RequestReport(official_nip=world.w.official, subject_id=str(team.id), about="Progres"),
        )
    finally:
        system.close()
    head = live_server.token(world.heads["A.U1"])
    variables = {"u": "A.U1", "p": MONTH, "f": 1, "a": None}
    items, more = [], True
    while more:
        page = live_server.gql(UNIT, variables, token=head)["unitDashboard"]
        assert len(page["edges"]) <= 1
        items += [e["node"] for e in page["edges"]]
        more, variables["a"] = page["pageInfo"]["hasNextPage"], page["pageInfo"]["endCursor"]
    node = next(i for i in items if i["id"] == str(team.id))
    assert node["kind"] == "TEAM" and set(node["people"]) == {world.w.official, world.w.second}
    due = {(o["obligation"]["kind"], o["obligation"]["reporterNip"]) for o in node["reportsDue"]}
    assert {("MEMBER", world.w.official), ("LEADER", world.leader), ("ON_REQUEST", world.w.official)} <= due
    assert node["reportsOverdue"] == []  # the month has not ended
    # A year on: the month's reports are overdue, the second member's dialogue is pending and both
    # members' feedback is overdue (the tenant's periods, performance.dialogue.due / feedback.period).
    later = {**variables, "a": None, "f": 10, "d": LATER}
    node = next(
        e["node"]
        for e in live_server.gql(UNIT, later, token=head)["unitDashboard"]["edges"]
        if e["node"]["id"] == str(team.id)
    )
    assert {"MEMBER", "LEADER"} <= {o["obligation"]["kind"] for o in node["reportsOverdue"]}
    if rules.dialogue.compulsory:
        assert world.w.second in {d["nip"] for d in node["dialoguesPending"]}
    assert world.w.second in {f["receiverNip"] for f in node["feedbackOverdue"]}
    # Per plan item: the item's board holds the team that serves it.
    boards = live_server.gql(PLAN_BOARD, {"u": "A.U1", "p": "2025"}, token=head)["unitPlanDashboard"]["nodes"]
    assert [(b["item"]["code"], [w["id"] for w in b["work"]]) for b in boards if b["item"]] == [
        ("K1", [str(team.id)])
    ]
    official = live_server.token(world.w.official)
    _, errors = _errors(live_server, UNIT, {**variables, "a": None}, official)
    assert errors[0]["extensions"]["code"] == "NOT_AUTHORISED"
    _, errors = _errors(live_server, UNIT, {**variables, "f": 0, "a": None}, head)
    assert errors[0]["extensions"]["code"] == "INVALID_PAGE_SIZE"

    mine = {"n": world.w.official, "p": MONTH[:4], "a": None}
    board = live_server.gql(MINE, mine, token=official)["officialDashboard"]
    assert str(team.id) in {w["id"] for w in board["work"]["nodes"]}
    assert [e["subjectId"] for e in board["expectations"]["nodes"]] == [str(team.id)]
    assert [i["code"] for i in board["planItems"]["nodes"]] == ["K1"]
    # Agreed today, fed back today: nothing pending or overdue for the official.
    assert board["dialoguesPending"]["nodes"] == [] and board["feedbackOverdue"]["nodes"] == []
    first = board["owes"]
    assert len(first["edges"]) == 1 and first["pageInfo"]["hasNextPage"]
    second = live_server.gql(MINE, {**mine, "a": first["pageInfo"]["endCursor"]}, token=official)
    kinds = {
        e["node"]["obligation"]["kind"] for e in first["edges"] + second["officialDashboard"]["owes"]["edges"]
    }
    assert kinds == {"MEMBER", "ON_REQUEST"}  # to the leader, and to the unit head who asked
    _, errors = _errors(live_server, MINE, mine, live_server.token(world.w.bystander))
    assert errors[0]["extensions"]["code"] == "NOT_AUTHORISED"


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_pasal_6_ayat_3_the_recommendation_is_in_the_dossier_of_its_year(live_server):
    """The Kepala Bidang's recommendation for appraising an Ahli Madya is evidence of that year."""
    from tests.e2e.test_placement_articles_api import RECOMMEND, headed, place, register

    head = headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    kabid = headed(live_server, "DINKES.P2P", "BIDANG", "ADMINISTRATOR", parent="DINKES")
    madya = register(live_server, "FUNGSIONAL", grade="AHLI_MADYA", rank="IV/b")
    place(live_server, madya, "DINKES.P2P", head)
    given = {"nip": madya, "year": 2025, "recommendation": "Capaian kinerja 2025 sangat baik."}
    live_server.gql(RECOMMEND, {"i": given}, token=live_server.token(kabid))
    dossier = live_server.gql(DOSSIER, {"n": madya, "p": "2025"}, token=live_server.token(head))
    assert dossier["officialDossier"]["appraisalRecommendations"] == [{"year": 2025}]
    other_year = live_server.gql(DOSSIER, {"n": madya, "p": "2026"}, token=live_server.token(madya))
    assert other_year["officialDossier"]["appraisalRecommendations"] == []
