"""Run the benchmark on SQLite and PostgreSQL and print the figures and the targets' verdict:
end-to-end placement rate >= 60% of the plain library's raw rate; query p99 < 25 ms."""

import os
import sys
from contextlib import ExitStack

from api.auth import mint_token
from bench import asof, report
from bench.command import hollow_turns
from bench.raw import raw_rate
from bench.server import cpu_seconds, running_server
from bench.stores import SECRET, Store, load, postgres_store, sqlite_store
from bench.tenants import PeakConnections, measure_tenants, rss_mb
from bench.workload import OFFICIAL, TREE, Placement, client, latencies_ms, placement_rate
from infra.bootstrap import build
from infra.demo import ADMIN_NIP

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))  # per mutation run and per raw run
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))  # samples per query
CLIENTS = (1, 4)
TENANTS = int(os.environ.get("BENCH_TENANTS", "50"))  # the multi-tenant run (bench/tenants.py)


def targets_of(store: Store) -> tuple[list[Placement], list[str]]:
    system = build(store.settings, migrate=False)
    try:
        rows = system.store.query(
            "SELECT nip, unit_code, appraiser_nip FROM officials WHERE appraiser_nip IS NOT NULL ORDER BY nip"
        )
    finally:
        system.close()
    return [Placement(r["nip"], r["unit_code"], r["appraiser_nip"]) for r in rows], [r["nip"] for r in rows]


def measure(store: Store) -> dict:
    figures: dict = {"store": store.name, "demo": load(store)}
    placements, nips = targets_of(store)
    token = mint_token(SECRET, nip=ADMIN_NIP, tenant=store.settings.profile, admin=True, hours=1)
    with ExitStack() as stack:
        base, pid = stack.enter_context(running_server(store.env()))
        http = stack.enter_context(client(base, token))
        # The floor: what any GraphQL request costs here (HTTP, auth, parsing, validation).
        figures["floor_ms"] = latencies_ms(http, "{ __typename }", lambda i: {}, QUERIES)
        figures["tree_ms"] = latencies_ms(http, TREE, lambda i: {}, QUERIES)
        figures["official_ms"] = latencies_ms(http, OFFICIAL, lambda i: {"nip": nips[i % len(nips)]}, QUERIES)
        with PeakConnections(pid) as peak:
            for clients in CLIENTS:
                cpu_before = cpu_seconds(pid)
                figures[f"e2e_{clients}"] = placement_rate(base, token, placements, clients, SECONDS)
                figures[f"cpu_ms_{clients}"] = (
                    1000 * (cpu_seconds(pid) - cpu_before) / figures[f"e2e_{clients}"][1]
                )
        figures["connections"], figures["rss_end_mb"] = peak.peak, rss_mb(pid)
        figures["turns"] = hollow_turns(stack, store, token, http, placements)  # target 4's ceiling
    url, schema = store.settings.database_url, store.scratch_schema
    for chained in (True, False):
        name = "benchchained" if chained else "benchplain"
        if store.settings.is_sqlite:
            url = f"sqlite:///{store.workdir / (name + '.db')}"
        figures["raw_chained" if chained else "raw_plain"] = raw_rate(
            url, schema, chained=chained, name=name, seconds=SECONDS
        )
    return figures


def main() -> int:
    results = []
    print(f"Machine: {report.machine()}", flush=True)
    for opener in (sqlite_store, postgres_store):
        with ExitStack() as stack:
            store = stack.enter_context(opener())
            print(
                f"== {store.name}: loading the demo government, starting the server, measuring ...",
                flush=True,
            )
            results.append(measure(store))
            report.print_store(results[-1])
    print(
        f"\n== PostgreSQL, {TENANTS} tenants in one process: loading the demo into each, measuring ...",
        flush=True,
    )
    many = measure_tenants(TENANTS, SECONDS, QUERIES, CLIENTS)
    report.print_tenants(results[-1], many)
    report.print_verdict(results)  # a missed target is printed, not an exit code: make bench goes on
    asof.run()  # the as-of queries at 1M events, both axes (bench/asof.py); prints its own verdict
    return 0


if __name__ == "__main__":
    sys.exit(main())
