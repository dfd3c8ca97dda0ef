"""GraphQL over real HTTP: organisation, placement, delegation; auth, typed errors, limits."""

import httpx
import jwt
import pytest

from tests.support import nip, spelled

UNIT_FIELDS = (
    "... on UnitSuccess { unit { code level head { nip name } } } ... on CommandError { code message pesan"
    " field }"
)
OFFICIAL_FIELDS = (
    "... on OfficialSuccess { official { nip name unitCode appraiser { nip } unitHead { nip } "
    "agencyHead { nip } placementHistory { legalBasis actorNip effectiveDate } } } "
    "... on CommandError { code message pesan field }"
)

ESTABLISH = f"mutation($i: EstablishUnitInput!) {{ establishUnit(input: $i) {{ {UNIT_FIELDS} }} }}"
REGISTER = f"mutation($i: RegisterOfficialInput!) {{ registerOfficial(input: $i) {{ {OFFICIAL_FIELDS} }} }}"
APPOINT = f"mutation($i: AppointHeadInput!) {{ appointHead(input: $i) {{ {UNIT_FIELDS} }} }}"
PLACE = f"mutation($i: PlaceOfficialInput!) {{ placeOfficial(input: $i) {{ {OFFICIAL_FIELDS} }} }}"


def establish(server, code, kind, head_position, parent=None):
    return server.gql(
        ESTABLISH,
        {
            "i": {
                "code": code,
                "name": code,
                "kind": kind,
                "headPosition": head_position,
                "parentCode": parent,
                "legalBasis": "Perbup SOTK",
            }
        },
    )["establishUnit"]


def register(server, position_type, grade=None, rank="III/c", number=None):
    number = number or nip()
    result = server.gql(
        REGISTER,
        {
            "i": {
                "nip": number,
                "name": f"Pegawai {spelled(number[-3:])}",
                "positionType": position_type,
                "positionTitle": position_type,
                "grade": grade,
                "rank": rank,
                "education": "S1",
                "legalBasis": "SK",
            }
        },
    )["registerOfficial"]
    assert "official" in result, result
    return number


def appoint(server, unit, number):
    return server.gql(
        APPOINT,
        {"i": {"unitCode": unit, "nip": number, "effectiveDate": "2024-01-02", "legalBasis": "SK jabatan"}},
    )["appointHead"]


@pytest.fixture
def agency(live_server):
    establish(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    establish(live_server, "DINKES.P2P", "BIDANG", "ADMINISTRATOR", "DINKES")
    head, kabid = (
        register(live_server, "JPT_PRATAMA", rank="IV/c"),
        register(live_server, "ADMINISTRATOR", rank="IV/a"),
    )
    appoint(live_server, "DINKES", head)
    appoint(live_server, "DINKES.P2P", kabid)
    return {"head": head, "kabid": kabid}


def test_a_placement_is_visible_in_the_mutation_answer_and_the_next_query(live_server, agency):
    staff = register(live_server, "PELAKSANA", rank="II/c")
    placed = live_server.gql(
        PLACE,
        {
            "i": {
                "nip": staff,
                "unitCode": "DINKES.P2P",
                "appraiserNip": agency["kabid"],
                "effectiveDate": "2025-03-03",
            }
        },
    )["placeOfficial"]["official"]
    assert placed["appraiser"]["nip"] == agency["kabid"]
    assert placed["unitHead"]["nip"] == agency["kabid"]
    assert placed["agencyHead"]["nip"] == agency["head"]
    assert placed["placementHistory"][0]["legalBasis"].startswith("kab-serang-2024 Pasal 6")
    me = live_server.gql(
        "{ me { nip appraiser { nip } unitHead { nip } agencyHead { nip } } }", token=live_server.token(staff)
    )["me"]
    assert me == {
        "nip": staff,
        "appraiser": {"nip": agency["kabid"]},
        "unitHead": {"nip": agency["kabid"]},
        "agencyHead": {"nip": agency["head"]},
    }


def test_the_tree_is_paginated_in_tree_order(live_server, agency):
    establish(live_server, "DINKES.SEK", "SEKRETARIAT", "ADMINISTRATOR", "DINKES")
    query = (
        "query($after: String) { organisationTree(first: 2, after: $after) { "
        "edges { node { code head { nip } } } pageInfo { hasNextPage endCursor } } }"
    )
    first = live_server.gql(query)["organisationTree"]
    assert [e["node"]["code"] for e in first["edges"]] == ["DINKES", "DINKES.P2P"]
    assert first["edges"][0]["node"]["head"]["nip"] == agency["head"]
    assert first["pageInfo"]["hasNextPage"]
    rest = live_server.gql(query, {"after": first["pageInfo"]["endCursor"]})["organisationTree"]
    assert [e["node"]["code"] for e in rest["edges"]] == ["DINKES.SEK"]
    assert not rest["pageInfo"]["hasNextPage"]


def test_a_refused_command_is_a_typed_error_in_both_languages_and_changes_nothing(live_server, agency):
    expert = register(live_server, "FUNGSIONAL", grade="AHLI_UTAMA", rank="IV/d")
    outsider = register(live_server, "PELAKSANA")
    refused = live_server.gql(
        PLACE,
        {
            "i": {
                "nip": outsider,
                "unitCode": "DINKES.P2P",
                "appraiserNip": outsider,
                "effectiveDate": "2025-03-03",
            }
        },
    )["placeOfficial"]
    assert refused["code"] == "SELF_APPRAISAL" and refused["message"] and refused["pesan"]
    missing = live_server.gql(
        PLACE,
        {
            "i": {
                "nip": expert,
                "unitCode": "NOPE",
                "appraiserNip": agency["kabid"],
                "effectiveDate": "2025-03-03",
            }
        },
    )["placeOfficial"]
    assert missing["code"] == "UNIT_NOT_FOUND"
    bad_nip = live_server.gql(
        REGISTER,
        {
            "i": {
                "nip": "123",
                "name": "X",
                "positionType": "PELAKSANA",
                "positionTitle": "X",
                "rank": "II/a",
                "education": "SMA",
                "legalBasis": "SK",
            }
        },
    )["registerOfficial"]
    assert bad_nip["code"] == "INVALID_NIP"
    history = live_server.gql(
        "query($n: String!) { official(nip: $n) { placementHistory { unitCode } } }", {"n": expert}
    )
    assert history["official"]["placementHistory"] == []


def test_an_official_without_the_admin_role_cannot_manage_the_organisation(live_server):
    refused = live_server.gql(
        ESTABLISH,
        {
            "i": {
                "code": "X",
                "name": "X",
                "kind": "DINAS",
                "headPosition": "JPT_PRATAMA",
                "legalBasis": "Perbup",
            }
        },
        admin=False,
    )["establishUnit"]
    assert refused["code"] == "NOT_AUTHORISED"
    assert live_server.gql('{ unit(code: "X") { code } }')["unit"] is None


@pytest.mark.parametrize("header", [None, "Bearer", "Basic abc", "Bearer not-a-jwt"])
def test_a_call_without_a_valid_token_is_refused_and_changes_nothing(live_server, header):
    headers = {"authorization": header} if header else {}
    body = {
        "query": ESTABLISH,
        "variables": {
            "i": {"code": "X", "name": "X", "kind": "DINAS", "headPosition": "JPT_PRATAMA", "legalBasis": "P"}
        },
    }
    response = httpx.post(f"{live_server.url}/graphql", json=body, headers=headers)
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert live_server.gql('{ unit(code: "X") { code } }')["unit"] is None


def test_expired_forged_and_foreign_tenant_tokens_are_refused(live_server):
    settings = live_server.settings
    expired = jwt.encode(
        {"sub": "1", "tenant": settings.profile, "exp": 1}, settings.jwt_secret, algorithm="HS256"
    )
    forged = jwt.encode(
        {"sub": "1", "tenant": settings.profile, "exp": 2**31}, "other-secret", algorithm="HS256"
    )
    foreign = jwt.encode(
        {"sub": "1", "tenant": "banyumas-2024", "exp": 2**31}, settings.jwt_secret, algorithm="HS256"
    )
    # In Indonesian: no Accept-Language asks for English (tests/e2e/test_message_language.py).
    for token, words in ((expired, "kedaluwarsa"), (forged, "tidak sah"), (foreign, "tenant")):
        response = live_server.post({"query": "{ me { nip } }"}, token)
        assert response.status_code == 401
        assert words in response.json()["errors"][0]["message"]


def test_the_graphiql_page_loads_without_a_token_in_development(live_server):
    page = httpx.get(f"{live_server.url}/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_queries_by_get_are_off_even_without_a_token(live_server):
    got = httpx.get(
        f"{live_server.url}/graphql",
        params={"query": "{ me { nip } }"},
        headers={"accept": "application/json"},
    )
    assert got.status_code in (400, 405)
    assert "data" not in got.text


def test_queries_by_get_are_off(live_server):
    got = httpx.get(
        f"{live_server.url}/graphql",
        params={"query": "{ me { nip } }"},
        headers={"authorization": f"Bearer {live_server.token()}", "accept": "application/json"},
    )
    assert got.status_code in (400, 405)
    assert "data" not in got.text


def test_depth_alias_and_token_limits_refuse_abusive_queries(live_server, agency):
    deep = '{ unit(code: "DINKES") { ' + "parent { " * 12 + "code" + " }" * 12 + " } }"
    errors = live_server.post({"query": deep}, live_server.token()).json()["errors"]
    assert "exceeds maximum operation depth" in errors[0]["message"]
    aliases = "{ " + " ".join(f"a{i}: me {{ nip }}" for i in range(30)) + " }"
    errors = live_server.post({"query": aliases}, live_server.token()).json()["errors"]
    assert "aliases" in errors[0]["message"]
    tokens = "{ me { " + " ".join("nip" for _ in range(4000)) + " } }"
    errors = live_server.post({"query": tokens}, live_server.token()).json()["errors"]
    assert "token" in errors[0]["message"].lower()


def test_page_size_and_cursor_errors_are_clear(live_server):
    # The administrator asks: a token naming no registered official may not list officials at all.
    errors = live_server.post(
        {"query": "{ officials(first: 1000) { edges { cursor } } }"}, live_server.token(admin=True)
    ).json()["errors"]
    assert errors[0]["extensions"]["code"] == "INVALID_PAGE_SIZE"
    errors = live_server.post(
        {"query": '{ officials(after: "%%%") { edges { cursor } } }'}, live_server.token(admin=True)
    ).json()["errors"]
    assert errors[0]["extensions"]["code"] == "INVALID_CURSOR"


def test_a_delegation_over_graphql(live_server, agency):
    deputy = register(live_server, "FUNGSIONAL", grade="AHLI_MUDA")
    grant = (
        "mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) { ... on DelegationSuccess { "
        "delegation { delegationId delegateNip validUntil legalBasis } } ... on CommandError { code } } }"
    )
    granted = live_server.gql(
        grant,
        {
            "i": {
                "grantorNip": agency["kabid"],
                "delegateNip": deputy,
                "validFrom": "2024-06-01",
                "validUntil": "2024-06-30",
            }
        },
        token=live_server.token(agency["kabid"]),
    )["grantDelegation"]["delegation"]
    assert granted["delegateNip"] == deputy and granted["legalBasis"].startswith("kab-serang-2024")
    received = live_server.gql(
        "query($n: String!) { official(nip: $n) { delegationsReceived { grantorNip } } }", {"n": deputy}
    )["official"]["delegationsReceived"]
    assert received == [{"grantorNip": agency["kabid"]}]
    stranger = live_server.gql(
        grant,
        {
            "i": {
                "grantorNip": agency["kabid"],
                "delegateNip": deputy,
                "validFrom": "2024-07-01",
                "validUntil": "2024-07-30",
            }
        },
        token=live_server.token(deputy),
    )["grantDelegation"]
    assert stranger == {"code": "NOT_AUTHORISED"}


def test_an_unexpected_failure_is_masked_with_a_request_id(live_server, monkeypatch):
    from projections.organisation.queries import OrganisationQueries

    def broken(self, nips):
        raise RuntimeError("secret connection string postgres://admin:hunter2@db")

    monkeypatch.setattr(OrganisationQueries, "officials_by_nip", broken)
    response = live_server.post({"query": "{ me { nip } }"}, live_server.token())
    error = response.json()["errors"][0]
    assert "hunter2" not in response.text
    assert error["extensions"]["code"] == "INTERNAL"
    assert error["extensions"]["requestId"] == response.headers["x-request-id"]
