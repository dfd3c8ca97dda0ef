"""Limits of the HTTP server (issue 8, defects 6 and 7), over real sockets.

Oversized bodies are refused before they are read, costly queries before they run, and slow
clients are cut off: each with a small configured limit, asserting what the server does (answers,
closes the socket), not how fast.
"""

import json
import select
import socket
import time
from urllib.parse import urlparse

import httpx
import pytest

from tests.e2e.conftest import LiveServer, running_server

SQLITE_ONLY = pytest.mark.parametrize("settings", ["sqlite"], indirect=True)  # transport: no store involved
GIVE_UP = 15  # seconds: a safety net against a server that never closes, not a speed requirement


def connect(server: LiveServer) -> socket.socket:
    url = urlparse(server.url)
    sock = socket.create_connection((url.hostname, url.port), timeout=GIVE_UP)
    return sock


def head(server: LiveServer, length: int | None = None, *, chunked: bool = False) -> bytes:
    lines = [
        "POST /graphql HTTP/1.1",
        f"host: {urlparse(server.url).netloc}",
        "content-type: application/json",
        f"authorization: Bearer {server.token(admin=True)}",
    ]
    if length is not None:
        lines.append(f"content-length: {length}")
    if chunked:
        lines.append("transfer-encoding: chunked")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (fails if it never does)."""
    received = b""
    deadline = time.monotonic() + GIVE_UP
    while time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return received
        if not chunk:
            return received
        received += chunk
    pytest.fail(f"the server kept the connection open; received {received!r}")


def status_and_body(raw: bytes) -> tuple[int, dict]:
    head_part, _, body = raw.partition(b"\r\n\r\n")
    status = int(head_part.split(b" ", 2)[1])
    return status, json.loads(body) if body.strip() else {}


def drip(sockets: list[socket.socket], data: bytes, pause: float) -> list[bytes]:
    """Send `data` a byte at a time on every socket, `pause` between bytes, until the server
    answers or closes each; return what it sent each (fails if it keeps any open)."""
    answers: dict[int, bytes] = {}
    deadline = time.monotonic() + GIVE_UP
    position = 0
    while len(answers) < len(sockets):
        if time.monotonic() > deadline or position >= len(data):
            pytest.fail(f"the server kept {len(sockets) - len(answers)} slow connection(s) open")
        for index, sock in enumerate(sockets):
            if index not in answers:
                try:
                    sock.sendall(data[position : position + 1])
                except (BrokenPipeError, ConnectionResetError):
                    answers[index] = read_until_closed(sock)
        position += 1
        readable, _, _ = select.select([s for i, s in enumerate(sockets) if i not in answers], [], [], pause)
        for sock in readable:
            answers[sockets.index(sock)] = read_until_closed(sock)
    return [answers[index] for index in range(len(sockets))]


# Body size ------------------------------------------------------------------------------------


@SQLITE_ONLY
def test_a_10_mb_body_announced_with_a_valid_token_is_refused_before_it_is_read(live_server):
    with connect(live_server) as sock:
        sock.sendall(head(live_server, 10 * 1024 * 1024))  # the body itself is never sent
        answer = read_until_closed(sock)
    status, body = status_and_body(answer)
    assert status == 413
    assert b"\r\nx-request-id: " in answer.partition(b"\r\n\r\n")[0]
    error = body["errors"][0]
    assert error["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert "1048576" in error["message"] and error["extensions"]["pesan"].startswith("Isi permintaan")


@SQLITE_ONLY
def test_a_chunked_body_is_refused_when_its_bytes_pass_the_limit(settings):
    with running_server(settings.model_copy(update={"max_body_bytes": 4096})) as server:
        with connect(server) as sock:
            sock.sendall(head(server, chunked=True))
            for _ in range(5):  # 5 KiB > 4 KiB, never terminated
                sock.sendall(b"400\r\n" + b" " * 1024 + b"\r\n")
            status, body = status_and_body(read_until_closed(sock))
    assert status == 413
    assert body["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"


@SQLITE_ONLY
def test_a_body_within_the_limit_is_served_chunked_or_not(settings):
    with running_server(settings.model_copy(update={"max_body_bytes": 4096})) as server:
        query = json.dumps({"query": "{ __typename }"}).encode()
        with connect(server) as sock:
            sock.sendall(
                head(server, chunked=True).replace(b"\r\n\r\n", b"\r\nconnection: close\r\n\r\n")
                + f"{len(query):x}\r\n".encode()
                + query
                + b"\r\n0\r\n\r\n"
            )
            status, body = status_and_body(read_until_closed(sock))
        assert status == 200 and body["data"] == {"__typename": "Query"}
        padded = {"query": "{ __typename }" + " " * 3000}
        assert server.post(padded, server.token()).status_code == 200


def test_a_refused_body_records_nothing(live_server):
    officials = "{ officials(first: 100) { nodes { nip } } }"
    before = live_server.gql(officials)
    register = "mutation($i: RegisterOfficialInput!) { registerOfficial(input: $i) { __typename } }"
    body = json.dumps(
        {
            "query": register,
            "variables": {
                "i": {
                    "nip": "199001012015031001",
                    "name": "Pegawai",
                    "positionType": "PELAKSANA",
                    "positionTitle": "Pelaksana",
                    "rank": "II/c",
                    "education": "S1",
                    "legalBasis": "SK" + " " * (1024 * 1024),
                }
            },
        }
    ).encode()
    with connect(live_server) as sock:
        sock.sendall(head(live_server, len(body)) + body[:1024])
        status, _ = status_and_body(read_until_closed(sock))
    assert status == 413
    assert live_server.gql(officials) == before


# Query cost -----------------------------------------------------------------------------------

TWENTY_TREES = (
    "{ "
    + " ".join(
        f"t{i}: organisationTree(first: 100) {{ edges {{ node {{ code name }} }} }}" for i in range(20)
    )
    + " }"
)


def test_twenty_aliases_of_a_full_page_are_too_costly(live_server, caplog):
    response = live_server.post({"query": TWENTY_TREES}, live_server.token(admin=True))
    assert response.status_code == 200
    body = response.json()
    assert body["data"] is None
    extensions = body["errors"][0]["extensions"]
    assert extensions["code"] == "QUERY_TOO_COSTLY"
    assert extensions["cost"] > extensions["maxCost"] == live_server.settings.max_query_cost
    assert extensions["pesan"].startswith("Kueri terlalu mahal")


def test_the_page_size_given_as_a_variable_counts(live_server):
    query = (
        "query($n: Int!) { "
        + " ".join(f"t{i}: organisationTree(first: $n) {{ nodes {{ code }} }}" for i in range(20))
        + " }"
    )
    assert (
        live_server.post({"query": query, "variables": {"n": 100}}, live_server.token(admin=True)).json()[
            "errors"
        ][0]["extensions"]["code"]
        == "QUERY_TOO_COSTLY"
    )
    assert "t19" in live_server.gql(query, {"n": 5})


def test_the_queries_clients_send_are_within_the_cost(live_server):
    """A full page of units with their heads and their children's codes, and a full ledger page, pass."""
    live_server.gql(
        "{ organisationTree(first: 100) { edges { cursor node { code name kind level "
        "head { nip name positionTitle } parent { code } children { code } } } "
        "pageInfo { hasNextPage endCursor } } }"
    )
    live_server.gql("""{ decisionLedger(first: 100) { nodes { position kind subjectNip subjectName agencyCode
        unitCode actorNip actorName recordedAt effectiveDate legalBasis articles reason
        capacity { kind unitCode delegatedBy } } pageInfo { hasNextPage endCursor } } }""")


def test_the_query_cost_limit_is_configurable(settings):
    with running_server(settings.model_copy(update={"max_query_cost": 50})) as server:
        small = "{ organisationTree(first: 10) { nodes { code } } }"
        assert "organisationTree" in server.gql(small)
        refused = server.post({"query": small.replace("10", "40")}, server.token(admin=True)).json()
        assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


# Slow clients ---------------------------------------------------------------------------------

SLOW = {"header_timeout_seconds": 0.5, "body_timeout_seconds": 0.5}


@SQLITE_ONLY
def test_request_heads_sent_a_byte_at_a_time_are_cut_off(settings):
    with running_server(settings.model_copy(update=SLOW)) as server:
        sockets = [connect(server) for _ in range(20)]
        try:
            # Header lines without the blank line that ends them: a head that never completes.
            answers = drip(
                sockets, head(server).rstrip(b"\r\n") + b"\r\nx-padding: " + b"a" * 1000, pause=0.2
            )
        finally:
            for sock in sockets:
                sock.close()
    for answer in answers:
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer


@SQLITE_ONLY
def test_a_connection_that_sends_nothing_is_closed(settings):
    with running_server(settings.model_copy(update=SLOW)) as server, connect(server) as sock:
        answer = read_until_closed(sock)
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer


@SQLITE_ONLY
def test_a_body_sent_a_byte_a_second_is_answered_408_and_closed(settings):
    with running_server(settings.model_copy(update=SLOW)) as server, connect(server) as sock:
        sock.sendall(head(server, 1000))
        [answer] = drip([sock], b"{" * 1000, pause=0.2)
    status, body = status_and_body(answer)
    assert status == 408
    assert body["errors"][0]["extensions"]["code"] == "REQUEST_TIMEOUT"
    assert body["errors"][0]["extensions"]["pesan"].startswith("Isi permintaan")


@SQLITE_ONLY
def test_an_idle_keep_alive_connection_is_closed(settings):
    with (
        running_server(settings.model_copy(update={"keep_alive_seconds": 1})) as server,
        connect(server) as sock,
    ):
        sock.sendall(f"GET /health HTTP/1.1\r\nhost: {urlparse(server.url).netloc}\r\n\r\n".encode())
        answer = read_until_closed(sock)
    assert answer.startswith(b"HTTP/1.1 200")


@SQLITE_ONLY
def test_connections_above_the_limit_are_answered_503(settings):
    with running_server(settings.model_copy(update={"max_connections": 3})) as server:
        held = [connect(server) for _ in range(3)]
        try:
            assert until_status(server, 503)
        finally:
            for sock in held:
                sock.close()
        assert until_status(server, 200)


def until_status(server: LiveServer, status: int) -> bool:
    """Poll /health until it answers `status` (the server sees opened and closed sockets a moment later)."""
    deadline = time.monotonic() + GIVE_UP
    while time.monotonic() < deadline:
        if httpx.get(f"{server.url}/health", timeout=GIVE_UP).status_code == status:
            return True
        time.sleep(0.05)
    return False
