"""Who may read what (README "Who may read what", ADR 0006), over real HTTP on SQLite and
PostgreSQL: every query asked by every kind of caller, the personal fields of an official, the
refusal's code, pesan and log level, and a guard that every query declares its read rule.

The subject of every question is one official (SELF): a Pelaksana placed in A.U1.S1 under the
head of A.U1 (their appraiser: SUPERIOR), a member of a staffed team of A.U1 who has reported,
raised an escalation and been asked for a report; the team's results are under evaluation.
COLLEAGUE is placed in the same unit but takes no part; OTHER_UNIT is placed in agency B;
NO_ROLE holds a valid token of this government but is no registered official.
"""

import logging
from datetime import date

import pytest

from api.auth import mint_token
from api.permissions import NullUnlessPermitted, Requires
from api.schema import build_schema
from application.commands.evaluation import SubmitResults
from application.commands.organisation import GrantDelegation
from application.commands.reporting import (
    RaiseEscalation,
    ReportMemberPerformance,
    RequestReport,
    SubmitReport,
)
from application.commands.work_plan import FixWorkPlan
from domain.work_plan import plan_item_id
from infra.bootstrap import build
from tests.e2e.conftest import ADMIN_NIP
from tests.integration.team_world import _build, as_, open_team_assignment, staffed_team
from tests.support import nip

pytestmark = pytest.mark.profile("pemalang-2023")

PERIOD = date.today().strftime("%Y-%m")
ROLES = ("ADMIN", "AUDITOR", "SELF", "SUPERIOR", "COLLEAGUE", "OTHER_UNIT", "NO_ROLE")
EVERY_OFFICIAL = {"ADMIN", "AUDITOR", "SELF", "SUPERIOR", "COLLEAGUE", "OTHER_UNIT"}
EVERYONE = {*EVERY_OFFICIAL, "NO_ROLE"}
LINE = {"ADMIN", "AUDITOR", "SELF", "SUPERIOR"}
HEADS = {"ADMIN", "AUDITOR", "SUPERIOR"}
OWN = {"ADMIN", "AUDITOR", "SELF"}
OVERSIGHT = {"ADMIN", "AUDITOR"}
AS_OF = "2100-01-01T00:00:00Z"

# Every query of the schema: (document, who may ask). The guard below fails when a query is missing.
MATRIX = {
    "organisationTree": ("{ organisationTree(first: 5) { nodes { code } } }", EVERY_OFFICIAL),
    "unit": ('{ unit(code: "A.U1") { code } }', EVERY_OFFICIAL),
    "official": ("{ official(nip: $self) { nip name } }", EVERY_OFFICIAL),
    "me": ("{ me { nip } }", EVERYONE),
    "regulation": ("{ regulation { profileId } }", EVERYONE),
    "officials": ('{ officials(unitCode: "A.U1.S1") { nodes { nip } } }', EVERY_OFFICIAL),
    "offices": ("{ offices { setdaCode } }", EVERY_OFFICIAL),
    "assignment": ("{ assignment(id: $assignment) { id history { actorNip } } }", LINE),
    "assignments": ('{ assignments(unitCode: "A.U1") { nodes { id } } }', HEADS),
    "myInbox": ("{ myInbox { nodes { id } } }", EVERYONE),
    "awaitingLetters": ("{ awaitingLetters { nodes { id } } }", OVERSIGHT),
    "myRequests": ("{ myRequests { nodes { id } } }", EVERYONE),
    "workload": ("{ workload(nip: $self) { id } }", LINE),
    "team": ("{ team(id: $team) { id members { nip } } }", EVERY_OFFICIAL),
    "teams": ('{ teams(owningUnit: "A.U1") { nodes { id } } }', EVERY_OFFICIAL),
    # No personnel agency is configured here: oversight alone (its officials: test_team_head_days_api.py).
    "teamHeadDays": ("{ teamHeadDays(period: $period) { period } }", OVERSIGHT),
    "transformationTeams": ("{ transformationTeams { id } }", EVERY_OFFICIAL),
    "reports": ("{ reports(reporterNip: $self) { id } }", LINE),
    "reportObligations": ("{ reportObligations(period: $period, reporterNip: $self) { kind } }", LINE),
    "reportRequests": ("{ reportRequests(officialNip: $self) { id } }", LINE),
    "memberPerformance": ("{ memberPerformance(teamId: $team, period: $period) { nip contribution } }", LINE),
    "escalations": ("{ escalations(subjectId: $team) { id } }", LINE),
    "evaluation": ("{ evaluation(subjectId: $team) { status } }", LINE),
    "evaluations": ('{ evaluations(reviewingUnit: "A.U1") { status } }', HEADS),
    "expectations": ("{ expectations(nip: $self) { subjectId } }", LINE),
    "feedback": ("{ feedback(nip: $self) { id } }", LINE),
    "workBreakdown": ("{ workBreakdown(teamId: $team) { id } }", LINE),
    "individualPlans": ("{ individualPlans(teamId: $team) { id } }", LINE),
    "pendingDialogues": ("{ pendingDialogues(nip: $self) { subjectId } }", LINE),
    "overdueFeedback": ("{ overdueFeedback(nip: $self) { subjectId } }", LINE),
    "decisionLedger": ("{ decisionLedger(first: 5) { nodes { position } } }", OVERSIGHT),
    "officialActivity": ("{ officialActivity(nip: $self) { nodes { position } } }", OWN),
    "history": ("{ history(nip: $self) { kind } }", OWN),
    "organisationAsOf": ("{ organisationAsOf(asOf: $asOf) { code } }", OVERSIGHT),
    "officialAsOf": ("{ officialAsOf(nip: $self, asOf: $asOf) { nip } }", OWN),
    "delegationsHeldAsOf": ("{ delegationsHeldAsOf(nip: $self, asOf: $asOf) { delegationId } }", OWN),
    "aggregateAsOf": ("{ aggregateAsOf(aggregateId: $team, asOf: $asOf) { aggregateType } }", OVERSIGHT),
    "assignmentAsOf": ("{ assignmentAsOf(id: $assignment, recordedAt: $asOf) { status } }", OVERSIGHT),
    "teamAsOf": ("{ teamAsOf(id: $team, recordedAt: $asOf) { status } }", OVERSIGHT),
    "quarantinedEvents": ("{ quarantinedEvents { position } }", {"ADMIN"}),
    "officialDossier": ("{ officialDossier(nip: $self, period: $period) { nip } }", LINE),
    "ekinerjaExport": ('{ ekinerjaExport(unitCode: "A.U1", period: $period) { skpRows } }', HEADS),
    "unitDashboard": ('{ unitDashboard(unitCode: "A.U1", period: $period) { nodes { id } } }', HEADS),
    "officialDashboard": ("{ officialDashboard(nip: $self, period: $period) { nip } }", LINE),
    "unitPlanDashboard": (
        '{ unitPlanDashboard(unitCode: "A.U1", period: $period) { nodes { work { id } } } }',
        HEADS,
    ),
    # Work plans (issue 11 parts 1-2): the organisation's plans are open; who works on an item is
    # for the heads over the plan's unit.
    "performanceAgreement": ('{ performanceAgreement(agencyCode: "A", year: 2026) { id } }', EVERY_OFFICIAL),
    "workPlan": ("{ workPlan(id: $workPlanId) { id } }", EVERY_OFFICIAL),
    "workPlans": ("{ workPlans(year: $year) { nodes { id } } }", EVERY_OFFICIAL),
    "unitsWithoutWorkPlan": ("{ unitsWithoutWorkPlan { nodes { code } } }", EVERY_OFFICIAL),
    "planItemWork": ("{ planItemWork(planItemId: $planItem) { item { code } } }", HEADS),
}
VARIABLES = (
    "($self: String!, $assignment: ID!, $team: ID!, $period: String!, $asOf: DateTime!, $workPlanId: ID!,"
    " $planItem: ID!, $year: Int!)"
)
PERSONAL = (
    "education placementHistory { actorNip } delegationsReceived { delegationId }"
    " delegationsGranted { delegationId }"
)


def _operation(document: str) -> str:
    """The document with only the variables it uses declared (GraphQL refuses unused ones)."""
    used = [part for part in VARIABLES[1:-1].split(", ") if part.split(":")[0] in document]
    return f"query({', '.join(used)}) {document}" if used else document


@pytest.fixture
def world(live_server):
    """The organisation and the work, set up through the application; the reads go over HTTP."""
    setup = build(live_server.settings, migrate=False)
    try:
        app = setup.app
        w = _build(app)
        team = staffed_team(app, w)
        team_id = str(team.id)
        app.handle(as_(w.w.official), SubmitReport(subject_id=team_id, period=PERIOD, text="12 desa"))
        app.handle(
            as_(w.heads["A.U1"]),
            RequestReport(official_nip=w.w.official, subject_id=team_id, about="Progres"),
        )
        app.handle(
            as_(w.leader),
            ReportMemberPerformance(
                team_id=team_id, period=PERIOD, nip=w.w.official, contribution="Analisis 12 desa tepat waktu"
            ),
        )
        app.handle(
            as_(w.w.official),
            RaiseEscalation(subject_id=team_id, problems="Data belum ada", alternatives=["Minta ke Dinas"]),
        )
        plan = app.handle(
            as_(w.heads["A.U1"]),
            FixWorkPlan(
                unit_code="A.U1",
                year=date.today().year,
                items=[{"description": "Peta", "indicator": "Peta", "target": "1", "budget_activity": "X"}],
            ),
        ).result
        app.handle(
            as_(w.leader),
            SubmitResults(
                subject_id=team_id, summary="Selesai", results=[{"target": "T1", "achieved": "Peta 120 desa"}]
            ),
        )
    finally:
        setup.close()
    secret, tenant = live_server.settings.jwt_secret, live_server.settings.profile
    tokens = {
        "ADMIN": mint_token(secret, nip=ADMIN_NIP, tenant=tenant, admin=True),
        "AUDITOR": mint_token(secret, nip=nip("19750101", "200001"), tenant=tenant, roles=("auditor",)),
        "SELF": live_server.token(w.w.official),
        "SUPERIOR": live_server.token(w.heads["A.U1"]),
        "COLLEAGUE": live_server.token(w.weak_leader),
        "OTHER_UNIT": live_server.token(w.w.bystander),
        "NO_ROLE": live_server.token(nip("19800101", "201001")),
    }
    # The team's assignment (its members' letter), as the administrator finds it.
    rows = live_server.gql('{ assignments(unitCode: "A.U1") { nodes { id team } } }')["assignments"]["nodes"]
    assignment_id = next(r["id"] for r in rows if r["team"])
    return (
        w,
        tokens,
        {
            "self": w.w.official,
            "team": team_id,
            "period": PERIOD,
            "asOf": AS_OF,
            "assignment": assignment_id,
            "workPlanId": plan,
            "planItem": plan_item_id("A.U1", date.today().year, "K1"),
            "year": date.today().year,
        },
    )


def _ask(live_server, token: str, document: str, variables: dict) -> dict:
    response = live_server.post({"query": _operation(document), "variables": variables}, token)
    assert response.status_code == 200, response.text
    return response.json()


def test_every_query_answers_each_caller_as_the_matrix_says(live_server, world):
    w, tokens, variables = world
    wrong = []
    for name, (document, allowed) in MATRIX.items():
        for role in ROLES:
            body = _ask(live_server, tokens[role], document, {**variables})
            errors = body.get("errors") or []
            if role in allowed:
                if errors:
                    wrong.append(f"{name} as {role}: refused {errors[0].get('extensions')}")
                continue
            codes = [e.get("extensions", {}).get("code") for e in errors]
            if codes != ["NOT_AUTHORISED"] or (body.get("data") or {}).get(name) is not None:
                wrong.append(f"{name} as {role}: answered {body}")
            elif not errors[0]["extensions"].get("pesan"):
                wrong.append(f"{name} as {role}: no Indonesian pesan")
    assert wrong == []


def test_the_allowed_callers_see_the_subjects_data_not_an_empty_answer(live_server, world):
    """The refusals above are not bought by answering nothing: the line sees the work itself."""
    w, tokens, variables = world
    for role in ("SELF", "SUPERIOR"):
        data = _ask(live_server, tokens[role], MATRIX["assignment"][0], variables)["data"]
        assert data["assignment"]["id"] == variables["assignment"] and data["assignment"]["history"]
        assert _ask(live_server, tokens[role], MATRIX["reports"][0], variables)["data"]["reports"]
        assert _ask(live_server, tokens[role], MATRIX["memberPerformance"][0], variables)["data"][
            "memberPerformance"
        ]
        assert _ask(live_server, tokens[role], MATRIX["evaluation"][0], variables)["data"]["evaluation"]
        assert _ask(live_server, tokens[role], MATRIX["escalations"][0], variables)["data"]["escalations"]
    headed = _ask(live_server, tokens["SUPERIOR"], MATRIX["assignments"][0], variables)["data"][
        "assignments"
    ]["nodes"]
    assert variables["assignment"] in {n["id"] for n in headed}


@pytest.mark.parametrize(
    "role, sees",
    [
        ("ADMIN", True),
        ("AUDITOR", True),
        ("SELF", True),
        ("SUPERIOR", True),
        ("COLLEAGUE", False),
        ("OTHER_UNIT", False),
    ],
)
def test_an_officials_personal_fields_are_null_to_those_outside_their_line(live_server, world, role, sees):
    w, tokens, variables = world
    body = _ask(live_server, tokens[role], f"{{ official(nip: $self) {{ nip name {PERSONAL} }} }}", variables)
    assert "errors" not in body, body
    official = body["data"]["official"]
    assert official["nip"] == w.w.official and official["name"]  # the directory is open
    personal = {
        k: official[k] for k in ("education", "placementHistory", "delegationsReceived", "delegationsGranted")
    }
    if sees:
        assert personal["education"] == "SMA" and personal["placementHistory"][0]["actorNip"] == ADMIN_NIP
        assert personal["delegationsReceived"] == [] and personal["delegationsGranted"] == []
    else:
        assert personal == dict.fromkeys(personal)  # null, not an empty list that passes for "none"


def test_a_list_view_shows_each_caller_only_their_own_personal_fields(live_server, world):
    w, tokens, variables = world
    rows = _ask(
        live_server,
        tokens["COLLEAGUE"],
        '{ officials(unitCode: "A.U1.S1") { nodes { nip education } } }',
        variables,
    )["data"]["officials"]["nodes"]
    education = {r["nip"]: r["education"] for r in rows}
    assert education[w.weak_leader] == "SMA" and education[w.w.official] is None
    assert len(education) >= 3


def test_a_refused_read_is_logged_at_info_without_a_traceback(live_server, world, caplog):
    w, tokens, variables = world
    with caplog.at_level(logging.INFO):
        body = _ask(live_server, tokens["OTHER_UNIT"], MATRIX["workload"][0], variables)
    assert body["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert refused and all(r.levelno == logging.INFO and r.exc_info is None for r in refused)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_every_query_declares_its_read_rule_and_every_personal_field_too():
    """A new query without a declared permission, or without a row in MATRIX, fails here."""
    schema = build_schema(development=True)
    query = schema.schema_converter.type_map["Query"].definition
    undeclared = [f.name for f in query.fields if not any(isinstance(e, Requires) for e in f.extensions)]
    assert undeclared == []
    names = {schema.config.name_converter.get_graphql_name(f) for f in query.fields}
    assert names == set(MATRIX)
    official = schema.schema_converter.type_map["Official"].definition
    guarded = {
        f.name for f in official.fields if any(isinstance(e, NullUnlessPermitted) for e in f.extensions)
    }
    assert guarded == {
        "education",
        "placement_history",
        "appraisal_recommendations",
        "delegations_received",
        "delegations_granted",
    }
    sdl = str(schema)
    assert "@governmentMember" in sdl and "education: Education @selfOrLine" in sdl  # visible in the schema


def test_the_line_reaches_the_agency_head_and_the_appraisers_delegate_not_another_agency(live_server, world):
    w, tokens, variables = world
    setup = build(live_server.settings, migrate=False)
    try:  # the head of A.U2 holds the appraiser's authority for a month (pendelegasian wewenang)
        today = date.today()
        setup.app.handle(
            as_(w.heads["A.U1"]),
            GrantDelegation(
                grantor_nip=w.heads["A.U1"],
                delegate_nip=w.heads["A.U2"],
                valid_from=today,
                valid_until=date.fromordinal(today.toordinal() + 30),
                legal_basis="Surat pendelegasian",
            ),
        )
    finally:
        setup.close()
    # agency head, the appraiser's delegate, head of the sub-unit; the head of another agency
    for head, sees in (
        (w.heads["A"], True),
        (w.heads["A.U2"], True),
        (w.heads["A.U1.S1"], True),
        (w.heads["B"], False),
    ):
        token = live_server.token(head)
        official = _ask(live_server, token, "{ official(nip: $self) { education } }", variables)["data"][
            "official"
        ]
        workload = _ask(live_server, token, MATRIX["workload"][0], variables)
        assert official["education"] == ("SMA" if sees else None), head
        assert (
            ("errors" not in workload)
            if sees
            else workload["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"
        )


def test_whoever_must_act_on_an_open_request_may_read_it(live_server, world):
    """The target side decides on a request it did not make: it reads the request it is asked about."""
    w, tokens, variables = world
    setup = build(live_server.settings, migrate=False)
    try:
        pending = open_team_assignment(
            setup.app, owning_unit=w.w.a_u2, nips=[w.w.second], scope="CROSS_UNIT", team=False
        )
    finally:
        setup.close()
    asked = {"id": str(pending.id)}
    holders = live_server.gql("query($id: ID!) { assignment(id: $id) { waitingFor { nip } } }", asked)
    holder = next(h["nip"] for h in holders["assignment"]["waitingFor"] if h["nip"])
    query = "query($id: ID!) { assignment(id: $id) { id requesterNip } }"
    assert live_server.gql(query, asked, token=live_server.token(holder))["assignment"]["id"] == asked["id"]
    refused = live_server.post({"query": query, "variables": asked}, tokens["COLLEAGUE"]).json()
    assert refused["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"


@pytest.mark.parametrize(
    "document",
    [
        '{ evaluation(subjectId: "no-such-work") { status } }',
        '{ memberPerformance(teamId: "no-such-team", period: "2025-01") { nip } }',
        '{ escalations(subjectId: "no-such-work") { id } }',
        '{ assignment(id: "no-such-assignment") { id } }',
    ],
)
def test_an_unknown_id_is_answered_as_for_anyone_not_refused(live_server, world, document):
    """Nothing to protect: the outsider gets the answer anyone gets (empty, or the id's own error)."""
    w, tokens, variables = world
    outsider = _ask(live_server, tokens["OTHER_UNIT"], document, {})
    admin = _ask(live_server, tokens["ADMIN"], document, {})
    assert outsider == admin
    assert "NOT_AUTHORISED" not in str(outsider)
