"""OpenTelemetry traces, off unless configured (SISTEMKERJA_OTEL_ENDPOINT): a span per HTTP
request (FastAPI's instrumentation) with strawberry's spans for parsing, validation and each
resolver inside it. The packages are an optional group: pip install -e '.[otel]'."""

from typing import Any

from fastapi import FastAPI

# Probes and scrapes every few seconds would drown the traces that matter.
EXCLUDED = "health,ready,metrics,graphiql-assets"


def graphql_extension() -> Any:
    from strawberry.extensions.tracing import OpenTelemetryExtension

    return OpenTelemetryExtension


def otlp_exporter(endpoint: str) -> Any:
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=endpoint.rstrip("/") + "/v1/traces")


def enable_tracing(api: FastAPI, exporter: Any, service: str, tenant: str) -> Any:
    """Spans of this process go to `exporter`, batched; returns the tracer provider."""
    from opentelemetry import trace
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = trace.get_tracer_provider()
    if not isinstance(provider, TracerProvider):  # the global one can be set once a process
        provider = TracerProvider(resource=Resource.create({"service.name": service, "tenant": tenant}))
        trace.set_tracer_provider(provider)  # strawberry's extension takes the global one
    provider.add_span_processor(BatchSpanProcessor(exporter))
    FastAPIInstrumentor.instrument_app(api, tracer_provider=provider, excluded_urls=EXCLUDED)
    return provider
