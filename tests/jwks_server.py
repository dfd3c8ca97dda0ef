"""A small identity provider for tests: an RSA key pair whose public half is served as a JWKS
over real HTTP on a loopback port, like Keycloak's `…/protocol/openid-connect/certs`.

`hold()` makes the next fetches hang until `release()`, to show what a slow provider does to
the server; `fetched` is set as soon as a fetch has arrived."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

KID = "k1"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
CERTS_PATH = "/realms/serang/protocol/openid-connect/certs"
HOLD_AT_MOST = 30.0  # seconds: a held fetch never outlives a broken test by more than this


class JwksServer:
    def __init__(self) -> None:
        public = json.loads(RSAAlgorithm.to_jwk(KEY.public_key()))
        self.body = json.dumps({"keys": [{**public, "kid": KID, "use": "sig", "alg": "RS256"}]}).encode()
        self.gate = threading.Event()
        self.gate.set()
        self.fetched = threading.Event()
        self.fetches = 0
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_port}{CERTS_PATH}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                owner.fetches += 1
                owner.fetched.set()
                owner.gate.wait(timeout=HOLD_AT_MOST)
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def hold(self) -> None:
        self.fetched.clear()
        self.gate.clear()

    def release(self) -> None:
        self.gate.set()

    def start(self) -> JwksServer:
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        self.release()
        self._http.shutdown()
        self._http.server_close()


@contextmanager
def running_jwks_server() -> Iterator[JwksServer]:
    server = JwksServer().start()
    try:
        yield server
    finally:
        server.close()


def rs256_token(key: Any = KEY, *, kid: str = KID, **claims: Any) -> str:
    """A token as the provider would sign it; claims given as None are left out."""
    base = {
        "nip": "198507202010011002",
        "tenant": "kab-serang-2024",
        "exp": int(time.time()) + 600,
        "aud": "sistemkerja",
        "realm_access": {"roles": ["admin"]},
    }
    body = {name: value for name, value in {**base, **claims}.items() if value is not None}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})
