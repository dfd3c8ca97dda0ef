"""The HTTP application: GraphQL at /graphql behind bearer authentication."""

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import orjson
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import AuthenticationError, TokenVerifier
from api.bad_request import TypedBadRequest
from api.context import Context
from api.documents.download import add_document_routes
from api.graphiql import LocalGraphiQLRouter, mount_assets
from api.limits import BodyLimits
from api.observability import CURRENT_REQUEST, STORE, Observe, exposition, tenants_ready
from api.query_cost import DEFAULT_MAX_COST
from api.schema import build_schema
from api.tenancy import OneTenant, Served, Tenancy
from application.principal import Principal
from application.sistemkerja import SistemKerja
from domain.messages import preferred_language
from projections.engine.store import ViewStore


class _RequestId:
    """Gives every request an id (the caller's x-request-id, or a new one) and echoes it back.
    A plain ASGI middleware: BaseHTTPMiddleware costs a task and a stream per request."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")[:64]
        request_id = given or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode("latin-1"))]
            await send(message)

        await self.app(scope, receive, send_with_id)


def create_app(
    app: SistemKerja | None,
    store: ViewStore | None,
    verifier: TokenVerifier,
    *,
    tenancy: Tenancy | None = None,
    development: bool,
    on_startup: Callable[[], None] | None = None,
    on_shutdown: Callable[[], None] | None = None,
    max_body_bytes: int = 1_048_576,
    body_timeout: float = 30.0,
    max_query_cost: int = DEFAULT_MAX_COST,
    documents_dir: Path | None = None,
    cors_origins: tuple[str, ...] = (),
    tracing: bool = False,
    max_ready_lag: int = 100,
) -> FastAPI:
    """One government (`app`, `store`), or many (`tenancy`: each request served for the tenant
    its token names)."""
    if tenancy is None:
        assert app is not None and store is not None
        tenancy = OneTenant(app.profile.id, app, store)
    tenants = tenancy

    async def get_context(request: Request) -> Context:
        # A GET can only fetch the GraphiQL page (queries by GET are off), which the browser
        # loads before anyone can paste a token; every POST must carry one.
        if request.method == "GET":
            return Context(None, None, Principal(nip=""), request.state.request_id)  # type: ignore[arg-type]
        principal = await verifier.verify_async(request.headers.get("authorization"))
        served = await serve(tenants, principal.tenant)
        return Context(
            served.app,
            served.store,
            principal,
            request.state.request_id,
            language=preferred_language(request.headers.get("accept-language")),
        )

    router = LocalGraphiQLRouter(
        build_schema(development=development, max_query_cost=max_query_cost, tracing=tracing),
        context_getter=get_context,
        graphql_ide="graphiql" if development else None,
        allow_queries_via_get=False,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if on_startup:  # e.g. the read models' follower (infra.web)
            on_startup()
        yield
        if on_shutdown:
            on_shutdown()

    api = FastAPI(title="sistemkerja", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    # Added first, so it runs inside _RequestId: its 413/408 answers carry the request id too.
    api.add_middleware(TypedBadRequest)
    api.add_middleware(BodyLimits, max_bytes=max_body_bytes, timeout=body_timeout)
    if cors_origins:  # off unless configured: browsers on other origins are refused by default
        api.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "accept-language", "x-request-id"],
            expose_headers=["x-request-id"],
            max_age=600,
        )
    api.add_middleware(
        Observe, tenant=app.profile.id if app else "-"
    )  # inside _RequestId: it logs the request id
    api.add_middleware(_RequestId)
    STORE.source = tenants
    api.state.view_store = store  # for operators' tools and tests (one government)
    api.state.tenancy = tenants

    @api.exception_handler(AuthenticationError)
    async def unauthenticated(request: Request, error: AuthenticationError) -> JSONResponse:
        language = preferred_language(request.headers.get("accept-language"))
        body = {
            "errors": [
                {"message": error.message(language), "extensions": {"code": error.code, "pesan": error.pesan}}
            ]
        }
        return JSONResponse(body, status_code=401, headers={"www-authenticate": "Bearer"})

    @api.get("/health")
    async def health() -> Response:
        body = {"status": "ok", "tenant": app.profile.id} if app else {"status": "ok"}
        return Response(orjson.dumps(body), media_type="application/json")

    @api.get("/ready")
    async def ready() -> Response:
        """503 when the database cannot be read, the read models lag behind the event store by
        more than `max_ready_lag` events, or an event waits in quarantine (api.read_models); with
        many tenants, each built tenant's state, and 503 if any is not ready."""
        ok, body = await run_in_threadpool(tenants_ready, tenants, max_ready_lag, single=app is not None)
        return Response(orjson.dumps(body), status_code=200 if ok else 503, media_type="application/json")

    @api.get("/metrics")
    async def metrics() -> Response:
        """Prometheus exposition (README "Monitoring"); the store's figures are read at each scrape."""
        body = await run_in_threadpool(exposition)
        return Response(body, media_type="text/plain; version=0.0.4; charset=utf-8")

    api.include_router(router, prefix="/graphql")
    if development:  # GraphiQL is served only in development mode, so are its files
        mount_assets(api)
    add_document_routes(api, router.schema, tenants, verifier, documents_dir)
    return api


async def serve(tenants: Tenancy, tenant: str) -> Served:
    """The tenant's system: at once if built, else built in a worker thread (first use)."""
    served = tenants.built(tenant)
    if served is None:
        served = await run_in_threadpool(tenants.serve, tenant)
    current = CURRENT_REQUEST.get()
    if current is not None:  # the request's log line names the tenant it was served for
        current["tenant"] = tenant
    return served
