"""What an operator watches (README "Monitoring"): Prometheus metrics at /metrics, one JSON log
line per request carrying its request id and tenant, and the facts /ready answers with.

The metrics live in this module's own registry (not prometheus_client's global one), so a test
that builds several applications in one process never registers a metric twice."""

import json
import logging
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.read_models import readiness
from projections.engine.store import ViewStore

REGISTRY = CollectorRegistry(auto_describe=True)

# Routes by a fixed name: a label per raw path would let any caller grow the series without bound.
_ROUTES = ("/graphql", "/health", "/ready", "/metrics", "/verify", "/documents")

REQUESTS = Counter(
    "sistemkerja_http_requests",
    "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
LATENCY = Histogram(
    "sistemkerja_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
    registry=REGISTRY,
)
COMMANDS = Counter(
    "sistemkerja_commands",
    "Commands handled, by command and outcome (ok, or the refusal's error code).",
    ["command", "outcome"],
    registry=REGISTRY,
)

log = logging.getLogger("sistemkerja.http")

# The request being served (its id and tenant), for every log line written while serving it, also
# from the worker threads the pipeline runs in (run_in_threadpool copies the context).
CURRENT_REQUEST: ContextVar[dict[str, str] | None] = ContextVar("current_request", default=None)


def route_of(path: str) -> str:
    for route in _ROUTES:
        if path == route or path.startswith(route + "/"):
            return route
    return "other"


def projector_lag(app: Any, store: ViewStore) -> tuple[int, int]:
    """(last event recorded, events recorded but not yet in the read models)."""
    recorded = int(app.recorder.max_notification_id() or 0)
    rows = store.query("SELECT position FROM projection_position WHERE name = :name", {"name": "views"})
    position = int(rows[0]["position"]) if rows else 0
    return recorded, max(recorded - position, 0)


class _StoreCollector(Collector):
    """Read at each scrape, for every tenant built in this process: the event store's last position
    (a counter: `rate()` of it is the events recorded per second) and the projector's lag behind it."""

    def __init__(self) -> None:
        self.source: Any = None  # api.tenancy.Tenancy

    def collect(self) -> Iterator[Metric]:
        if self.source is None:
            return
        events = CounterMetricFamily(
            "sistemkerja_events", "Events recorded in the event store.", labels=["tenant"]
        )
        gauge = GaugeMetricFamily(
            "sistemkerja_projector_lag_events",
            "Events recorded but not yet applied to the read models.",
            labels=["tenant"],
        )
        for served in self.source.served():
            try:
                recorded, lag = projector_lag(served.app, served.store)
            except Exception:  # the database is down: /ready says so; the scrape still answers
                log.warning("metrics: the event store could not be read", exc_info=True)
                continue
            events.add_metric([served.tenant], recorded)
            gauge.add_metric([served.tenant], lag)
        yield events
        yield gauge


STORE = _StoreCollector()
REGISTRY.register(STORE)


def exposition() -> bytes:
    return generate_latest(REGISTRY)


class Observe:
    """Counts and times every HTTP request and logs it as one JSON line (request id, tenant,
    method, path, status, milliseconds). Runs inside the request-id middleware."""

    def __init__(self, app: ASGIApp, tenant: str = "-"):
        self.app = app
        self.tenant = tenant  # one government's; with many, "-" until the token names one

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500
        request_id = scope.get("state", {}).get("request_id")
        # The tenant is filled in once the token names it (api.app.serve).
        served: dict[str, str] = {"request_id": request_id, "tenant": self.tenant}
        current = CURRENT_REQUEST.set(served)

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            CURRENT_REQUEST.reset(current)
            elapsed = time.perf_counter() - start
            route = route_of(scope["path"])
            REQUESTS.labels(route, scope["method"], str(status)).inc()
            LATENCY.labels(route).observe(elapsed)
            log.info(
                "request",
                extra={
                    "request_id": request_id,
                    "tenant": served["tenant"],
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "ms": round(elapsed * 1000, 1),
                },
            )


# uvicorn adds `color_message` (its message with terminal colours): not for a log store.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "color_message",
}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(CURRENT_REQUEST.get() or {})
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(json_logs: bool) -> None:
    handler = logging.StreamHandler()
    if json_logs:
        handler.setFormatter(JsonFormatter())
    # Like basicConfig: a no-op when the root logger already has a handler (a test runner's).
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def tenants_ready(tenants: Any, max_lag: int, *, single: bool) -> tuple[bool, dict[str, Any]]:
    """`GET /ready`: one government's state as before; with many, each built tenant's, ready when all are."""
    states = [ready_state(s.app, s.store, max_lag, s.tenant) for s in tenants.served()]
    if single:
        return states[0]
    ok = all(state for state, _ in states)
    return ok, {"status": "ready" if ok else "degraded", "tenants": [body for _, body in states]}


def ready_state(
    app: Any, store: ViewStore, max_lag: int, tenant: str | None = None
) -> tuple[bool, dict[str, Any]]:
    """For `GET /ready`: the database reachable, the read models no more than `max_lag` events
    behind the event store, and no event waiting in quarantine (api.read_models.readiness)."""
    tenant = tenant or app.profile.id
    try:
        recorded, lag = projector_lag(app, store)
        ok, body = readiness(store)
    except Exception as error:  # any driver's "cannot connect" / "no such table"
        log.warning("ready: the database could not be read", exc_info=True)
        return False, {
            "status": "unavailable",
            "tenant": tenant,
            "database": "unreachable",
            "error": type(error).__name__,
        }
    body = {"tenant": tenant, "database": "ok", **body}
    body.setdefault("quarantined", 0)
    body["projector"] = {"recorded": recorded, "lag": lag, "max_lag": max_lag}
    if lag > max_lag:
        ok = False
        body["status"] = "degraded"
        body.setdefault("reason", "read models behind the event store")
    return ok, body
