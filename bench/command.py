"""What one command costs beside its unavoidable parts (issue 14, target 4), on each store:

    ratio = (floor of `{ __typename }` + one raw library save) / one placement end to end

with one client over HTTP (p50 of the floor; the raw save with the plain eventsourcing module,
1 / its rate). `python -m bench.command` runs just this (BENCH_SECONDS, BENCH_QUERIES as in
`python -m bench`); `BENCH_PROFILE=file` runs the server under cProfile (bench.server).
"""

import os
import sys
from contextlib import ExitStack

from api.auth import mint_token
from bench.raw import raw_rate
from bench.report import command_ratio, machine
from bench.server import cpu_seconds, running_server
from bench.stores import SECRET, load, postgres_store, sqlite_store
from bench.workload import client, latencies_ms, placement_rate
from infra.demo import ADMIN_NIP

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))
STORES = {"sqlite": sqlite_store, "postgres": postgres_store}


def measure(opener) -> dict:
    from bench.__main__ import targets_of  # the same officials the full bench places

    with ExitStack() as stack:
        store = stack.enter_context(opener())
        figures: dict = {"store": store.name, "demo": load(store)}
        placements, _ = targets_of(store)
        token = mint_token(SECRET, nip=ADMIN_NIP, tenant=store.settings.profile, admin=True, hours=1)
        with running_server(store.env()) as (base, pid), client(base, token) as http:
            # Server CPU per request beside wall time: on a shared machine it moves far less.
            before = cpu_seconds(pid)
            figures["floor_ms"] = latencies_ms(http, "{ __typename }", lambda i: {}, QUERIES, warmup=0)
            figures["floor_cpu_ms"] = 1000 * (cpu_seconds(pid) - before) / QUERIES
            before = cpu_seconds(pid)
            figures["e2e_1"] = placement_rate(base, token, placements, 1, SECONDS)
            figures["cpu_ms_1"] = 1000 * (cpu_seconds(pid) - before) / figures["e2e_1"][1]
        url = store.settings.database_url
        if store.settings.is_sqlite:
            url = f"sqlite:///{store.workdir / 'benchplain.db'}"
        figures["raw_plain"] = raw_rate(
            url, store.scratch_schema, chained=False, name="benchplain", seconds=SECONDS
        )
        return figures


def main() -> int:
    print(f"Machine: {machine()}", flush=True)
    wanted = sys.argv[1:] or list(STORES)
    for name in wanted:
        figures = measure(STORES[name])
        floor, raw, e2e, ratio = command_ratio(figures)
        print(
            f"{figures['store']}: floor p50 {floor:.2f} ms + raw save {raw:.2f} ms / placement "
            f"{e2e:.2f} ms ({figures['e2e_1'][0]:.0f}/s) = {ratio:.2f}; server CPU per floor request "
            f"{figures['floor_cpu_ms']:.2f} ms, per placement {figures['cpu_ms_1']:.2f} ms",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
