"""Copies of one command sent at the same moment under one idempotency key, over real HTTP on
both stores: every copy receives the first command's answer (never INTERNAL because the read
model was not written yet, never STEP_ALREADY_TAKEN because the first copy took the step), and
each key records its command exactly once."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from infra.bootstrap import build
from tests.e2e.test_assignment_api import APPROVE, REQUEST, cross_unit_request

pytestmark = pytest.mark.profile("banjarnegara-2024")

KEYS = 20
COPIES = 5


def _at_once(server, calls: list[tuple[str, dict, str]]) -> list[dict]:
    """Send every call; the COPIES copies of one key wait for each other and go together."""
    barriers = [threading.Barrier(COPIES, timeout=60) for _ in range(len(calls) // COPIES)]

    def send(index: int) -> dict:
        query, variables, token = calls[index]
        barriers[index // COPIES].wait()
        response = server.post({"query": query, "variables": variables}, token)
        assert response.status_code == 200, response.text
        return response.json()

    with ThreadPoolExecutor(max_workers=COPIES * 4) as pool:
        return list(pool.map(send, range(len(calls))))


def _events(settings) -> Counter:
    system = build(settings, migrate=False)
    try:
        topics: Counter = Counter()
        position = 0
        while batch := system.app.recorder.select_notifications(
            start=position, limit=1000, inclusive_of_start=False
        ):
            topics.update(n.topic.rpartition(".")[2] for n in batch)
            position = batch[-1].id
        return topics
    finally:
        system.close()


def _answers(bodies: list[dict], mutation: str) -> list[str]:
    """Per copy: the assignment id it was answered with, or what went wrong."""
    answers = []
    for body in bodies:
        if "errors" in body:
            answers.append(f"errors: {body['errors']}")
            continue
        result = body["data"][mutation]
        answers.append(result["assignment"]["id"] if "assignment" in result else f"refused: {result['code']}")
    return answers


def test_copies_of_one_command_under_one_key_all_get_the_first_answer(world_server):
    world, server = world_server
    requester, appraiser = server.token(world.heads["A.U2"]), server.token(world.a.unit_head)
    before = _events(server.settings)

    requests = [
        (REQUEST, cross_unit_request(world, f"request-{k}"), requester)
        for k in range(KEYS)
        for _ in range(COPIES)
    ]
    made = _answers(_at_once(server, requests), "requestAssignment")
    for k in range(KEYS):
        copies = made[k * COPIES : (k + 1) * COPIES]
        assert len(set(copies)) == 1 and not copies[0].startswith(("errors", "refused")), copies
    ids = made[::COPIES]
    assert len(set(ids)) == KEYS

    approvals = [
        (APPROVE, {"i": {"assignmentId": ids[k], "step": 2, "idempotencyKey": f"approve-{k}"}}, appraiser)
        for k in range(KEYS)
        for _ in range(COPIES)
    ]
    approved = _answers(_at_once(server, approvals), "approveStep")
    assert approved == [ids[k] for k in range(KEYS) for _ in range(COPIES)], [
        a for a in approved if a not in ids
    ]

    recorded = _events(server.settings) - before
    # Exactly one command per key, whatever the copies.
    assert (recorded["Used"], recorded["Requested"], recorded["StepApproved"]) == (2 * KEYS, KEYS, KEYS)
    listed = server.gql("{ assignments(first: 100) { nodes { id history { step } } } }")["assignments"][
        "nodes"
    ]
    assert sorted(a["id"] for a in listed) == sorted(ids)
    assert all([h["step"] for h in a["history"]] == [1, 2] for a in listed)
