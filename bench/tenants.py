"""The multi-tenant run of `make bench` (issue 13): one server process serving N tenants (50 by
default), each loaded with the demo government, on PostgreSQL with one shared pool.

Printed beside the single-tenant PostgreSQL figures of the same run: the server's memory per
tenant (resident set growth while every tenant is built, divided by N), the server's connections
to PostgreSQL (peak while placing across tenants), query p99 and placements/s across tenants."""

import os
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from api.auth import mint_token
from bench.server import running_server
from bench.stores import POSTGRES_URL, SECRET
from bench.workload import OFFICIAL, TREE, Placement, client, latencies_ms, placement_rate
from infra.bootstrap import build
from infra.demo import ADMIN_NIP, load_demo
from infra.settings import Settings
from infra.tenancy.registry import new_tenant
from infra.tenancy.tenants import Tenants, tenant_settings

POOL_SIZE = 8


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


def postgres_connections(pid: int) -> int:
    """TCP connections of the process to port 5432 (its pool, listeners and any other)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as lines:
            next(lines)
            for line in lines:
                fields = line.split()
                if (
                    fields[2].endswith(":1538") and fields[3] == "01" and fields[9] in inodes
                ):  # 5432, ESTABLISHED
                    count += 1
    return count


class PeakConnections:
    """Samples the server's connections every 50 ms while running."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, postgres_connections(self.pid))

    def __enter__(self) -> "PeakConnections":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


@contextmanager
def platform(count: int) -> Iterator[tuple[Settings, list[str], list[Placement], list[str]]]:
    """The registry and `count` tenants with the demo government, dropped afterwards."""
    run = uuid.uuid4().hex[:6]
    settings = Settings(database_url=POSTGRES_URL, multi_tenant=True, jwt_secret=SECRET, mode="production")
    tenants = Tenants(settings)
    added = []
    try:
        for i in range(count):
            tenant = tenants.add(
                new_tenant(f"bench-{run}-{i:02d}", "kab-serang-2024", schema=f"bmt_{run}_{i:02d}")
            )
            added.append(tenant)
            system = build(tenant_settings(settings, tenants.registry, tenant), migrate=False)
            try:
                load_demo(system.app)
                if i == 0:
                    rows = system.store.query(
                        "SELECT nip, unit_code, appraiser_nip FROM officials "
                        "WHERE appraiser_nip IS NOT NULL ORDER BY nip"
                    )
            finally:
                system.close()
        targets = [Placement(r["nip"], r["unit_code"], r["appraiser_nip"]) for r in rows]
        yield settings, [t.id for t in added], targets, [r["nip"] for r in rows]
    finally:
        tenants.close()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            for tenant in added:
                conn.execute(
                    sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(tenant.schema))
                )
            conn.execute("DELETE FROM platform.tenants WHERE id = ANY(%s)", ([t.id for t in added],))


def measure_tenants(count: int, seconds: float, queries: int, clients: tuple[int, ...]) -> dict:
    started = time.perf_counter()
    with platform(count) as (settings, tenant_ids, targets, nips):
        figures: dict = {"tenants": count, "load_s": time.perf_counter() - started, "pool_size": POOL_SIZE}
        env = {
            "SISTEMKERJA_DATABASE_URL": settings.database_url,
            "SISTEMKERJA_MULTI_TENANT": "true",
            "SISTEMKERJA_POOL_SIZE": str(POOL_SIZE),
            "SISTEMKERJA_AGGREGATE_CACHE_SIZE": "2000",
            "SISTEMKERJA_JWT_SECRET": SECRET,
            "SISTEMKERJA_MODE": "production",
        }
        tokens = [mint_token(SECRET, nip=ADMIN_NIP, tenant=t, admin=True, hours=1) for t in tenant_ids]
        with running_server(env) as (base, pid), client(base, tokens[0]) as http:
            before = rss_mb(pid)
            latencies_ms(http, "{ regulation { profileId } }", lambda i: {}, count, warmup=0, tokens=tokens)
            figures["rss_before_mb"], figures["rss_built_mb"] = before, rss_mb(pid)
            figures["mb_per_tenant"] = (figures["rss_built_mb"] - before) / count
            with PeakConnections(pid) as peak:
                figures["tree_ms"] = latencies_ms(http, TREE, lambda i: {}, queries, tokens=tokens)
                figures["official_ms"] = latencies_ms(
                    http, OFFICIAL, lambda i: {"nip": nips[i % len(nips)]}, queries, tokens=tokens
                )
                for n in clients:
                    figures[f"e2e_{n}"] = placement_rate(base, tokens[0], targets, n, seconds, tokens=tokens)
            figures["connections"] = peak.peak
            figures["rss_end_mb"] = rss_mb(pid)
    return figures
