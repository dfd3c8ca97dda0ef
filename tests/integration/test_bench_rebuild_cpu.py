"""bench.rebuild.cpu_seconds: the CPU a swap used, this process's and the local PostgreSQL's
(the bound ADR 0015 rests on)."""

import sys
from urllib.parse import urlparse

import psycopg
import pytest

from bench.rebuild import cpu_seconds

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_this_process_s_cpu_grows_with_its_work():
    own_before, _ = cpu_seconds()
    sum(range(5_000_000))  # tens of milliseconds of CPU: several clock ticks
    own_after, _ = cpu_seconds()
    assert own_after > own_before


def test_the_local_server_s_cpu_grows_with_a_query_it_runs(postgres_url):
    if urlparse(postgres_url).hostname not in ("127.0.0.1", "localhost", "::1"):
        pytest.skip("the server's processes are on another machine")
    with psycopg.connect(postgres_url) as conn:
        conn.execute("SELECT 1")
        _, server_before = cpu_seconds()
        conn.execute("SELECT count(*) FROM generate_series(1, 3000000)").fetchone()
        _, server_after = cpu_seconds()
    assert server_after > server_before >= 0
