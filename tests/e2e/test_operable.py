"""Operating it (issue 13 part 7), over real HTTP on both stores: /metrics in Prometheus' format
(requests, latency, commands by outcome, events recorded, projector lag), /ready (database,
projector lag, quarantine), configurable CORS, GraphiQL from local files, a log line per request
carrying its request id and tenant."""

import logging
import re

import httpx

from tests.e2e.conftest import running_server

ESTABLISH = (
    "mutation($i: EstablishUnitInput!) { establishUnit(input: $i) { "
    "... on UnitSuccess { unit { code } } ... on CommandError { code } } }"
)


def _unit(code: str) -> dict:
    return {
        "i": {
            "code": code,
            "name": f"Dinas {code}",
            "kind": "DINAS",
            "headPosition": "JPT_PRATAMA",
            "legalBasis": "Perbup SOTK",
        }
    }


def _sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition, 0 when absent."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0])) if "{" in line else {}
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_count_requests_latency_commands_events_and_lag(live_server):
    tenant = live_server.settings.profile
    before = httpx.get(f"{live_server.url}/metrics").text
    ok = ("EstablishUnit", "ok")
    refused = ("EstablishUnit", "UNIT_EXISTS")
    assert live_server.gql(ESTABLISH, _unit("MTR"))["establishUnit"]["unit"]["code"] == "MTR"
    again = live_server.gql(ESTABLISH, _unit("MTR"))["establishUnit"]
    after = httpx.get(f"{live_server.url}/metrics")
    assert after.status_code == 200 and after.headers["content-type"].startswith("text/plain")
    text = after.text

    def grew(name: str, **labels: str) -> float:
        return _sample(text, name, **labels) - _sample(before, name, **labels)

    assert grew("sistemkerja_commands_total", command=ok[0], outcome=ok[1]) == 1
    assert grew("sistemkerja_commands_total", command=refused[0], outcome=again["code"]) == 1
    assert again["code"] == refused[1]
    assert grew("sistemkerja_http_requests_total", route="/graphql", method="POST", status="200") >= 2
    assert grew("sistemkerja_http_request_duration_seconds_count", route="/graphql") >= 2
    assert _sample(text, "sistemkerja_events_total", tenant=tenant) > _sample(
        before, "sistemkerja_events_total", tenant=tenant
    )
    assert "sistemkerja_projector_lag_events" in text
    assert _sample(text, "sistemkerja_projector_lag_events", tenant=tenant) == 0


def test_ready_reports_database_projector_lag_and_quarantine(settings):
    with running_server(settings.model_copy(update={"ready_max_lag": 0})) as server:
        server.gql(ESTABLISH, _unit("RDY"))
        ready = httpx.get(f"{server.url}/ready")
        assert ready.status_code == 200, ready.text
        body = ready.json()
        assert body["status"] == "ready" and body["database"] == "ok"
        assert body["tenant"] == settings.profile and body["quarantined"] == 0
        assert body["projector"]["lag"] == 0 and body["projector"]["recorded"] > 0

        # The read models behind the event store (as after a crash between save and projection).
        store = server.api.state.view_store
        [row] = store.query("SELECT position FROM projection_position WHERE name = 'views'")
        with store.transaction() as cursor:
            cursor.execute("UPDATE projection_position SET position = 0 WHERE name = 'views'")
        try:
            behind = httpx.get(f"{server.url}/ready")
            assert behind.status_code == 503, (behind.text, store.query("SELECT * FROM projection_position"))
            assert behind.json()["status"] == "degraded"
            assert behind.json()["projector"]["lag"] == body["projector"]["recorded"]
        finally:
            with store.transaction() as cursor:
                cursor.execute(
                    "UPDATE projection_position SET position = :p WHERE name = 'views'",
                    {"p": row["position"]},
                )
        assert httpx.get(f"{server.url}/ready").status_code == 200


def test_cors_origins_are_configurable_and_off_by_default(settings):
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
    }
    with running_server(settings) as server:
        answer = httpx.options(
            f"{server.url}/graphql", headers={"origin": "https://app.example.go.id", **preflight}
        )
        assert "access-control-allow-origin" not in answer.headers
    allowed = "https://sistemkerja.serangkab.go.id"
    configured = settings.model_copy(update={"cors_origins": f"{allowed}, https://other.example"})
    with running_server(configured) as server:
        answer = httpx.options(f"{server.url}/graphql", headers={"origin": allowed, **preflight})
        assert answer.status_code == 200
        assert answer.headers["access-control-allow-origin"] == allowed
        stranger = httpx.options(
            f"{server.url}/graphql", headers={"origin": "https://evil.example", **preflight}
        )
        assert stranger.headers.get("access-control-allow-origin") != "https://evil.example"
        query = {"query": "{ __typename }"}
        posted = httpx.post(
            f"{server.url}/graphql",
            json=query,
            headers={"origin": allowed, "authorization": f"Bearer {server.token()}"},
        )
        assert posted.headers["access-control-allow-origin"] == allowed
        assert "x-request-id" in posted.headers["access-control-expose-headers"]


def test_graphiql_is_served_from_local_assets_in_development_only(settings):
    with running_server(settings) as server:
        page = httpx.get(f"{server.url}/graphql", headers={"accept": "text/html"})
        assert page.status_code == 200 and "unpkg.com" not in page.text
        assets = re.findall(r'(?:src|href)="(/graphiql-assets/[^"]+)"', page.text)
        assert len(assets) == 7
        for asset in assets:
            assert httpx.get(f"{server.url}{asset}").status_code == 200, asset
    with running_server(settings.model_copy(update={"mode": "production"})) as server:
        assert httpx.get(f"{server.url}/graphiql-assets/graphiql.min.js").status_code == 404


def test_each_request_is_logged_with_its_request_id_and_tenant(live_server, caplog):
    with caplog.at_level(logging.INFO, logger="sistemkerja.http"):
        httpx.get(f"{live_server.url}/health", headers={"x-request-id": "req-operable-1"})
    [record] = [r for r in caplog.records if getattr(r, "request_id", None) == "req-operable-1"]
    assert record.tenant == live_server.settings.profile
    assert (record.method, record.path, record.status) == ("GET", "/health", 200)


def test_traces_span_the_request_and_the_graphql_operation_when_configured(settings, monkeypatch):
    """Off unless SISTEMKERJA_OTEL_ENDPOINT is set; then the FastAPI span holds strawberry's."""
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    monkeypatch.setattr("infra.web.otlp_exporter", lambda endpoint: exporter)
    traced = settings.model_copy(update={"otel_endpoint": "http://127.0.0.1:4318"})
    with running_server(traced) as server:
        server.gql("{ __typename }")
        httpx.get(f"{server.url}/health")
    from opentelemetry import trace

    trace.get_tracer_provider().force_flush()
    names = [span.name for span in exporter.get_finished_spans()]
    assert any(name.startswith("POST /graphql") for name in names), names
    assert any("GraphQL" in name for name in names), names
    assert not any("/health" in name for name in names), names
