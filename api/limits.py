"""Request-body limits, before any of the body reaches the application.

A body larger than `max_bytes` is answered 413: at once when Content-Length announces it,
else as soon as the streamed (chunked) bytes pass it. A body not received in full within
`timeout` seconds is answered 408 (a client sending one byte a second holds a worker's socket
and memory otherwise). Both answers close the connection, so the unread rest of the body is
never parsed, and both are in GraphQL's error shape with a stable code.

The body is read here, whole, and handed on: GraphQL needs all of it anyway.
"""

import asyncio
import time

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.messages import preferred_language, render


class _Refused(Exception):
    def __init__(self, status: int, code: str, **details: object):
        self.status, self.code, self.details = status, code, details


class _ClientGone(_Refused):
    def __init__(self) -> None:
        super().__init__(0, "")


class BodyLimits:
    def __init__(self, app: ASGIApp, *, max_bytes: int, timeout: float):
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            self._check_announced_length(scope)
            body = await self._read_body(receive)
        except _Refused as refused:
            await _answer(send, refused, _language(scope))
            return
        await self.app(scope, _replay(body, receive), send)

    def _too_large(self) -> _Refused:
        return _Refused(413, "REQUEST_TOO_LARGE", max_bytes=self.max_bytes)

    def _check_announced_length(self, scope: Scope) -> None:
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    announced = 0  # the HTTP parser refuses a malformed length before we get here
                if announced > self.max_bytes:
                    raise self._too_large()

    async def _read_body(self, receive: Receive) -> bytes:
        deadline = time.monotonic() + self.timeout
        chunks: list[bytes] = []
        size = 0
        while True:
            try:
                message = await asyncio.wait_for(receive(), timeout=max(deadline - time.monotonic(), 0))
            except TimeoutError:
                raise _Refused(408, "REQUEST_TIMEOUT", seconds=f"{self.timeout:g}") from None
            if message["type"] == "http.disconnect":
                raise _ClientGone
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _language(scope: Scope) -> str:
    return preferred_language(dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1"))


async def _answer(send: Send, refused: _Refused, language: str) -> None:
    if isinstance(refused, _ClientGone):
        return  # nobody to answer
    message, pesan = (render(refused.code, lang, refused.details) for lang in (language, "id"))
    extensions = {"code": refused.code, "pesan": pesan}
    body = orjson.dumps({"errors": [{"message": message, "extensions": extensions}]})
    await send(
        {
            "type": "http.response.start",
            "status": refused.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # The rest of the body is not read: the connection cannot carry another request.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _replay(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the body read above once, then waits on the client (disconnects)."""
    given = False

    async def replay() -> Message:
        nonlocal given
        if given:
            return await receive()
        given = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay
