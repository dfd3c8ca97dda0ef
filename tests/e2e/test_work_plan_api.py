"""Issue 11 parts 1 and 2 over GraphQL, on every profile: the agency head records the PK targets
(the administrator only from the signed PK), the unit head fixes the unit's plan on them (on a
budget activity while the PK is not recorded) and amends it with a reason; a request and a team
decision name the plan item they serve, and planItemWork shows who works on it. Kota Serang's
plan is due by the end of December before the year (Pasal 7 ayat (1)): a late plan says so, and
unitsWithoutWorkPlan lists the units still without one."""

from datetime import date

import pytest

from application.roles import Work
from domain.profile import Mode, Scope, load_profile
from infra.bootstrap import build
from tests.integration.assignment_walk import ADMIN
from tests.support import build_world

PROFILES = ["kab-serang-2024", "kota-serang-2023", "banjarnegara-2024", "pemalang-2023", "banyumas-2024"]
EVERY_PROFILE = pytest.mark.parametrize(
    "profile", [pytest.param(p, marks=pytest.mark.profile(p)) for p in PROFILES]
)
THIS_YEAR = date.today().year
NEXT = THIS_YEAR + 1
ERR = "... on CommandError { code message pesan field legalBasis }"
AGREEMENT = "agreement { id agencyCode year legalBasis capacityKind targets { id code status } }"
PLAN = (
    "plan { id unitCode year legalBasis capacityKind late deadline amendmentCount"
    " items { id code status pkTargetId budgetActivity pkTarget { code } }"
    " amendments { reason legalBasis withdrawn added } }"
)
ANSWER = "mutation($i: {input}!) {{ {name}(input: $i) {{ ... on {success} {{ {body} }} {err} }} }}"
RECORD = ANSWER.format(
    input="RecordPkTargetsInput",
    name="recordPkTargets",
    success="PerformanceAgreementSuccess",
    body=AGREEMENT,
    err=ERR,
)
FIX = ANSWER.format(
    input="FixWorkPlanInput", name="fixWorkPlan", success="WorkPlanSuccess", body=PLAN, err=ERR
)
AMEND = ANSWER.format(
    input="AmendWorkPlanInput", name="amendWorkPlan", success="WorkPlanSuccess", body=PLAN, err=ERR
)
Q_PLAN = f"query($u: String!, $y: Int!) {{ workPlan(unitCode: $u, year: $y) {{ {PLAN[7:-2]} }} }}"
WORK = (
    "query($id: ID!) { planItemWork(planItemId: $id) { item { code }"
    " assignments { id status officials { nip } } teams { id name members { nip } } } }"
)
REQUEST = (
    "mutation($i: RequestAssignmentInput!) { requestAssignment(input: $i) {"
    f" ... on AssignmentSuccess {{ assignment {{ id planItemId }} }} {ERR} }} }}"
)
FORM = ANSWER.format(
    input="FormTeamInput", name="formTeam", success="TeamSuccess", body="team { id planItemId }", err=ERR
)
WITHOUT = (
    'query($y: Int) { unitsWithoutWorkPlan(year: $y, agencyCode: "A", first: 10)'
    " { nodes { code deadline overdue } } }"
)
TARGETS = [
    {
        "code": "S1",
        "description": "Menurunnya prevalensi stunting",
        "indicator": "Prevalensi stunting",
        "target": "14%",
    }
]
ITEM = {"description": "Peta sebaran stunting", "indicator": "Peta per desa", "target": "1 dokumen"}


@pytest.fixture
def world(live_server):
    system = build(live_server.settings, migrate=False)
    try:
        w = build_world(system.app, ADMIN)
        roles, profile = system.app.roles, system.app.profile
        first = profile.assignment.route(Mode.APPOINTMENT, Scope.WITHIN_UNIT).steps[0].role.value
        requester = roles.role_holders(first, Work(w.a.unit, official_nip=w.official))[0].nip
        former = profile.teams.former(Scope.WITHIN_UNIT).role.value
        team_former = roles.role_holders(former, Work(w.a.unit))[0].nip
    finally:
        system.close()
    return w, requester, team_former


def profile_rules(profile: str):
    return load_profile(profile).work_plan


def as_(server, nip: str) -> dict:
    return {"token": server.token(nip)}


@EVERY_PROFILE
def test_pk_targets_plan_and_plan_item_work_on_every_profile(profile, live_server, world):
    w, requester, team_former = world
    server = live_server
    # Only the agency head records the PK; the plan then rests on its targets.
    refused = server.gql(
        RECORD, {"i": {"agencyCode": "A", "year": NEXT, "targets": TARGETS}}, **as_(server, w.a.unit_head)
    )
    assert refused["recordPkTargets"]["code"] == "NOT_YOUR_STEP"
    pk = server.gql(
        RECORD, {"i": {"agencyCode": "A", "year": NEXT, "targets": TARGETS}}, **as_(server, w.a.agency_head)
    )
    agreement = pk["recordPkTargets"]["agreement"]
    citation = {
        "kab-serang-2024": "Lampiran E.1 huruf a dan huruf c",
        "kota-serang-2023": "Lampiran angka 1 huruf a",
        "banjarnegara-2024": "Pasal 15 huruf a angka 1; Pasal 33 ayat (2) huruf a",
        "pemalang-2023": "Pasal 14 ayat (2) huruf a",
        "banyumas-2024": "Lampiran A.1 huruf a",
    }[profile]
    assert agreement["legalBasis"] == f"{profile} {citation}" and agreement["capacityKind"] == "POSITION"
    target_id = agreement["targets"][0]["id"]
    # Bad input: an item resting on a budget activity once the PK is fixed; nothing recorded.
    bad = server.gql(
        FIX,
        {"i": {"unitCode": w.a.unit, "year": NEXT, "items": [{**ITEM, "budgetActivity": "1.02"}]}},
        **as_(server, w.a.unit_head),
    )
    assert (
        bad["fixWorkPlan"]["code"] == "PLAN_ITEM_BASIS_REQUIRED"
        and bad["fixWorkPlan"]["field"] == "pk_target_id"
    )
    assert server.gql(Q_PLAN, {"u": w.a.unit, "y": NEXT})["workPlan"] is None
    # Only the unit head fixes it.
    item = {**ITEM, "pkTargetId": target_id}
    other = server.gql(
        FIX, {"i": {"unitCode": w.a.unit, "year": NEXT, "items": [item]}}, **as_(server, w.a.agency_head)
    )
    assert other["fixWorkPlan"]["code"] == "NOT_YOUR_STEP"
    plan = server.gql(
        FIX, {"i": {"unitCode": w.a.unit, "year": NEXT, "items": [item]}}, **as_(server, w.a.unit_head)
    )["fixWorkPlan"]["plan"]
    assert plan["capacityKind"] == "POSITION" and plan["late"] is False
    assert plan["items"][0]["pkTarget"] == {"code": "S1"} and plan["items"][0]["code"] == "K1"
    item_id = plan["items"][0]["id"]
    # A request and a team decision name the item; one of another unit's plan is refused.
    request = {
        "mode": "APPOINTMENT",
        "scope": "WITHIN_UNIT",
        "owningUnitCode": w.a.unit,
        "work": "Peta sebaran stunting",
        "periodStart": f"{NEXT}-02-01",
        "periodEnd": f"{NEXT}-04-30",
        "officialNips": [w.official],
        "requestLetter": {"purpose": "Peta", "competencies": "Analisis data", "expectedTarget": "Peta"},
    }
    wrong = server.gql(REQUEST, {"i": {**request, "planItemId": agreement["id"]}}, **as_(server, requester))
    assert wrong["requestAssignment"]["code"] == "PLAN_ITEM_NOT_IN_UNIT_PLAN"
    made = server.gql(REQUEST, {"i": {**request, "planItemId": item_id}}, **as_(server, requester))
    assert made["requestAssignment"]["assignment"]["planItemId"] == item_id, made
    team = {
        "owningUnit": w.a.unit,
        "scope": "WITHIN_UNIT",
        "name": "Tim Peta Stunting",
        "tasks": ["Menyusun peta"],
        "targets": [{"description": "Peta", "measure": "1 dokumen"}],
        "plannedMembers": [{"nip": w.second, "role": "Analis", "task": "Analisis"}],
        "periodStart": f"{NEXT}-01-01",
        "periodEnd": f"{NEXT}-12-31",
        "planItemId": item_id,
    }
    formed = server.gql(FORM, {"i": team}, **as_(server, team_former))["formTeam"]
    assert formed.get("team", {}).get("planItemId") == item_id, formed
    work = server.gql(WORK, {"id": item_id}, **as_(server, w.a.unit_head))["planItemWork"]
    assert [o["nip"] for a in work["assignments"] for o in a["officials"]] == [w.official]
    assert [t["name"] for t in work["teams"]] == ["Tim Peta Stunting"]
    # Amended with a reason: the item withdrawn, a new one added; the withdrawn one takes no new work.
    amended = server.gql(
        AMEND,
        {"i": {"planId": plan["id"], "reason": "Kegiatan dialihkan", "items": [{**item, "code": "K9"}]}},
        **as_(server, w.a.unit_head),
    )["amendWorkPlan"]["plan"]
    assert amended["amendmentCount"] == 1 and amended["amendments"][0]["withdrawn"] == [item_id]
    assert amended["amendments"][0]["reason"] == "Kegiatan dialihkan"
    amendment_article = profile_rules(profile).amendment.citation  # Kota Serang: Pasal 7 ayat (3)
    assert amended["amendments"][0]["legalBasis"] == f"{profile} {amendment_article}"
    withdrawn = server.gql(REQUEST, {"i": {**request, "planItemId": item_id}}, **as_(server, requester))
    assert withdrawn["requestAssignment"]["code"] == "PLAN_ITEM_WITHDRAWN"
    # The units still without a plan for next year.
    nodes = server.gql(WITHOUT, {"y": NEXT}, **as_(server, w.a.unit_head))["unitsWithoutWorkPlan"]["nodes"]
    assert w.a.unit not in [n["code"] for n in nodes] and "A.U2" in [n["code"] for n in nodes]


@EVERY_PROFILE
def test_while_the_pk_is_not_recorded_items_rest_on_a_budget_activity(profile, live_server, world):
    w, _, _ = world
    server = live_server
    no_basis = server.gql(
        FIX, {"i": {"unitCode": w.a.unit, "year": NEXT, "items": [ITEM]}}, **as_(server, w.a.unit_head)
    )
    assert no_basis["fixWorkPlan"]["code"] == "PLAN_ITEM_BASIS_REQUIRED"
    assert no_basis["fixWorkPlan"]["legalBasis"][0].startswith(profile)
    plan = server.gql(
        FIX,
        {"i": {"unitCode": w.a.unit, "year": NEXT, "items": [{**ITEM, "budgetActivity": "1.02.02.2.01"}]}},
        **as_(server, w.a.unit_head),
    )["fixWorkPlan"]["plan"]
    assert plan["items"][0]["budgetActivity"] == "1.02.02.2.01" and plan["items"][0]["pkTarget"] is None
    again = server.gql(
        FIX,
        {"i": {"unitCode": w.a.unit, "year": NEXT, "items": [{**ITEM, "budgetActivity": "X"}]}},
        **as_(server, w.a.unit_head),
    )
    assert again["fixWorkPlan"]["code"] == "WORK_PLAN_ALREADY_FIXED"


@pytest.mark.profile("kota-serang-2023")
def test_kota_serang_pasal_7_ayat_1_a_plan_fixed_after_december_says_it_is_late(live_server, world):
    w, _, _ = world
    server = live_server
    items = [{**ITEM, "budgetActivity": "1.02.02.2.01"}]
    late = server.gql(
        FIX, {"i": {"unitCode": w.a.unit, "year": THIS_YEAR, "items": items}}, **as_(server, w.a.unit_head)
    )
    plan = late["fixWorkPlan"]["plan"]
    assert (plan["late"], plan["deadline"]) == (True, f"{THIS_YEAR - 1}-12-31")
    assert plan["legalBasis"] == "kota-serang-2023 Pasal 7 ayat (1); kota-serang-2023 Pasal 7 ayat (1)"
    nodes = server.gql(WITHOUT, {"y": NEXT}, **as_(server, w.a.unit_head))["unitsWithoutWorkPlan"]["nodes"]
    unit = next(n for n in nodes if n["code"] == w.a.unit)
    assert unit == {"code": w.a.unit, "deadline": f"{THIS_YEAR}-12-31", "overdue": False}


@pytest.mark.profile("kab-serang-2024")
def test_the_administrator_records_the_pk_only_from_the_signed_document(live_server, world):
    w, _, _ = world
    server = live_server
    bare = server.gql(RECORD, {"i": {"agencyCode": "A", "year": NEXT, "targets": TARGETS}})["recordPkTargets"]
    assert bare["code"] == "NOT_YOUR_STEP"
    document = {"number": "PK/800/01/2026", "date": str(date.today()), "signedBy": "Kepala Dinas A"}
    made = server.gql(
        RECORD, {"i": {"agencyCode": "A", "year": NEXT, "targets": TARGETS, "document": document}}
    )
    agreement = made["recordPkTargets"]["agreement"]
    assert agreement["capacityKind"] == "ADMIN" and "PK PK/800/01/2026" in agreement["legalBasis"]
    revision = {
        "agencyCode": "A",
        "year": NEXT,
        "targets": [{**TARGETS[0], "code": "S2"}],
        "document": document,
    }
    assert (
        server.gql(RECORD, {"i": revision})["recordPkTargets"]["code"] == "REQUIRED"
    )  # a revision needs a reason
    revised = server.gql(RECORD, {"i": {**revision, "reason": "PK perubahan"}})["recordPkTargets"][
        "agreement"
    ]
    assert sorted((t["code"], t["status"]) for t in revised["targets"]) == [
        ("S1", "DROPPED"),
        ("S2", "ACTIVE"),
    ]


@pytest.mark.profile("kab-serang-2024")
def test_work_plan_mutations_take_an_idempotency_key(live_server, world):
    w, _, _ = world
    i = {
        "unitCode": w.a.unit,
        "year": NEXT,
        "items": [{**ITEM, "budgetActivity": "X"}],
        "idempotencyKey": "plan-1",
    }
    first = live_server.gql(FIX, {"i": i}, **as_(live_server, w.a.unit_head))["fixWorkPlan"]["plan"]
    again = live_server.gql(FIX, {"i": i}, **as_(live_server, w.a.unit_head))["fixWorkPlan"]["plan"]
    assert again["id"] == first["id"]
