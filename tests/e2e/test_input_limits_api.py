"""Issue 8, defects 1(a) and 4 over real HTTP on SQLite and PostgreSQL: free text and dates outside
their limits (domain.limits) are refused with INVALID_VALUE naming the field, nothing is stored,
and the tenant goes on working. Before: NUL in `work` was stored and stopped the PostgreSQL
projector; 1 MB texts, control characters, 9999-12-31 placements and `pybNip: ""` were recorded."""

import unicodedata
from datetime import date

import pytest

from application.principal import ADMIN_ROLE, Principal
from infra.bootstrap import build
from tests.support import build_world, nip

ERR = "... on CommandError { code message pesan field }"
REQUEST = (
    "mutation($i: RequestAssignmentInput!) { requestAssignment(input: $i) { "
    f"... on AssignmentSuccess {{ assignment {{ id work }} }} {ERR} }} }}"
)
REGISTER = (
    "mutation($i: RegisterOfficialInput!) { registerOfficial(input: $i) { "
    f"... on OfficialSuccess {{ official {{ nip name }} }} {ERR} }} }}"
)
ESTABLISH = (
    "mutation($i: EstablishUnitInput!) { establishUnit(input: $i) { "
    f"... on UnitSuccess {{ unit {{ code }} }} {ERR} }} }}"
)
PLACE = (
    "mutation($i: PlaceOfficialInput!) { placeOfficial(input: $i) { "
    f"... on OfficialSuccess {{ official {{ nip }} }} {ERR} }} }}"
)
OFFICES = (
    "mutation($i: ConfigureOfficesInput!) { configureOffices(input: $i) { "
    f"... on Offices {{ pybNip }} {ERR} }} }}"
)
ASSIGNMENTS = "query { assignments(first: 100) { edges { node { id work } } } }"
CONTROL = {"NUL": "\u0000", "BEL": "\u0007", "ESC": "\u001b", "RLO": "\u202e", "ZWSP": "\u200b"}


def recorded(server) -> int:
    """The position of the last event stored (what a refused call must leave unchanged)."""
    system = build(server.settings, migrate=False)
    try:
        return system.app.recorder.max_notification_id() or 0
    finally:
        system.close()


@pytest.fixture
def world(live_server):
    system = build(live_server.settings, migrate=False)
    try:
        return build_world(system.app, Principal(nip="196805121990031003", roles=frozenset({ADMIN_ROLE})))
    finally:
        system.close()


def request_input(world, **changes) -> dict:
    return {
        "mode": "APPOINTMENT",
        "scope": "WITHIN_UNIT",
        "owningUnitCode": world.a.unit,
        "work": "Analisis data",
        "periodStart": "2025-01-01",
        "periodEnd": "2025-12-31",
        "officialNips": [world.official],
        **changes,
    }


def call(server, query: str, values: dict, token: str) -> dict:
    body = server.post({"query": query, "variables": {"i": values}}, token).json()
    assert "errors" not in body, body["errors"]
    return next(iter(body["data"].values()))


def refused(server, query: str, values: dict, token: str, field: str, code: str = "INVALID_VALUE") -> dict:
    before = recorded(server)
    answer = call(server, query, values, token)
    assert (answer.get("code"), answer.get("field")) == (code, field), answer
    assert answer["pesan"] and answer["message"]
    assert recorded(server) == before, "a refused command recorded something"
    return answer


def test_nul_in_work_is_refused_nothing_is_stored_and_later_mutations_work(live_server, world):
    """The issue's first defect: on PostgreSQL the NUL stopped the tenant for good."""
    token = live_server.token(world.a.unit_head)
    refused(live_server, REQUEST, request_input(world, work="a\u0000b"), token, "work")
    made = call(live_server, REQUEST, request_input(world, work="Analisis data stunting"), token)
    assert made["assignment"]["work"] == "Analisis data stunting"
    works = [e["node"]["work"] for e in live_server.gql(ASSIGNMENTS)["assignments"]["edges"]]
    assert works == ["Analisis data stunting"]


def test_a_nul_in_an_idempotency_key_is_refused(live_server, world):
    token = live_server.token(world.a.unit_head)
    refused(
        live_server,
        REQUEST,
        request_input(world, idempotencyKey="k\u0000"),
        token,
        "idempotencyKey",
        code="INVALID_IDEMPOTENCY_KEY",
    )


@pytest.mark.parametrize("name", list(CONTROL))
def test_each_control_or_format_character_is_refused_in_work(live_server, world, name):
    token = live_server.token(world.a.unit_head)
    answer = refused(
        live_server, REQUEST, request_input(world, work=f"Analisis{CONTROL[name]}data"), token, "work"
    )
    assert f"U+{ord(CONTROL[name]):04X}" in answer["message"]


def test_one_megabyte_of_work_name_or_legal_basis_is_refused(live_server, world):
    big = "x" * 1_000_000
    refused(
        live_server, REQUEST, request_input(world, work=big), live_server.token(world.a.unit_head), "work"
    )
    admin = live_server.token(admin=True)
    official = {
        "nip": nip(),
        "name": "Budi Santoso",
        "positionType": "PELAKSANA",
        "positionTitle": "Pengadministrasi",
        "rank": "II/c",
        "education": "SMA",
        "legalBasis": "SK pengangkatan",
    }
    refused(live_server, REGISTER, {**official, "name": "Budi " + "a" * 1_000_000}, admin, "name")
    refused(live_server, REGISTER, {**official, "legalBasis": big}, admin, "legalBasis")
    unit = {
        "code": "A.U9",
        "name": "Bidang Baru",
        "kind": "BIDANG",
        "headPosition": "ADMINISTRATOR",
        "legalBasis": big,
        "parentCode": "A",
    }
    refused(live_server, ESTABLISH, unit, admin, "legalBasis")


def test_names_follow_the_name_kind_and_are_stored_in_nfc(live_server, world):
    admin = live_server.token(admin=True)
    official = {
        "nip": nip(),
        "positionType": "PELAKSANA",
        "positionTitle": "Pengadministrasi",
        "rank": "II/c",
        "education": "SMA",
        "legalBasis": "SK pengangkatan",
    }
    refused(live_server, REGISTER, {**official, "name": "Budi\u202eSantoso"}, admin, "name")
    refused(live_server, REGISTER, {**official, "name": "Budi Santoso 2"}, admin, "name")
    refused(live_server, REGISTER, {**official, "name": "Budi\nSantoso"}, admin, "name")
    decomposed = unicodedata.normalize("NFD", "Dr. Ir. H. Zoë Santoso, S.T., M.Si.")
    made = call(live_server, REGISTER, {**official, "name": decomposed}, admin)
    assert made["official"]["name"] == "Dr. Ir. H. Zoë Santoso, S.T., M.Si."


def test_a_newline_only_where_text_has_several_lines(live_server, world):
    token = live_server.token(world.a.unit_head)
    made = call(live_server, REQUEST, request_input(world, work="Baris satu\nBaris dua"), token)
    assert made["assignment"]["work"] == "Baris satu\nBaris dua"
    admin = live_server.token(admin=True)
    refused(
        live_server, OFFICES, {"legalBasis": "Perbup\nkewenangan", "setdaCode": "SETDA"}, admin, "legalBasis"
    )


@pytest.mark.parametrize("day", ["9999-12-31", "1800-01-01", "in two years"])
def test_a_placement_dated_outside_its_plausible_range_is_refused(live_server, world, day):
    if day == "in two years":
        day = date.today().replace(month=1, day=1, year=date.today().year + 2).isoformat()
    person = {
        "nip": world.bystander,
        "unitCode": world.a.subunit,
        "appraiserNip": world.a.unit_head,
        "effectiveDate": day,
    }
    refused(live_server, PLACE, person, live_server.token(admin=True), "effectiveDate")


def test_a_placement_dated_today_is_accepted(live_server, world):
    person = {
        "nip": world.official,
        "unitCode": world.a.subunit,
        "appraiserNip": world.a.unit_head,
        "effectiveDate": date.today().isoformat(),
    }
    assert (
        call(live_server, PLACE, person, live_server.token(admin=True))["official"]["nip"] == world.official
    )


def test_period_dates_outside_their_range_are_refused(live_server, world):
    token = live_server.token(world.a.unit_head)
    refused(live_server, REQUEST, request_input(world, periodEnd="9999-12-31"), token, "periodEnd")
    refused(live_server, REQUEST, request_input(world, periodStart="1800-01-01"), token, "periodStart")


def test_an_empty_pyb_nip_is_refused(live_server, world):
    admin = live_server.token(admin=True)
    refused(
        live_server,
        OFFICES,
        {"legalBasis": "Perbup kewenangan", "setdaCode": "SETDA", "pybNip": ""},
        admin,
        "pybNip",
        code="REQUIRED",
    )
    made = call(
        live_server,
        OFFICES,
        {"legalBasis": "Perbup kewenangan", "setdaCode": "SETDA", "pybNip": world.setda.agency_head},
        admin,
    )
    assert made["pybNip"] == world.setda.agency_head


@pytest.mark.parametrize(
    "query",
    [
        '{ official(nip: "1968\\u0000") { nip } }',
        '{ unit(code: "A\\u0000") { code } }',
        '{ teams(first: 5, owningUnit: "A\\u0000") { edges { node { id } } } }',
        '{ workload(nip: "1968\\u0000") { id } }',
    ],
    ids=["official", "unit", "teams", "workload"],
)
def test_a_nul_in_a_query_argument_is_invalid_value_not_internal(live_server, query):
    """On PostgreSQL this reached the database ("text fields cannot contain NUL") and answered INTERNAL."""
    body = live_server.post({"query": query}, live_server.token(admin=True)).json()
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "INVALID_VALUE" and error["extensions"]["pesan"], error


def test_a_nul_in_a_query_variable_is_invalid_value_naming_the_variable(live_server):
    body = live_server.post(
        {"query": "query($n: String!) { official(nip: $n) { nip } }", "variables": {"n": "1968\u0000"}},
        live_server.token(admin=True),
    ).json()
    (error,) = body["errors"]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("INVALID_VALUE", "n"), error
