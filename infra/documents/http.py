"""`GET /verify/<code>`: public (no token), rate-limited per client, answering whether the
document with this code is genuine (infra.documents.verify), with the latest signed checkpoint.
`?sha256=<hex>` compares a file the caller holds; nothing personal is answered beyond what the
document itself shows."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import TYPE_CHECKING, Any

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


def verify_router(system: System | None, tenants: Any = None) -> APIRouter:
    """`GET /verify/<code>` for one government; with many (`tenants`, infra.tenancy), the tenant
    is in the path: `GET /verify/<tenant>/<code>` (the letterhead's verify_url says which)."""
    router = APIRouter()
    settings = system.settings if system is not None else tenants.settings
    limit = RateLimit(settings.verify_per_minute)
    public_key = _checkpoint_key(settings.signing_key)

    def answer(of: Any, code: str, presented: str | None) -> tuple[int, dict]:
        verdict = verify_document(
            of.app.recorder,
            of.app.profile.id,
            code,
            signature_of(of.store, code),
            presented_sha256=presented,
            public_key=public_key,
        )
        return STATUS_CODES.get(verdict.status, 200), verdict.public()

    def tenant_system(tenant: str) -> Any:
        try:
            return tenants.serve(tenant)
        except Exception:  # noqa: BLE001 - unknown or disabled: as unknown as a wrong code
            return None

    async def verify(of: Any, code: str, request: Request, sha256: str | None) -> Response:
        client = request.client.host if request.client else "unknown"
        if not limit.allow(client):
            body = {"status": "RATE_LIMITED", "faults": ["Too many verifications: try again in a minute."]}
            return Response(orjson.dumps(body), 429, {"retry-after": "60"}, media_type="application/json")
        if len(code) > _MAX_CODE or (sha256 is not None and len(sha256) > 64):
            return Response(orjson.dumps({"status": UNKNOWN}), 404, media_type="application/json")
        if callable(of):
            of = await run_in_threadpool(of)
        if of is None:
            return Response(orjson.dumps({"status": UNKNOWN}), 404, media_type="application/json")
        status, body = await run_in_threadpool(answer, of, normalise(code), sha256)
        return Response(orjson.dumps(body), status, media_type="application/json")

    if tenants is None:

        @router.get("/verify/{code}")
        async def verify_one(code: str, request: Request, sha256: str | None = None) -> Response:
            return await verify(system, code, request, sha256)

    else:

        @router.get("/verify/{tenant}/{code}")
        async def verify_tenant(
            tenant: str, code: str, request: Request, sha256: str | None = None
        ) -> Response:
            return await verify(lambda: tenant_system(tenant[:40]), code, request, sha256)

    return router


__all__ = ["RateLimit", "verify_router"]
