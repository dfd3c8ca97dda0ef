"""`GET /verify/<code>`: public (no token), rate-limited per client, answering whether the
document with this code is genuine (infra.documents.verify), with the latest signed checkpoint.
`?sha256=<hex>` compares a file the caller holds; nothing personal is answered beyond what the
document itself shows."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import TYPE_CHECKING

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from infra.audit.checkpoint import load_private_key
from infra.documents.codes import normalise
from infra.documents.verify import UNKNOWN, verify_document
from projections.documents.view import signature_of

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from infra.bootstrap import System

log = logging.getLogger("sistemkerja.documents")
STATUS_CODES = {UNKNOWN: 404}
_MAX_CODE = 32


class RateLimit:
    """At most `per_minute` requests per client in any sliding minute (in memory, per process)."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._seen) > 10_000:  # forget idle clients rather than grow without bound
                self._seen = {k: v for k, v in self._seen.items() if v and v[-1] > now - 60}
            seen = self._seen.setdefault(client, deque())
            while seen and seen[0] <= now - 60:
                seen.popleft()
            if len(seen) >= self.per_minute:
                return False
            seen.append(now)
            return True


def _checkpoint_key(path: str | None) -> Ed25519PublicKey | None:
    """The checkpoint key's public half, to check checkpoint signatures; without it (or if it
    cannot be read) the answer says the checkpoint's signature was not checked."""
    if not path:
        return None
    try:
        return load_private_key(path).public_key()
    except (OSError, ValueError) as e:
        log.warning("GET /verify will not check checkpoint signatures: %s", e)
        return None


def verify_router(system: System) -> APIRouter:
    router = APIRouter()
    limit = RateLimit(system.settings.verify_per_minute)
    public_key = _checkpoint_key(system.settings.signing_key)

    def answer(code: str, presented: str | None) -> tuple[int, dict]:
        verdict = verify_document(
            system.app.recorder,  # type: ignore[arg-type]
            system.app.profile.id,
            code,
            signature_of(system.store, code),
            presented_sha256=presented,
            public_key=public_key,
        )
        return STATUS_CODES.get(verdict.status, 200), verdict.public()

    @router.get("/verify/{code}")
    async def verify(code: str, request: Request, sha256: str | None = None) -> Response:
        client = request.client.host if request.client else "unknown"
        if not limit.allow(client):
            body = {"status": "RATE_LIMITED", "faults": ["Too many verifications: try again in a minute."]}
            return Response(orjson.dumps(body), 429, {"retry-after": "60"}, media_type="application/json")
        if len(code) > _MAX_CODE or (sha256 is not None and len(sha256) > 64):
            return Response(orjson.dumps({"status": UNKNOWN}), 404, media_type="application/json")
        status, body = await run_in_threadpool(answer, normalise(code), sha256)
        return Response(orjson.dumps(body), status, media_type="application/json")

    return router


__all__ = ["RateLimit", "verify_router"]
