"""What one command costs beside its unavoidable parts (issue 14, target 4), on each store:

    ratio = (floor of `{ __typename }` + one raw library save) / one placement end to end

with one client over HTTP (p50 of the floor; the raw save with the plain eventsourcing module,
1 / its rate; the placement 1 / its rate). `python -m bench.command` runs just this
(BENCH_SECONDS, BENCH_QUERIES as in `python -m bench`).

Beside it, the ratio's ceiling: a *hollow* placement (bench.hollow: the same mutation and answer
through a server whose command decides and saves nothing) is taken in turns with the floor and
real placements (bench.workload.interleaved), so that the three p50s share the machine's drift.
(floor + raw save) / (hollow + raw save) is the best ratio a command of no cost but its raw save
could score; placement - hollow is what the command itself costs.
"""

import os
import sys
from contextlib import ExitStack
from datetime import date, timedelta

import httpx

from api.auth import mint_token
from bench.raw import raw_rate
from bench.report import command_ceiling, command_ratio, machine
from bench.server import cpu_seconds, running_server
from bench.stores import SECRET, Store, load, postgres_store, sqlite_store
from bench.workload import (
    Placement,
    client,
    hollow_placement,
    interleaved,
    latencies_ms,
    place,
    placement_rate,
)
from infra.demo import ADMIN_NIP

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))
TURNS = int(os.environ.get("BENCH_TURNS", "15"))  # turns of 20 requests of each case
STORES = {"sqlite": sqlite_store, "postgres": postgres_store}
TURNS_FROM = date(2026, 1, 1)  # the turns' placements: TMTs after those of placement_rate's rounds
HOLLOW = "bench.hollow:create"


def turns(http: httpx.Client, hollow: httpx.Client, placements: list[Placement]) -> dict[str, list[float]]:
    """Latencies (ms) of the floor, the hollow placement and the placement, taken in turns."""

    def placement(n: int) -> None:
        target = placements[n % len(placements)]
        place(http, target, TURNS_FROM + timedelta(days=n // len(placements)))

    return interleaved(
        {
            "floor": lambda n: latencies_ms(http, "{ __typename }", lambda i: {}, 1, warmup=0),
            "hollow": lambda n: hollow_placement(hollow, placements[n % len(placements)]),
            "placement": placement,
        },
        rounds=TURNS,
    )


def hollow_turns(
    stack: ExitStack, store: Store, token: str, http: httpx.Client, placements: list[Placement]
) -> dict:
    """Start bench.hollow's server beside the store's running one and take the turns. The hollow
    server follows no events, so it never competes for the views."""
    hollow_env = {**store.env(), "SISTEMKERJA_FOLLOW_EVENTS": "false"}
    hollow_base, _ = stack.enter_context(running_server(hollow_env, factory=HOLLOW))
    return turns(http, stack.enter_context(client(hollow_base, token)), placements)


def measure(opener) -> dict:
    from bench.__main__ import targets_of  # the same officials the full bench places

    with ExitStack() as stack:
        store = stack.enter_context(opener())
        figures: dict = {"store": store.name, "demo": load(store)}
        placements, _ = targets_of(store)
        token = mint_token(SECRET, nip=ADMIN_NIP, tenant=store.settings.profile, admin=True, hours=1)
        base, pid = stack.enter_context(running_server(store.env()))
        http = stack.enter_context(client(base, token))
        # Server CPU per request beside wall time: on a shared machine it moves far less.
        before = cpu_seconds(pid)
        figures["floor_ms"] = latencies_ms(http, "{ __typename }", lambda i: {}, QUERIES, warmup=0)
        figures["floor_cpu_ms"] = 1000 * (cpu_seconds(pid) - before) / QUERIES
        before = cpu_seconds(pid)
        figures["e2e_1"] = placement_rate(base, token, placements, 1, SECONDS)
        figures["cpu_ms_1"] = 1000 * (cpu_seconds(pid) - before) / figures["e2e_1"][1]
        figures["turns"] = hollow_turns(stack, store, token, http, placements)
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
        print(f"  {command_ceiling(figures)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
