"""A unit head's delegate over real HTTP (issue 9, second defect), on SQLite and PostgreSQL: the
head of A.U1.S1 delegates through grantDelegation; on Banjarnegara's cross-unit appointment
(Pasal 20 ayat (3) huruf c: the unit head issues the letter) the step shows in the delegate's
myInbox and in waitingFor, and the delegate takes it, recorded as a delegation."""

import pytest

from infra.bootstrap import build
from tests.e2e.test_assignment_api import APPROVE, ISSUE, REQUEST, cross_unit_request
from tests.integration.assignment_walk import ADMIN
from tests.support import build_world, register

pytestmark = pytest.mark.profile("banjarnegara-2024")

GRANT = (
    "mutation($i: GrantDelegationInput!) { grantDelegation(input: $i) {"
    " ... on DelegationSuccess { delegation { delegationId } } ... on CommandError { code } } }"
)
INBOX = "{ myInbox(first: 10) { nodes { id via openStep { number role } } } }"
WAITING = "query($id: ID!) { assignment(id: $id) { waitingFor { nip via delegatedBy } } }"


@pytest.fixture
def world_server(settings, request):
    system = build(settings)
    world = build_world(system.app, ADMIN)
    deputy = register(system.app, ADMIN, position_type="PELAKSANA", rank="III/a")
    system.close()
    return world, deputy, request.getfixturevalue("live_server")


def test_a_unit_heads_delegate_finds_the_step_in_their_inbox_and_takes_it(world_server):
    world, deputy, server = world_server
    head = world.a.subunit_head
    grant = {"grantorNip": head, "delegateNip": deputy, "validFrom": "2020-01-01", "validUntil": "2099-12-31"}
    granted = server.gql(GRANT, {"i": grant}, token=server.token(head))["grantDelegation"]
    assert "delegation" in granted, granted
    made = server.gql(REQUEST, cross_unit_request(world), token=server.token(world.heads["A.U2"]))
    assignment_id = made["requestAssignment"]["assignment"]["id"]
    assert server.gql(INBOX, token=server.token(deputy))["myInbox"]["nodes"] == []  # the appraiser's step
    server.gql(
        APPROVE, {"i": {"assignmentId": assignment_id, "step": 2}}, token=server.token(world.a.unit_head)
    )

    inbox = server.gql(INBOX, token=server.token(deputy))["myInbox"]["nodes"]
    assert inbox == [
        {"id": assignment_id, "via": "DELEGATION", "openStep": {"number": 3, "role": "OFFICIAL_UNIT_HEAD"}}
    ]
    waiting = server.gql(WAITING, {"id": assignment_id})["assignment"]["waitingFor"]
    assert sorted(waiting, key=lambda w: w["via"]) == [
        {"nip": deputy, "via": "DELEGATION", "delegatedBy": head},
        {"nip": head, "via": "POSITION", "delegatedBy": None},
    ]
    assert server.gql(INBOX, token=server.token(world.bystander))["myInbox"]["nodes"] == []

    done = server.gql(ISSUE, {"i": {"assignmentId": assignment_id, "step": 3}}, token=server.token(deputy))[
        "issueLetter"
    ]["assignment"]
    assert done["status"] == "ACTIVE"
    assert (done["history"][-1]["actorNip"], done["history"][-1]["capacityKind"]) == (deputy, "DELEGATION")
    assert server.gql(INBOX, token=server.token(deputy))["myInbox"]["nodes"] == []
