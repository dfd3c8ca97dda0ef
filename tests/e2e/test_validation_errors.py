"""The client's GraphQL mistakes are answered with a typed code, never INTERNAL (issue 8, defects 3 and 8).

Over real HTTP, on both stores: invalid variable values (what every front-end sends), invalid
literals, documents that do not parse or validate; and no schema suggestions in production.
"""

import logging

import httpx
import pytest

from tests.e2e.conftest import running_server
from tests.e2e.test_organisation_api import APPOINT, agency, register  # noqa: F401 (agency: a fixture)

UNITS = "{ organisationTree(first: 50) { nodes { code head { nip } } } }"


def errors_of(server, query, variables=None):
    response = server.post({"query": query, "variables": variables or {}}, server.token(admin=True))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("data") is None, body
    return body["errors"]


def no_error_logged(caplog):
    """Refusals are logged at INFO, one line, without a traceback."""
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    refusals = [
        r for r in caplog.records if r.name == "sistemkerja.api" and r.getMessage().startswith("refused")
    ]
    assert refusals and all(r.levelno == logging.INFO and r.exc_info is None for r in refusals)


@pytest.mark.parametrize("day", ["2025-02-30", "2025-13-01", "0000-01-01"])
def test_an_impossible_date_in_a_variable_is_invalid_value_naming_the_field(live_server, agency, day, caplog):  # noqa: F811
    caplog.set_level(logging.INFO)
    kepala = register(live_server, "ADMINISTRATOR", rank="IV/a")
    before = live_server.gql(UNITS)
    errors = errors_of(
        live_server,
        APPOINT,
        {"i": {"unitCode": "DINKES.P2P", "nip": kepala, "effectiveDate": day, "legalBasis": "SK jabatan"}},
    )
    assert len(errors) == 1
    extensions = errors[0]["extensions"]
    assert extensions["code"] == "INVALID_VALUE"
    assert extensions["field"] == "effectiveDate"
    assert "effectiveDate" in extensions["pesan"] and "tidak sah" in extensions["pesan"]
    assert day in errors[0]["message"]
    assert live_server.gql(UNITS) == before  # nothing applied
    no_error_logged(caplog)


def test_a_page_size_beyond_32_bits_in_a_variable_is_invalid_value(live_server, caplog):
    caplog.set_level(logging.INFO)
    query = "query($f: Int!) { organisationTree(first: $f) { nodes { code } } }"
    errors = errors_of(live_server, query, {"f": 2147483648})
    assert errors[0]["extensions"]["code"] == "INVALID_VALUE"
    assert errors[0]["extensions"]["field"] == "first"
    no_error_logged(caplog)


def test_an_invalid_literal_is_invalid_value_too(live_server, caplog):
    caplog.set_level(logging.INFO)
    inline = (
        'mutation { appointHead(input: {unitCode: "X", nip: "1", effectiveDate: "2025-02-30",'
        ' legalBasis: "SK"}) '
        "{ __typename } }"
    )
    errors = errors_of(live_server, inline)
    assert errors[0]["extensions"]["code"] == "INVALID_VALUE"
    assert errors[0]["extensions"]["field"] == "effectiveDate"
    errors = errors_of(live_server, "{ organisationTree(first: 2147483648) { nodes { code } } }")
    assert errors[0]["extensions"] | {"pesan": None} == {
        "code": "INVALID_VALUE",
        "field": "first",
        "pesan": None,
    }
    no_error_logged(caplog)


def test_a_missing_required_variable_is_invalid_value(live_server):
    errors = errors_of(live_server, "query($f: Int!) { organisationTree(first: $f) { nodes { code } } }")
    assert errors[0]["extensions"]["code"] == "INVALID_VALUE"
    assert errors[0]["extensions"]["field"] == "first"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("{ " + " ".join(f"a{i}: me {{ nip }}" for i in range(100)) + " }", "GRAPHQL_VALIDATION_FAILED"),
        (
            '{ unit(code: "X") { ' + "parent { " * 12 + "code" + " }" * 12 + " } }",
            "GRAPHQL_VALIDATION_FAILED",
        ),
        ("{ officia }", "GRAPHQL_VALIDATION_FAILED"),
        ("query($unused: Int) { me { nip } }", "GRAPHQL_VALIDATION_FAILED"),
        ("{ me { nip }", "GRAPHQL_PARSE_FAILED"),
        ("{ me { " + " ".join("nip" for _ in range(4000)) + " } }", "GRAPHQL_PARSE_FAILED"),
    ],
)
def test_every_validation_error_carries_a_code_and_a_pesan(live_server, query, code, caplog):
    caplog.set_level(logging.INFO)
    errors = errors_of(live_server, query)
    assert {e["extensions"]["code"] for e in errors} == {code}
    assert all(e["extensions"]["pesan"] for e in errors)
    no_error_logged(caplog)


def test_development_suggests_names_production_does_not(settings):
    for mode, suggests in (("development", True), ("production", False)):
        with running_server(settings.model_copy(update={"mode": mode})) as server:
            errors = errors_of(server, "{ officia }")
            assert ("Did you mean" in errors[0]["message"]) is suggests, errors
            assert errors[0]["message"].startswith("Cannot query field 'officia' on type 'Query'.")
            wrong_input = "mutation($i: AppointHeadInput!) { appointHead(input: $i) { __typename } }"
            errors = errors_of(
                server,
                wrong_input,
                {
                    "i": {
                        "unitCode": "X",
                        "nip": "1",
                        "effectiveDate": "2025-01-01",
                        "legalBasis": "SK",
                        "legalBasi": "SK",
                    }
                },
            )
            assert errors[0]["extensions"]["code"] == "INVALID_VALUE"
            assert ("Did you mean" in errors[0]["message"]) is suggests, errors


@pytest.mark.parametrize(
    "body",
    [
        b'{"query": ""}',
        b'{"query": "{ me { nip } }", "operationName": "Nope"}',
        b'{"query": 5}',
        b"{not json",
    ],
)
def test_a_request_that_is_not_graphql_is_answered_400_typed(live_server, body):
    response = httpx.post(
        f"{live_server.url}/graphql",
        content=body,
        timeout=30,
        headers={
            "authorization": f"Bearer {live_server.token(admin=True)}",
            "content-type": "application/json",
        },
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_REQUEST" and error["extensions"]["pesan"]
    assert error["message"]
