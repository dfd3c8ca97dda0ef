"""Tokens of an identity provider over real HTTP, on both stores: RS256 keys fetched from a
local JWKS server (tests/jwks_server.py). Issue 8, defect 9: the JWKS fetch used to run on the
event loop, so one slow provider stopped every request of the worker, /health included."""

import threading
from collections.abc import Iterator

import httpx
import pytest

from tests.jwks_server import OTHER_KEY, JwksServer, rs256_token, running_jwks_server

LEDGER = "{ decisionLedger { nodes { position } } }"  # for the administrator (or auditor) only


@pytest.fixture
def jwks() -> Iterator[JwksServer]:
    with running_jwks_server() as server:
        yield server


@pytest.fixture
def settings(settings, jwks):
    return settings.model_copy(
        update={"jwks_url": jwks.url, "jwt_secret": None, "jwt_audience": "sistemkerja"}
    )


def test_an_rs256_token_of_the_provider_is_verified_with_its_published_key(live_server, jwks):
    assert live_server.gql(LEDGER, token=rs256_token())["decisionLedger"]["nodes"] == []
    assert jwks.fetches == 1
    forged = live_server.post({"query": LEDGER}, rs256_token(OTHER_KEY))
    assert forged.status_code == 401
    assert forged.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    no_tenant = live_server.post({"query": LEDGER}, rs256_token(tenant=None))
    assert no_tenant.status_code == 401 and no_tenant.json()["errors"][0]["extensions"]["pesan"]


def test_a_hanging_jwks_fetch_does_not_stop_other_requests(live_server, jwks):
    jwks.hold()
    answers: dict[str, httpx.Response] = {}

    def call_with_provider_token() -> None:
        answers["graphql"] = live_server.post({"query": LEDGER}, rs256_token())

    waiting = threading.Thread(target=call_with_provider_token, daemon=True)
    waiting.start()
    assert jwks.fetched.wait(timeout=20), "the server never asked the provider for its keys"
    # The worker is now inside the fetch; the provider answers only when released below.
    health = httpx.get(f"{live_server.url}/health", timeout=10)
    anonymous = live_server.post({"query": LEDGER})
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert anonymous.status_code == 401
    assert "graphql" not in answers, "the token's request cannot have an answer before the keys"
    jwks.release()
    waiting.join(timeout=30)
    assert answers["graphql"].status_code == 200, answers["graphql"].text
    assert answers["graphql"].json()["data"]["decisionLedger"]["nodes"] == []
