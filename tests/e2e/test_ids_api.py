"""Issue 8, defect 5 over real HTTP on SQLite and PostgreSQL: an id of the wrong kind of aggregate
(an assignment's id given as a team's, an escalation's, a subject's) is that aggregate's
`…_NOT_FOUND`, not INTERNAL ("'Assignment' object has no attribute 'expect_active'"); a malformed
id is INVALID_ID on every id field, queries included. Nothing is stored by any of these calls."""

from datetime import date

import pytest

from domain.ids import unit_id
from infra.bootstrap import build
from tests.e2e.test_input_limits_api import recorded
from tests.integration.team_world import _build, fixed_team_assignment, form

ERR = "... on CommandError { code message pesan field }"
PERIOD = date.today().strftime("%Y-%m")
MALFORMED = "not-an-id"


def mutation(name: str, input_type: str) -> str:
    return f"mutation($i: {input_type}!) {{ {name}(input: $i) {{ __typename {ERR} }} }}"


@pytest.fixture
def ids(live_server):
    """A team, a fixed team assignment and the world around them, made through the application."""
    system = build(live_server.settings, migrate=False)
    try:
        world = _build(system.app)
        team = form(system.app, world)
        assignment = fixed_team_assignment(
            system.app, owning_unit=team.owning_unit, nips=[world.w.official, world.w.second]
        )
        return {
            "world": world,
            "team": str(team.id),
            "assignment": str(assignment.id),
            "former": team.formed_by_nip,
            "unit": str(unit_id(world.w.a.unit)),
        }
    finally:
        system.close()


def team_mutations(ids: dict, team_id: str) -> dict[str, tuple[str, dict]]:
    w = ids["world"].w
    return {
        "proposeTeamLeader": ("ProposeTeamLeaderInput", {"teamId": team_id, "nip": w.official}),
        "appointTeamLeader": ("AppointTeamLeaderInput", {"teamId": team_id, "nip": w.official}),
        "admitTeamMembers": ("AdmitTeamMembersInput", {"teamId": team_id, "assignmentId": ids["assignment"]}),
        "changeTeamMemberRole": (
            "ChangeTeamMemberRoleInput",
            {"teamId": team_id, "nip": w.official, "role": "Analis"},
        ),
        "removeTeamMember": (
            "RemoveTeamMemberInput",
            {"teamId": team_id, "nip": w.official, "reason": "Pindah"},
        ),
        "dissolveTeam": (
            "DissolveTeamInput",
            {"teamId": team_id, "on": date.today().isoformat(), "reason": "Selesai"},
        ),
        "reportMemberPerformance": (
            "ReportMemberPerformanceInput",
            {"teamId": team_id, "period": PERIOD, "nip": w.official, "contribution": "Baik"},
        ),
    }


def answer(server, name: str, input_type: str, values: dict, nip: str | None = None) -> dict:
    """The mutation's answer, as the administrator (or the official `nip`)."""
    before = recorded(server)
    token = server.token(nip) if nip else server.token(admin=True)
    body = server.post({"query": mutation(name, input_type), "variables": {"i": values}}, token).json()
    assert "errors" not in body, body["errors"]
    assert recorded(server) == before, f"{name} recorded something while refusing"
    return body["data"][name]


@pytest.mark.profile("kota-serang-2023")
def test_an_assignments_id_as_a_team_id_is_team_not_found_in_every_team_mutation(live_server, ids):
    for name, (input_type, values) in team_mutations(ids, ids["assignment"]).items():
        got = answer(live_server, name, input_type, values)
        assert got["code"] == "TEAM_NOT_FOUND", (name, got)
        assert got["pesan"]


@pytest.mark.profile("kota-serang-2023")
def test_an_assignments_id_as_an_escalation_id_is_escalation_not_found(live_server, ids):
    values = {
        "escalationId": ids["assignment"],
        "unitCode": "A.U1",
        "decision": "Setuju",
        "reason": "Data resmi",
    }
    assert (
        answer(live_server, "decideEscalation", "DecideEscalationInput", values)["code"]
        == "ESCALATION_NOT_FOUND"
    )


@pytest.mark.profile("kota-serang-2023")
def test_a_team_id_as_an_assignment_id_is_assignment_not_found(live_server, ids):
    got = answer(live_server, "approveStep", "StepInput", {"assignmentId": ids["team"], "step": 2})
    assert got["code"] == "ASSIGNMENT_NOT_FOUND"
    admit = {"teamId": ids["team"], "assignmentId": ids["team"]}
    as_former = answer(live_server, "admitTeamMembers", "AdmitTeamMembersInput", admit, ids["former"])
    assert as_former["code"] == "ASSIGNMENT_NOT_FOUND"


@pytest.mark.profile("kota-serang-2023")
def test_a_units_id_as_a_subject_id_is_subject_not_found(live_server, ids):
    unit = ids["unit"]
    for name, input_type, values in [
        ("submitReport", "SubmitReportInput", {"subjectId": unit, "period": PERIOD, "text": "Laporan"}),
        (
            "raiseEscalation",
            "RaiseEscalationInput",
            {"subjectId": unit, "problems": "Data", "alternatives": ["A"]},
        ),
        (
            "requestReport",
            "RequestReportInput",
            {"officialNip": ids["world"].w.official, "subjectId": unit, "about": "Progres"},
        ),
        ("submitResults", "SubmitResultsInput", {"subjectId": unit, "summary": "Selesai", "results": []}),
    ]:
        assert answer(live_server, name, input_type, values)["code"] == "SUBJECT_NOT_FOUND", name


@pytest.mark.profile("kota-serang-2023")
def test_a_malformed_id_is_invalid_id_on_every_mutation_id_field(live_server, ids):
    cases = {
        name: (input_type, values) for name, (input_type, values) in team_mutations(ids, MALFORMED).items()
    }
    cases["decideEscalation"] = (
        "DecideEscalationInput",
        {"escalationId": MALFORMED, "unitCode": "A.U1", "decision": "Setuju", "reason": "Data resmi"},
    )
    cases["approveStep"] = ("StepInput", {"assignmentId": MALFORMED, "step": 2})
    cases["submitReport"] = (
        "SubmitReportInput",
        {"subjectId": MALFORMED, "period": PERIOD, "text": "Laporan"},
    )
    cases["forwardReport"] = ("ForwardReportInput", {"reportId": MALFORMED, "note": "Diteruskan"})
    cases["revokeDelegation"] = (
        "RevokeDelegationInput",
        {"grantorNip": ids["world"].w.a.unit_head, "delegationId": MALFORMED, "reason": "Selesai"},
    )
    cases["approveResults"] = ("ReviewResultsInput", {"subjectId": MALFORMED, "level": 1})
    for name, (input_type, values) in cases.items():
        got = answer(live_server, name, input_type, values)
        assert got["code"] == "INVALID_ID", (name, got)
        assert got["field"] and got["pesan"], (name, got)


@pytest.mark.profile("kota-serang-2023")
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ('{ assignment(id: "not-an-id") { id } }', "id"),
        ('{ team(id: "not-an-id") { id } }', "id"),
        ('{ evaluation(subjectId: "not-an-id") { status } }', "subjectId"),
        ('{ reports(subjectId: "not-an-id") { id } }', "subjectId"),
        ('{ escalations(subjectId: "not-an-id") { id } }', "subjectId"),
        ('{ memberPerformance(teamId: "not-an-id", period: "2025-01") { nip } }', "teamId"),
        ('{ history(aggregateId: "not-an-id") { version } }', "aggregateId"),
        (
            '{ aggregateAsOf(aggregateId: "not-an-id", asOf: "2025-01-01T00:00:00Z") { version } }',
            "aggregateId",
        ),
    ],
    ids=[
        "assignment",
        "team",
        "evaluation",
        "reports",
        "escalations",
        "memberPerformance",
        "history",
        "aggregateAsOf",
    ],
)
def test_a_malformed_id_is_invalid_id_in_queries_too(live_server, ids, query, field):
    body = live_server.post({"query": query}, live_server.token(admin=True)).json()
    assert body["data"] is None or next(iter(body["data"].values())) is None
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INVALID_ID", error
    assert error["extensions"]["pesan"]


@pytest.mark.profile("kota-serang-2023")
def test_a_well_formed_id_of_the_wrong_kind_in_a_query_finds_nothing(live_server, ids):
    data = live_server.gql("query($id: ID!) { team(id: $id) { id } }", {"id": ids["assignment"]})
    assert data["team"] is None
    data = live_server.gql("query($id: ID!) { assignment(id: $id) { id } }", {"id": ids["team"]})
    assert data["assignment"] is None


def _id_arguments() -> list[tuple[str, str, str]]:
    """(query field, id argument, the rest of its required arguments) for every id argument of every query."""
    from graphql import GraphQLNonNull, get_named_type

    from api.schema import build_schema

    samples = {"String": '"2025-01"', "Int": "5", "DateTime": '"2025-01-01T00:00:00Z"', "ID": '"x"'}
    found = []
    for name, field in build_schema(development=True)._schema.query_type.fields.items():
        for argument in field.args:
            if argument == "id" or argument.endswith("Id"):
                others = [
                    f"{other}: {samples[get_named_type(spec.type).name]}"
                    for other, spec in field.args.items()
                    if other != argument and isinstance(spec.type, GraphQLNonNull)
                ]
                found.append((name, argument, ", ".join(others)))
    return found


@pytest.mark.profile("kota-serang-2023")
def test_every_id_argument_of_every_query_answers_invalid_id_when_malformed(live_server):
    """A guard: a new query taking an id must parse it (api.input_limits.query_id)."""
    arguments = _id_arguments()
    assert len(arguments) >= 8
    for name, argument, others in arguments:
        rest = f", {others}" if others else ""
        body = live_server.post(
            {"query": f'{{ {name}({argument}: "{MALFORMED}"{rest}) {{ __typename }} }}'},
            live_server.token(admin=True),
        ).json()
        codes = [error["extensions"]["code"] for error in body.get("errors", [])]
        assert codes == ["INVALID_ID"], (name, argument, body)
