"""The ASGI application for uvicorn: `uvicorn --factory infra.web:create`."""

import gc

from fastapi import FastAPI

from api.app import create_app
from api.observability import configure_logging
from api.tracing import enable_tracing, otlp_exporter
from infra.bootstrap import build
from infra.documents.http import verify_router
from infra.settings import Settings
from infra.tenancy.tenants import Tenants
from infra.tokens import verifier


def create(settings: Settings | None = None, *, migrate: bool = False) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.json_logs)
    if settings.multi_tenant:
        return create_many(settings)
    system = build(settings, migrate=migrate)
    api = create_app(
        system.app,
        system.store,
        verifier(settings),
        development=settings.development,
        on_startup=system.follow,
        on_shutdown=system.close,
        max_body_bytes=settings.max_body_bytes,
        body_timeout=settings.body_timeout_seconds,
        max_query_cost=settings.max_query_cost,
        documents_dir=settings.documents_dir,
        cors_origins=settings.cors_origin_list(),
        max_ready_lag=settings.ready_max_lag,
        tracing=settings.otel_endpoint is not None,
    )
    if settings.otel_endpoint:
        enable_tracing(api, otlp_exporter(settings.otel_endpoint), "sistemkerja", settings.profile)
    api.include_router(verify_router(system))  # public: GET /verify/<code>
    # Keep the start-up heap (modules, schema, settings) out of the cyclic collector's full passes:
    # scanning it took ~65 ms and made the organisationTree p99 ~80 ms instead of ~16 ms (make bench).
    gc.collect()
    gc.freeze()
    return api


def create_many(settings: Settings) -> FastAPI:
    """Many governments (README "Tenants"): each request served for the tenant its token names,
    each tenant's system built on first use over one pool (infra.tenancy)."""
    tenants = Tenants(settings)
    api = create_app(
        None,
        None,
        verifier(settings),
        tenancy=tenants,
        development=settings.development,
        on_startup=tenants.follow,
        on_shutdown=tenants.close,
        max_body_bytes=settings.max_body_bytes,
        body_timeout=settings.body_timeout_seconds,
        max_query_cost=settings.max_query_cost,
        documents_dir=settings.documents_dir,
        cors_origins=settings.cors_origin_list(),
        max_ready_lag=settings.ready_max_lag,
        tracing=settings.otel_endpoint is not None,
    )
    if settings.otel_endpoint:
        enable_tracing(api, otlp_exporter(settings.otel_endpoint), "sistemkerja", "platform")
    api.include_router(verify_router(None, tenants))  # public: GET /verify/<tenant>/<code>
    gc.collect()
    gc.freeze()
    return api
