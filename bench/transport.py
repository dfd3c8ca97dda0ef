"""How the server under test reaches a PostgreSQL on the same machine.

Over TCP loopback, an answer of a few hundred kilobytes sometimes leaves PostgreSQL in two parts
~70–90 ms apart although the statement took 2–5 ms (measured on the 1M as-of history: the server
log's durations beside a packet capture of port 5432; ADR 0011). Over the Unix socket, the way
libpq reaches a local server by default, it does not. The benchmarks measure over the socket when
there is one (`BENCH_TRANSPORT=tcp` keeps TCP) and say which transport they used."""

import os
from urllib.parse import urlsplit, urlunsplit

SOCKET_DIRS = ("/var/run/postgresql", "/tmp")


def unix_socket_url(url: str) -> str | None:
    """`url` over the local server's Unix socket, or None if it names another host or no socket."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1") or parts.query:
        return None
    port = parts.port or 5432
    for directory in SOCKET_DIRS:
        if os.path.exists(os.path.join(directory, f".s.PGSQL.{port}")):
            secret = f":{parts.password}" if parts.password else ""
            user = f"{parts.username}{secret}@" if parts.username else ""
            return urlunsplit((parts.scheme, user, parts.path, f"host={directory}&port={port}", ""))
    return None


def local(url: str) -> tuple[str, str]:
    """The URL to measure with and its transport's name (`BENCH_TRANSPORT=tcp`: the URL as given)."""
    socket_url = None if os.environ.get("BENCH_TRANSPORT", "").lower() == "tcp" else unix_socket_url(url)
    return (socket_url, "the Unix socket") if socket_url else (url, "TCP")
