"""A live server over real HTTP: uvicorn in a thread, on a free loopback port, per test."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from api.auth import mint_token
from infra.bootstrap import build
from infra.server import server_config
from infra.settings import Settings
from infra.web import create
from tests.integration.assignment_walk import ADMIN
from tests.support import build_world

ADMIN_NIP = "196805121990031003"


@dataclass
class LiveServer:
    url: str
    settings: Settings
    api: Any

    def token(self, nip: str = ADMIN_NIP, *, admin: bool = False) -> str:
        return mint_token(self.settings.jwt_secret, nip=nip, tenant=self.settings.profile, admin=admin)

    def post(self, body: Any, token: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return httpx.post(f"{self.url}/graphql", json=body, headers=headers, timeout=30, **kwargs)

    def gql(
        self, query: str, variables: dict | None = None, *, token: str | None = None, admin: bool = True
    ) -> dict:
        """POST a GraphQL operation as the administrator (or `token`); return `data`, fail on errors."""
        response = self.post({"query": query, "variables": variables or {}}, token or self.token(admin=admin))
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(settings: Settings) -> Iterator[LiveServer]:
    """uvicorn with the production configuration (infra/server.py), in a thread, on a free port."""
    api = create(settings, migrate=True)
    port = _free_port()
    server = uvicorn.Server(server_config(api, settings, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", settings=settings, api=api)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_server(settings: Settings) -> Iterator[LiveServer]:
    with running_server(settings) as server:
        yield server


@pytest.fixture
def world_server(settings: Settings, request: pytest.FixtureRequest) -> tuple[Any, LiveServer]:
    """The team world of tests/support.py in the store, and a live server over it."""
    system = build(settings)
    world = build_world(system.app, ADMIN)
    system.close()
    return world, request.getfixturevalue("live_server")
