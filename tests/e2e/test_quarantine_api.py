"""Over real HTTP, on both stores: an event a read model cannot apply is quarantined; the command
answers RECORDED_NOT_YET_VISIBLE (also to its retry), /ready says 503 with its position, the
administrator sees it, later mutations go on, and a fixed release re-applies it."""

import httpx
import orjson
import pytest
from typer.testing import CliRunner

from infra.bootstrap import build
from infra.cli import app as cli
from tests.faulty_view import POISON, faulty_views  # noqa: F401 - a fixture

ESTABLISH = (
    "mutation($i: EstablishUnitInput!) { establishUnit(input: $i) { "
    "... on UnitSuccess { unit { code name } } ... on CommandError { code message pesan } } }"
)
QUARANTINED = "{ quarantinedEvents { view position originatorId topic error quarantinedAt } }"


def _unit(code: str, name: str, key: str | None = None) -> dict:
    return {
        "i": {
            "code": code,
            "name": name,
            "kind": "DINAS",
            "headPosition": "JPT_PRATAMA",
            "legalBasis": "Perbup SOTK",
            "idempotencyKey": key,
        }
    }


@pytest.fixture
def server(faulty_views, settings, request):  # noqa: F811, ARG001 - settings: parametrises both stores
    """The live server, built with the faulty view (the fixture order matters)."""
    return request.getfixturevalue("live_server")


@pytest.fixture
def cli_env(server, monkeypatch):
    for name, value in (
        ("DATABASE_URL", server.settings.database_url),
        ("SCHEMA", server.settings.db_schema),
        ("PROFILE", server.settings.profile),
    ):
        monkeypatch.setenv(f"SISTEMKERJA_{name}", value)
    return CliRunner()


def _events(server) -> int:
    system = build(server.settings, migrate=False)
    try:
        return system.app.recorder.max_notification_id() or 0
    finally:
        system.close()


def test_a_quarantined_event_is_reported_and_does_not_stop_the_tenant(server, faulty_views, cli_env):  # noqa: F811
    assert httpx.get(f"{server.url}/ready").json()["status"] == "ready"
    refused = server.gql(ESTABLISH, _unit("RAC", f"Dinas {POISON}", key="k-1"))["establishUnit"]
    assert refused["code"] == "RECORDED_NOT_YET_VISIBLE"
    assert "sudah dicatat" in refused["pesan"]
    stored = _events(server)
    again = server.gql(ESTABLISH, _unit("RAC", f"Dinas {POISON}", key="k-1"))["establishUnit"]  # a retry
    assert again["code"] == "RECORDED_NOT_YET_VISIBLE" and _events(server) == stored

    [entry] = server.gql(QUARANTINED)["quarantinedEvents"]
    assert entry["view"] == "FaultyView" and entry["position"] <= stored
    ready = httpx.get(f"{server.url}/ready")
    assert ready.status_code == 503
    assert ready.json()["quarantined"] == 1 and ready.json()["positions"] == [entry["position"]]
    assert httpx.get(f"{server.url}/health").status_code == 200
    assert entry["topic"].endswith("OrganisationUnit.Established") and entry["error"]
    foreign = server.post({"query": QUARANTINED}, server.token(admin=False)).json()
    assert foreign["errors"][0]["extensions"]["code"] == "NOT_AUTHORISED"

    # Later mutations and queries go on.
    later = server.gql(ESTABLISH, _unit("SEHAT", "Dinas Sehat"))["establishUnit"]
    assert later["unit"] == {"code": "SEHAT", "name": "Dinas Sehat"}
    assert server.gql('{ unit(code: "RAC") { name } }')["unit"] == {"name": f"Dinas {POISON}"}

    listed = cli_env.invoke(cli, ["projections", "quarantine"])
    assert listed.exit_code == 0, listed.output
    assert [e["position"] for e in orjson.loads(listed.output)] == [entry["position"]]
    assert cli_env.invoke(cli, ["projections", "retry"]).exit_code == 1  # still broken

    faulty_views()  # the fixed release
    retried = cli_env.invoke(cli, ["projections", "retry"])
    assert retried.exit_code == 0, retried.output
    assert "Re-applied 1; 0 still quarantined" in retried.output
    assert httpx.get(f"{server.url}/ready").json()["status"] == "ready"
    assert server.gql(QUARANTINED)["quarantinedEvents"] == []
    assert server.gql(ESTABLISH, _unit("LAIN", "Dinas Lain"))["establishUnit"]["unit"]["code"] == "LAIN"
