"""The one uvicorn configuration, for `sistemkerja serve` and the tests' live server.

uvicorn cuts idle keep-alive connections (timeout_keep_alive) and refuses work above
limit_concurrency with 503, but it has no deadline for a request's head: a client that
connects and sends nothing, or one header byte every two seconds, holds its socket forever.
`HeaderTimeoutProtocol` gives every request head a deadline from its first byte (and a fresh
connection one from the moment it opens). The body's deadline is the ASGI middleware's
(api/limits.py), which can still answer 408 in GraphQL's error shape.
"""

from asyncio import TimerHandle
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from infra.settings import Settings

_REQUEST_TIMEOUT = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 26\r\nconnection: close\r\n\r\nRequest header timed out.\n"
)


class ServerConfig(uvicorn.Config):
    """uvicorn's Config with the deadline for a request head (an instance attribute: it travels
    with the pickled config to worker processes)."""

    def __init__(self, app: Any, *, header_timeout: float, **options: Any):
        super().__init__(app, **options)
        self.header_timeout = header_timeout


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """httptools' protocol with a deadline for the request head."""

    def __init__(self, config: uvicorn.Config, *args: Any, **kwargs: Any):
        super().__init__(config, *args, **kwargs)
        self.header_timeout: float = getattr(config, "header_timeout", 10.0)
        self.header_deadline: TimerHandle | None = None

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()  # a connection that never sends a byte is cut off too

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._cancel_header_deadline()
        super().on_headers_complete()

    def _arm_header_deadline(self) -> None:
        if self.header_deadline is None:
            self.header_deadline = self.loop.call_later(self.header_timeout, self._header_timed_out)

    def _cancel_header_deadline(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _header_timed_out(self) -> None:
        self.header_deadline = None
        if self.transport.is_closing():
            return
        if self.cycle is None or self.cycle.response_complete:
            # No response is being written on this connection: say why before closing.
            self.transport.write(_REQUEST_TIMEOUT)
        self.transport.close()


_UVICORN_TO_ROOT: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "loggers": {name: {"handlers": [], "propagate": True} for name in ("uvicorn", "uvicorn.error")},
}


def server_config(
    app: Any,
    settings: Settings,
    *,
    host: str,
    port: int,
    factory: bool = False,
    workers: int = 1,
    log_level: str = "info",
) -> ServerConfig:
    return ServerConfig(
        app,
        host=host,
        port=port,
        factory=factory,
        workers=workers,
        log_level=log_level,
        lifespan="on",
        http=HeaderTimeoutProtocol,
        header_timeout=settings.header_timeout_seconds,
        timeout_keep_alive=settings.keep_alive_seconds,
        limit_concurrency=settings.max_connections,
        # JSON logs: uvicorn's own lines go through the root logger's JSON handler (infra.web), and
        # its access line is left out: api.observability writes one per request, with its id.
        **({"log_config": _UVICORN_TO_ROOT, "access_log": False} if settings.json_logs else {}),
    )


def serve(config: ServerConfig) -> None:
    """Run the server as `uvicorn.run` would, with this configuration (which `uvicorn.run` cannot take)."""
    server = uvicorn.Server(config)
    if config.workers > 1:
        from uvicorn.supervisors import Multiprocess

        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        server.run()
