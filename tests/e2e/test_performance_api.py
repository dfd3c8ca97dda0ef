"""Issue 11 parts 3-5 over real HTTP (GraphQL), on every profile: the performance dialogue after an
assignment is fixed (pending to both sides until agreed; Kab. Serang Lampiran C.1 "wajib melakukan
dialog kinerja", Kota Serang Pasal 8 ayat (7), Banyumas Lampiran B.2, ...), the leader's rincian
pelaksanaan kegiatan and members' rencana kerja individu (Kab. Serang Lampiran C; Banjarnegara
Pasal 24 ayat (4)-(5); Pemalang Pasal 15 ayat (5)-(6); Banyumas B.3.c), and feedback by those the
profile names, overdue feedback shown to the giver and the giver's superior. The organisation and
the fixed work are set up through the application beforehand (their own API is tested elsewhere)."""

from datetime import date, timedelta

import pytest

from application.roles import Work
from domain.profile import list_profiles, load_profile
from infra.bootstrap import build
from tests.integration.team_world import _build, fixed_team_assignment, staffed_team

ERR = "... on CommandError { code message legalBasis }"
EXPECTATION = (
    "expectation { id nip counterpartNip revision results { rhk indicator target } agreedAt legalBasis }"
)
RECORD = (
    "mutation($i: RecordExpectationsInput!) { recordExpectations(input: $i) {"
    f" ... on ExpectationSuccess {{ {EXPECTATION} }} {ERR} }} }}"
)
AGREE = (
    "mutation($i: AgreeExpectationsInput!) { agreeExpectations(input: $i) {"
    f" ... on ExpectationSuccess {{ {EXPECTATION} }} {ERR} }} }}"
)
BREAKDOWN = (
    "mutation($i: RecordWorkBreakdownInput!) { recordWorkBreakdown(input: $i) {"
    " ... on WorkBreakdownSuccess { workBreakdown { leaderNip items { activity memberNip } legalBasis } }"
    f" {ERR} }} }}"
)
PLAN = (
    "mutation($i: RecordIndividualPlanInput!) { recordIndividualPlan(input: $i) {"
    " ... on IndividualPlanSuccess { individualPlan { nip items { activity target } legalBasis } }"
    f" {ERR} }} }}"
)
FEEDBACK = (
    "mutation($i: GiveFeedbackInput!) { giveFeedback(input: $i) {"
    " ... on FeedbackSuccess { feedback { giverNip receiverNip subjectKind givenOn capacity legalBasis } }"
    f" {ERR} }} }}"
)
PENDING = (
    "query($n: String!, $d: Date) { pendingDialogues(nip: $n, asOf: $d)"
    " { subjectId nip counterpartNips state } }"
)
OVERDUE = (
    "query($n: String!, $d: Date) { overdueFeedback(nip: $n, asOf: $d) { subjectId receiverNip giverNips"
    " superiorNips lastGivenOn } }"
)
EXPECTATIONS = "query($n: String) { expectations(nip: $n) { subjectId revision agreedAt } }"
RESULTS = [{"rhk": "Peta sebaran stunting", "indicator": "Jumlah desa terpetakan", "target": "20 desa"}]
LATER = (date.today() + timedelta(days=400)).isoformat()
PROFILES = [pytest.param(p, marks=pytest.mark.profile(p), id=p) for p in list_profiles()]


def _setup(live_server, make):
    system = build(live_server.settings, migrate=False)
    try:
        return make(system.app, _build(system.app))
    finally:
        system.close()


def _holder(app, roles, work: Work) -> str:
    return next(h for r in roles for h in app.roles.role_holders(r.value, work)).nip


@pytest.mark.parametrize("profile", PROFILES)
def test_dialogue_after_the_letter_is_pending_to_both_sides_until_recorded_and_agreed(live_server, profile):
    rules = load_profile(profile).performance.dialogue

    def make(app, world):
        a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
        work = Work(a.owning_unit, world.w.official, None, a.letter["issuer_nip"])
        return world, str(a.id), _holder(app, rules.individual_with.roles, work)

    world, subject, counterpart = _setup(live_server, make)
    official = world.w.official
    for nip in (official, counterpart):  # pending to both sides once the tenant's days have passed
        pending = live_server.gql(PENDING, {"n": nip, "d": LATER}, token=live_server.token(nip))
        assert [(p["subjectId"], p["state"]) for p in pending["pendingDialogues"]] == [
            (subject, "NOT_RECORDED")
        ]
        assert counterpart in pending["pendingDialogues"][0]["counterpartNips"]
    record = {"i": {"subjectId": subject, "nip": official, "results": RESULTS, "expectations": "Tepat waktu"}}
    refused = live_server.gql(RECORD, record, token=live_server.token(world.w.bystander))[
        "recordExpectations"
    ]
    assert refused["code"] == "NOT_YOUR_STEP"
    empty = {"i": {"subjectId": subject, "nip": official, "results": []}}
    assert live_server.gql(RECORD, empty, token=live_server.token(counterpart))["recordExpectations"][
        "code"
    ] == ("NO_ITEMS")
    assert live_server.gql(EXPECTATIONS, {"n": official})["expectations"] == []  # nothing recorded
    recorded = live_server.gql(RECORD, record, token=live_server.token(counterpart))["recordExpectations"]
    assert (
        recorded["expectation"]["counterpartNip"] == counterpart
        and recorded["expectation"]["agreedAt"] is None
    )
    assert recorded["expectation"]["legalBasis"] == f"{profile} {rules.individual_with.citation}"
    pending = live_server.gql(PENDING, {"n": official, "d": LATER}, token=live_server.token(official))
    assert [p["state"] for p in pending["pendingDialogues"]] == ["AWAITING_AGREEMENT"]
    agreed = live_server.gql(AGREE, {"i": {"subjectId": subject}}, token=live_server.token(official))
    assert agreed["agreeExpectations"]["expectation"]["agreedAt"]
    for nip in (official, counterpart):
        assert (
            live_server.gql(PENDING, {"n": nip, "d": LATER}, token=live_server.token(nip))["pendingDialogues"]
            == []
        )


@pytest.mark.parametrize("profile", PROFILES)
def test_leaders_breakdown_members_plans_and_feedback_overdue_to_giver_and_superior(live_server, profile):
    rules = load_profile(profile).performance

    def make(app, world):
        team = staffed_team(app, world)
        return world, str(team.id), team.leader_nip, world.heads[team.owning_unit]

    world, team, leader, head = _setup(live_server, make)
    items = [{"activity": "Kumpulkan data desa", "target": "20 desa", "memberNip": world.w.second}]
    breakdown = live_server.gql(
        BREAKDOWN, {"i": {"teamId": team, "items": items}}, token=live_server.token(leader)
    )
    done = breakdown["recordWorkBreakdown"]["workBreakdown"]
    assert done["leaderNip"] == leader and done["legalBasis"] == f"{profile} {rules.work_breakdown.citation}"
    not_leader = live_server.gql(
        BREAKDOWN, {"i": {"teamId": team, "items": items}}, token=live_server.token(head)
    )
    assert not_leader["recordWorkBreakdown"]["code"] == "NOT_YOUR_STEP"
    mine = [{"activity": "Kunjungi 10 desa", "target": "10 desa"}]
    plan = live_server.gql(
        PLAN, {"i": {"teamId": team, "items": mine}}, token=live_server.token(world.w.second)
    )
    assert (
        plan["recordIndividualPlan"]["individualPlan"]["legalBasis"]
        == f"{profile} {rules.individual_plan.citation}"
    )
    # No feedback yet: overdue once the tenant's period has passed, to the leader and the unit head.
    overdue = live_server.gql(OVERDUE, {"n": leader, "d": LATER}, token=live_server.token(leader))[
        "overdueFeedback"
    ]
    members = {o["receiverNip"] for o in overdue if o["subjectId"] == team}
    assert {world.w.official, world.w.second} <= members
    to_official = next(o for o in overdue if o["receiverNip"] == world.w.official)
    assert (
        leader in to_official["giverNips"] and head in to_official["giverNips"] + to_official["superiorNips"]
    )
    seen_by_head = live_server.gql(OVERDUE, {"n": head, "d": LATER}, token=live_server.token(head))
    assert world.w.official in {o["receiverNip"] for o in seen_by_head["overdueFeedback"]}
    give = {"i": {"subjectId": team, "receiverNip": world.w.official, "text": "Lanjutkan"}}
    given = live_server.gql(FEEDBACK, give, token=live_server.token(leader))["giveFeedback"]["feedback"]
    assert (given["giverNip"], given["subjectKind"]) == (leader, "TEAM")
    assert given["legalBasis"] == f"{profile} {rules.feedback.on_team.citation}"
    soon = (date.today() + timedelta(days=1)).isoformat()
    after = live_server.gql(OVERDUE, {"n": leader, "d": soon}, token=live_server.token(leader))[
        "overdueFeedback"
    ]
    assert world.w.official not in {o["receiverNip"] for o in after}
    outsider = live_server.gql(FEEDBACK, give, token=live_server.token(world.w.bystander))["giveFeedback"]
    assert outsider["code"] == "NOT_YOUR_STEP"


@pytest.mark.parametrize("profile", PROFILES)
def test_feedback_on_individual_work_overdue_since_the_letter_until_given(live_server, profile):
    rule = load_profile(profile).performance.feedback.on_individual

    def make(app, world):
        a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
        work = Work(a.owning_unit, world.w.official, None, a.letter["issuer_nip"])
        return world, str(a.id), _holder(app, rule.roles, work)

    world, subject, giver = _setup(live_server, make)
    today = date.today().isoformat()
    overdue = live_server.gql(OVERDUE, {"n": giver, "d": today}, token=live_server.token(giver))[
        "overdueFeedback"
    ]
    assert [(o["subjectId"], o["receiverNip"], o["lastGivenOn"]) for o in overdue] == [
        (subject, world.w.official, None)
    ]
    superiors = overdue[0]["superiorNips"]
    assert superiors, "the giver's superior sees it too"
    seen = live_server.gql(OVERDUE, {"n": superiors[0], "d": today}, token=live_server.token(superiors[0]))
    assert subject in {o["subjectId"] for o in seen["overdueFeedback"]}
    give = {"i": {"subjectId": subject, "receiverNip": world.w.official, "text": "Baik, lanjutkan"}}
    given = live_server.gql(FEEDBACK, give, token=live_server.token(giver))["giveFeedback"]["feedback"]
    assert given["subjectKind"] == "ASSIGNMENT" and given["legalBasis"] == f"{profile} {rule.citation}"
    after = live_server.gql(OVERDUE, {"n": giver, "d": today}, token=live_server.token(giver))[
        "overdueFeedback"
    ]
    assert after == []


def _individual(live_server):
    def make(app, world):
        a = fixed_team_assignment(app, owning_unit=world.w.a.subunit, nips=[world.w.official], team=False)
        appraiser = app.repo.official(world.w.official).placement["appraiser_nip"]
        return world, str(a.id), appraiser

    return _setup(live_server, make)


def _record(live_server, subject: str, nip: str, by: str) -> dict:
    record = {"i": {"subjectId": subject, "nip": nip, "results": RESULTS}}
    return live_server.gql(RECORD, record, token=live_server.token(by))["recordExpectations"]


@pytest.mark.profile("kab-serang-2024")
def test_kab_serang_lampiran_c1_the_dialogue_is_held_with_the_unit_head_not_the_appraiser(live_server):
    world, subject, appraiser = _individual(live_server)
    unit_head = world.heads[world.w.a.subunit]
    assert appraiser != unit_head
    refused = _record(live_server, subject, world.w.official, appraiser)
    assert refused["code"] == "NOT_YOUR_STEP"
    recorded = _record(live_server, subject, world.w.official, unit_head)["expectation"]
    assert recorded["legalBasis"] == "kab-serang-2024 Lampiran C.1"


@pytest.mark.profile("banyumas-2024")
def test_banyumas_lampiran_b2_the_dialogue_is_held_with_the_appraiser(live_server):
    world, subject, appraiser = _individual(live_server)
    unit_head = world.heads[world.w.a.subunit]
    assert _record(live_server, subject, world.w.official, unit_head)["code"] == "NOT_YOUR_STEP"
    recorded = _record(live_server, subject, world.w.official, appraiser)["expectation"]
    assert recorded["legalBasis"] == "banyumas-2024 Lampiran B.2"


@pytest.mark.parametrize(
    "profile, admitted",
    [
        pytest.param("pemalang-2023", True, marks=pytest.mark.profile("pemalang-2023"), id="pemalang"),
        pytest.param("kab-serang-2024", False, marks=pytest.mark.profile("kab-serang-2024"), id="kab-serang"),
    ],
)
def test_pemalang_pasal_14_ayat_3_huruf_e_the_agency_head_gives_feedback_too(live_server, profile, admitted):
    world, subject, _ = _individual(live_server)
    give = {"i": {"subjectId": subject, "receiverNip": world.w.official, "text": "Percepat pendataan"}}
    answer = live_server.gql(FEEDBACK, give, token=live_server.token(world.heads[world.w.a.agency]))
    if admitted:
        assert answer["giveFeedback"]["feedback"]["legalBasis"] == "pemalang-2023 Pasal 14 ayat (3) huruf e"
    else:  # Kab. Serang Lampiran E.2 huruf f: the Pimpinan Unit Organisasi (and the leader)
        assert answer["giveFeedback"]["code"] == "NOT_YOUR_STEP"
        assert live_server.gql("query($n: String) { feedback(nip: $n) { id } }", {"n": world.w.official}) == {
            "feedback": []
        }
