"""Assignments over real HTTP, on SQLite and PostgreSQL: the README's cross-unit appointment
(Banjarnegara Pasal 20 ayat (3)), inbox and workload, the typed error of a wrong actor, and
idempotency keys on assignment and organisation mutations."""

import pytest

pytestmark = pytest.mark.profile("banjarnegara-2024")

RESULT = (
    "... on AssignmentSuccess { assignment { id status openStep { number role action citation }"
    " letterNumber waitingFor { nip via } history { step outcome actorNip capacityKind legalBasis reason } }"
    " } ... on CommandError { code message pesan field }"
)
REQUEST = f"mutation($i: RequestAssignmentInput!) {{ requestAssignment(input: $i) {{ {RESULT} }} }}"
APPROVE = f"mutation($i: StepInput!) {{ approveStep(input: $i) {{ {RESULT} }} }}"
ISSUE = f"mutation($i: StepInput!) {{ issueLetter(input: $i) {{ {RESULT} }} }}"
INBOX = "{ myInbox(first: 10) { nodes { id via openStep { number role } } } }"
ESTABLISH = (
    "mutation($i: EstablishUnitInput!) { establishUnit(input: $i) { ... on UnitSuccess { unit { code } }"
    " ... on CommandError { code } } }"
)


def cross_unit_request(world, key=None):
    return {
        "i": {
            "mode": "APPOINTMENT",
            "scope": "CROSS_UNIT",
            "owningUnitCode": "A.U2",
            "officialNips": [world.official],
            "work": "Audit kinerja triwulan I",
            "periodStart": "2025-01-01",
            "periodEnd": "2025-03-31",
            "idempotencyKey": key,
            "requestLetter": {
                "purpose": "Audit kinerja",
                "competencies": "Akuntansi pemerintahan",
                "expectedTarget": "Laporan audit triwulan I",
            },
        }
    }


def test_a_cross_unit_appointment_over_graphql(world_server):
    world, server = world_server
    as_requester = server.token(world.heads["A.U2"])
    made = server.gql(REQUEST, cross_unit_request(world), token=as_requester)["requestAssignment"][
        "assignment"
    ]
    assert made["openStep"] == {
        "number": 2,
        "role": "OFFICIAL_APPRAISER",
        "action": "APPROVE",
        "citation": "banjarnegara-2024 Pasal 20 ayat (3) huruf b dan huruf d",
    }
    assert made["waitingFor"] == [{"nip": world.a.unit_head, "via": "POSITION"}]
    inbox = server.gql(INBOX, token=server.token(world.a.unit_head))["myInbox"]["nodes"]
    assert [(n["id"], n["via"]) for n in inbox] == [(made["id"], "POSITION")]
    wrong = server.gql(APPROVE, {"i": {"assignmentId": made["id"], "step": 2}}, token=as_requester)[
        "approveStep"
    ]
    assert wrong["code"] == "NOT_YOUR_STEP" and world.a.unit_head in wrong["message"]
    server.gql(APPROVE, {"i": {"assignmentId": made["id"], "step": 2}}, token=server.token(world.a.unit_head))
    done = server.gql(
        ISSUE, {"i": {"assignmentId": made["id"], "step": 3}}, token=server.token(world.a.subunit_head)
    )["issueLetter"]["assignment"]
    assert done["status"] == "ACTIVE" and done["letterNumber"].startswith("1/ST/A.U1.S1/")
    assert [h["legalBasis"] for h in done["history"]] == [
        "banjarnegara-2024 Pasal 20 ayat (3) huruf a",
        "banjarnegara-2024 Pasal 20 ayat (3) huruf b dan huruf d",
        "banjarnegara-2024 Pasal 20 ayat (3) huruf c",
    ]
    workload = server.gql(f'{{ workload(nip: "{world.official}") {{ id }} }}')["workload"]
    assert workload == [{"id": made["id"]}]


def test_a_retried_mutation_returns_the_first_result_and_a_reused_key_is_refused(world_server):
    world, server = world_server
    as_requester = server.token(world.heads["A.U2"])
    first = server.gql(REQUEST, cross_unit_request(world, "retry-1"), token=as_requester)["requestAssignment"]
    again = server.gql(REQUEST, cross_unit_request(world, "retry-1"), token=as_requester)["requestAssignment"]
    assert again["assignment"]["id"] == first["assignment"]["id"]
    mine = server.gql("{ myRequests(first: 10) { nodes { id } } }", token=as_requester)["myRequests"]["nodes"]
    assert len(mine) == 1
    other = cross_unit_request(world, "retry-1")
    other["i"]["work"] = "Something else"
    assert (
        server.gql(REQUEST, other, token=as_requester)["requestAssignment"]["code"]
        == "IDEMPOTENCY_KEY_REUSED"
    )


def test_organisation_mutations_take_an_idempotency_key_too(world_server):
    _, server = world_server
    unit = {
        "code": "BAPPEDA",
        "name": "Bappeda",
        "kind": "BADAN",
        "headPosition": "JPT_PRATAMA",
        "legalBasis": "Perbup SOTK",
        "idempotencyKey": "unit-1",
    }
    assert server.gql(ESTABLISH, {"i": unit})["establishUnit"] == {"unit": {"code": "BAPPEDA"}}
    assert server.gql(ESTABLISH, {"i": unit})["establishUnit"] == {
        "unit": {"code": "BAPPEDA"}
    }  # not UNIT_EXISTS
    reused = server.gql(ESTABLISH, {"i": {**unit, "code": "BKD"}})["establishUnit"]
    assert reused == {"code": "IDEMPOTENCY_KEY_REUSED"}


def test_the_administrator_configures_the_offices_and_others_cannot(world_server):
    world, server = world_server
    configure = (
        "mutation($i: ConfigureOfficesInput!) { configureOffices(input: $i) {"
        " ... on Offices { setdaCode pybNip } ... on CommandError { code } } }"
    )
    body = {"i": {"legalBasis": "Perbup 5/2024", "setdaCode": "SETDA", "pybNip": world.setda.agency_head}}
    assert server.gql(configure, body)["configureOffices"] == {
        "setdaCode": "SETDA",
        "pybNip": world.setda.agency_head,
    }
    assert server.gql("{ offices { setdaCode pybNip } }")["offices"]["pybNip"] == world.setda.agency_head
    refused = server.gql(configure, body, token=server.token(world.official))["configureOffices"]
    assert refused == {"code": "NOT_AUTHORISED"}
    not_setda = server.gql(configure, {"i": {**body["i"], "setdaCode": "A"}})["configureOffices"]
    assert not_setda == {"code": "NOT_A_SETDA"}


def test_every_organisation_and_assignment_mutation_takes_an_idempotency_key():
    from strawberry.utils.str_converters import to_camel_case

    from api.assignments import AssignmentMutation
    from api.organisation import OrganisationMutation
    from api.schema import build_schema

    mutations = build_schema(development=True)._schema.mutation_type.fields
    mine = [
        to_camel_case(f.python_name)
        for cls in (OrganisationMutation, AssignmentMutation)
        for f in cls.__strawberry_definition__.fields
    ]
    assert (
        len(mine) == 21
    )  # + recommendAppraisal (item 19), designateUnit (item 6), declareAgencyAffairs (item 8)
    for name in mine:
        assert "idempotencyKey" in mutations[name].args["input"].type.of_type.fields, name
