"""Typed answers for requests that are not GraphQL requests at all.

strawberry answers a body without a query, an unknown operationName or a `query` that is not a
string with `400` and a plain-text reason. Rewritten here into GraphQL's error shape with the
stable code BAD_REQUEST, like every other refusal.
"""

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from domain.messages import render

BAD_REQUEST = "BAD_REQUEST"


class TypedBadRequest:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None

        async def send_typed(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and _plain_400(message):
                start = message  # held until the body (one message, from a PlainTextResponse) arrives
                return
            if start is not None and message["type"] == "http.response.body":
                reason = message.get("body", b"").decode("utf-8", "replace")
                # `message`: strawberry's own (English) reason, which says what exactly is wrong.
                body = orjson.dumps(
                    {
                        "errors": [
                            {
                                "message": reason,
                                "extensions": {"code": BAD_REQUEST, "pesan": render(BAD_REQUEST, "id", {})},
                            }
                        ]
                    }
                )
                headers = [
                    (k, v)
                    for k, v in start.get("headers", [])
                    if k not in (b"content-type", b"content-length")
                ]
                await send(
                    {
                        **start,
                        "headers": [
                            *headers,
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_typed)


def _plain_400(message: Message) -> bool:
    headers = dict(message.get("headers", []))
    return message["status"] == 400 and headers.get(b"content-type", b"").startswith(b"text/plain")
