"""Inspection over real HTTP: the decision ledger, point-in-time answers, histories."""

import time
from datetime import UTC, datetime

from tests.support import nip

MUTATIONS = {
    "establishUnit": "mutation($i: EstablishUnitInput!) { establishUnit(input: $i) { __typename } }",
    "registerOfficial": "mutation($i: RegisterOfficialInput!) { registerOfficial(input: $i) { __typename } }",
    "appointHead": "mutation($i: AppointHeadInput!) { appointHead(input: $i) { __typename } }",
    "placeOfficial": "mutation($i: PlaceOfficialInput!) { placeOfficial(input: $i) { __typename } }",
    "grantDelegation": (
        "mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) {"
        " ... on DelegationSuccess { delegation { delegationId } } } }"
    ),
}
LEDGER = """query($f: LedgerFilterInput, $first: Int!, $after: String) {
  decisionLedger(filter: $f, first: $first, after: $after) {
    nodes { position kind subjectNip subjectName agencyCode unitCode actorNip actorName recordedAt
            effectiveDate legalBasis articles reason capacity { kind unitCode delegatedBy } }
    pageInfo { hasNextPage endCursor } } }"""


def run(server, name, values, token=None):
    result = server.gql(MUTATIONS[name], {"i": values}, token=token)[name]
    assert "Error" not in result.get("__typename", ""), result
    return result


def official(server, position, rank, name, grade=None):
    number = nip()
    run(
        server,
        "registerOfficial",
        {
            "nip": number,
            "name": name,
            "positionType": position,
            "positionTitle": position,
            "grade": grade,
            "rank": rank,
            "education": "S1",
            "legalBasis": "SK CPNS",
        },
    )
    return number


def a_moment() -> datetime:
    time.sleep(0.02)  # events on either side get distinct timestamps
    moment = datetime.now(UTC)
    time.sleep(0.02)
    return moment


def build(server):
    run(
        server,
        "establishUnit",
        {
            "code": "DINKES",
            "name": "Dinas Kesehatan",
            "kind": "DINAS",
            "headPosition": "JPT_PRATAMA",
            "legalBasis": "Perbup SOTK",
        },
    )
    run(
        server,
        "establishUnit",
        {
            "code": "DINKES.P2P",
            "name": "Bidang P2P",
            "kind": "BIDANG",
            "headPosition": "ADMINISTRATOR",
            "parentCode": "DINKES",
            "legalBasis": "Perbup SOTK",
        },
    )
    kadis = official(server, "JPT_PRATAMA", "IV/c", "Dr. Kadis")
    first_kabid = official(server, "ADMINISTRATOR", "IV/a", "Kabid Pertama")
    second_kabid = official(server, "ADMINISTRATOR", "IV/a", "Kabid Kedua")
    staff = official(server, "PELAKSANA", "II/c", "Staf Satu")
    for unit, head in (("DINKES", kadis), ("DINKES.P2P", first_kabid)):
        run(
            server,
            "appointHead",
            {"unitCode": unit, "nip": head, "effectiveDate": "2024-01-02", "legalBasis": "SK"},
        )
    run(
        server,
        "placeOfficial",
        {"nip": staff, "unitCode": "DINKES.P2P", "appraiserNip": first_kabid, "effectiveDate": "2025-02-03"},
    )
    return kadis, first_kabid, second_kabid, staff


def test_the_ledger_answers_who_decided_what_in_which_capacity_with_pages_and_filters(live_server):
    kadis, kabid, _, staff = build(live_server)
    admin_nip = "196805121990031003"  # the live server's administrator token
    page = live_server.gql(LEDGER, {"first": 5})["decisionLedger"]
    assert len(page["nodes"]) == 5 and page["pageInfo"]["hasNextPage"]
    rest = live_server.gql(LEDGER, {"first": 100, "after": page["pageInfo"]["endCursor"]})["decisionLedger"]
    positions = [n["position"] for n in page["nodes"] + rest["nodes"]]
    assert (
        positions == sorted(positions) and len(set(positions)) == len(positions) == 11
    )  # 2 units, 4 officials, 2 x 2 appointment events, 1 placement
    placements = live_server.gql(LEDGER, {"first": 10, "f": {"kind": "placement", "agencyCode": "DINKES"}})
    [placement] = placements["decisionLedger"]["nodes"]
    assert placement["subjectNip"] == staff and placement["subjectName"] == "Staf Satu"
    assert placement["actorNip"] == admin_nip and placement["capacity"]["kind"] == "ADMIN"
    assert placement["unitCode"] == "DINKES.P2P" and placement["effectiveDate"] == "2025-02-03"
    article = placement["articles"][0]  # the placement rule's article in the tenant's regulation
    by_article = live_server.gql(LEDGER, {"first": 50, "f": {"article": article}})["decisionLedger"]["nodes"]
    assert placement["position"] in [n["position"] for n in by_article]
    later = live_server.gql(LEDGER, {"first": 50, "f": {"from": datetime.now(UTC).isoformat()}})
    assert later["decisionLedger"]["nodes"] == []


def test_the_organisation_and_an_official_as_of_a_past_instant(live_server):
    kadis, first_kabid, second_kabid, staff = build(live_server)
    before = a_moment()
    run(
        live_server,
        "appointHead",
        {
            "unitCode": "DINKES.P2P",
            "nip": second_kabid,
            "effectiveDate": "2025-06-02",
            "legalBasis": "SK mutasi",
        },
    )
    run(
        live_server,
        "placeOfficial",
        {"nip": staff, "unitCode": "DINKES.P2P", "appraiserNip": second_kabid, "effectiveDate": "2025-06-02"},
    )
    query = """query($t: DateTime!, $nip: String!) {
      organisationAsOf(asOf: $t) { code level head { nip name } }
      officialAsOf(nip: $nip, asOf: $t) { unitCode placedSince appraiser { nip name } } }"""
    then = live_server.gql(query, {"t": before.isoformat(), "nip": staff})
    assert then["organisationAsOf"] == [
        {"code": "DINKES", "level": 1, "head": {"nip": kadis, "name": "Dr. Kadis"}},
        {"code": "DINKES.P2P", "level": 2, "head": {"nip": first_kabid, "name": "Kabid Pertama"}},
    ]
    assert then["officialAsOf"] == {
        "unitCode": "DINKES.P2P",
        "placedSince": "2025-02-03",
        "appraiser": {"nip": first_kabid, "name": "Kabid Pertama"},
    }
    now = live_server.gql(query, {"t": datetime.now(UTC).isoformat(), "nip": staff})
    assert now["organisationAsOf"][1]["head"]["nip"] == second_kabid
    assert now["officialAsOf"]["appraiser"]["nip"] == second_kabid
    ancient = live_server.gql(query, {"t": "2000-01-01T00:00:00Z", "nip": staff})
    assert ancient == {"organisationAsOf": [], "officialAsOf": None}


def test_who_held_a_delegation_at_an_instant(live_server):
    _, kabid, _, staff = build(live_server)
    before = a_moment()
    run(
        live_server,
        "grantDelegation",
        {"grantorNip": kabid, "delegateNip": staff, "validFrom": "2020-01-01", "validUntil": "2099-12-31"},
    )
    query = """query($t: DateTime!, $nip: String!) { delegationsHeldAsOf(nip: $nip, asOf: $t) {
      grantorNip delegateNip authority revoked } }"""
    assert live_server.gql(query, {"t": before.isoformat(), "nip": staff})["delegationsHeldAsOf"] == []
    held = live_server.gql(query, {"t": datetime.now(UTC).isoformat(), "nip": staff})["delegationsHeldAsOf"]
    assert held == [{"grantorNip": kabid, "delegateNip": staff, "authority": "APPRAISER", "revoked": False}]


def test_history_and_official_activity_in_peoples_terms(live_server):
    kadis, kabid, _, staff = build(live_server)
    history = live_server.gql(
        """query($nip: String!) { history(nip: $nip) {
        position version kind actorNip capacityKind legalBasis details } }""",
        {"nip": staff},
    )["history"]
    assert [entry["kind"] for entry in history] == ["official registered", "placement"]
    assert (
        history[1]["details"]["unit_code"] == "DINKES.P2P" and history[1]["position"] > history[0]["position"]
    )
    unit = live_server.gql('{ history(unitCode: "DINKES.P2P") { kind details } }')["history"]
    assert [entry["kind"] for entry in unit] == ["unit established", "head appointed"]
    activity = live_server.gql(
        """query($nip: String!) { officialActivity(nip: $nip, first: 50) {
        nodes { kind subjectNip actorNip } } }""",
        {"nip": kabid},
    )["officialActivity"]["nodes"]
    assert [n["kind"] for n in activity] == ["official registered", "head appointed", "headship assumed"]
    mine = live_server.gql(
        """query($nip: String!) { officialActivity(nip: $nip) { nodes { kind } } }""",
        {"nip": staff},
        token=live_server.token(staff),
    )["officialActivity"]["nodes"]
    assert [n["kind"] for n in mine] == ["official registered", "placement"]


def test_inspection_is_refused_to_other_officials_and_bad_input_is_typed(live_server):
    _, kabid, _, staff = build(live_server)
    refused = live_server.post(
        {"query": "{ decisionLedger { nodes { position } } }"}, live_server.token(staff)
    ).json()
    assert refused["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"
    other = live_server.post(
        {"query": f'{{ officialActivity(nip: "{kabid}") {{ nodes {{ kind }} }} }}'}, live_server.token(staff)
    ).json()
    assert other["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"
    token = live_server.token(admin=True)
    both = live_server.post({"query": '{ history(unitCode: "DINKES", nip: "1") { kind } }'}, token).json()
    assert both["errors"][0]["extensions"]["code"] == "ONE_SUBJECT_REQUIRED"
    cursor = live_server.post(
        {"query": '{ decisionLedger(after: "bm9wZQ==") { nodes { kind } } }'}, token
    ).json()
    assert cursor["errors"][0]["extensions"]["code"] == "INVALID_CURSOR"
