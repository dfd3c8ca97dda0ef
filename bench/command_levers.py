"""The levers of ADR 0013 measured apart, in one process (`python -m bench.command_levers
[sqlite|postgres]`): each variant on its own copy of the demo government, placements (through the
pipeline, plus the answer's query) alternated in bursts so that a shared machine's load drifts
over all variants alike. BENCH_BURSTS (default 10) bursts of BENCH_BURST (default 20) each.

Variants: eventsourcing's own cached repository (a fast-forward query and a deep copy per load)
or the cache checked once per command; the read models written in the events' transaction (the
recorder's `views` hook) or only after the commit."""

import os
import statistics
import sys
import time
from contextlib import ExitStack
from datetime import date, timedelta

from eventsourcing.application import Repository as EventsourcingRepository

from application.commands.organisation import PlaceOfficial
from application.principal import ADMIN_ROLE, Principal
from bench.__main__ import targets_of
from bench.stores import load, postgres_store, sqlite_store
from infra.bootstrap import build
from infra.demo import ADMIN_NIP
from projections.organisation.queries import OrganisationQueries

BURSTS = int(os.environ.get("BENCH_BURSTS", "10"))
BURST = int(os.environ.get("BENCH_BURST", "20"))
VARIANTS = {  # name: (eventsourcing's cache, views in the events' transaction)
    "before (eventsourcing's cache, views after the commit)": (True, False),
    "cache checked once per command": (False, False),
    "views in the events' transaction": (True, True),
    "both": (False, True),
}


def _eventsourcing_cache(app) -> None:
    app._repository = EventsourcingRepository(
        event_store=app.events, snapshot_store=app.snapshots, cache_maxsize=20_000
    )
    app.aggregates = None
    app.recorder.after_commit = ()


def main(which: str) -> None:
    actor = Principal(nip=ADMIN_NIP, roles=frozenset({ADMIN_ROLE}))
    opener = sqlite_store if which == "sqlite" else postgres_store
    with ExitStack() as stack:
        runs = {}
        for name, (eventsourcing_cache, within) in VARIANTS.items():
            store = stack.enter_context(opener())
            load(store)
            placements, _ = targets_of(store)
            system = build(store.settings, migrate=False)
            stack.callback(system.close)
            if eventsourcing_cache:
                _eventsourcing_cache(system.app)
            if not within:
                system.app.recorder.views = None
            runs[name] = (system, OrganisationQueries(system.store), placements, [0], [])

        def burst(name: str, record: bool) -> None:
            system, queries, placements, done, samples = runs[name]
            for _ in range(BURST):
                target = placements[done[0] % len(placements)]
                day = date(2025, 1, 1) + timedelta(days=1 + done[0] // len(placements))
                started = time.perf_counter()
                command = PlaceOfficial(
                    nip=target.nip,
                    unit_code=target.unit_code,
                    appraiser_nip=target.appraiser_nip,
                    effective_date=day,
                )
                system.app.handle(actor, command)
                queries.official(target.nip)
                if record:
                    samples.append((time.perf_counter() - started) * 1000)
                done[0] += 1

        for name in runs:  # warm every cache: one pass over the officials
            for _ in range(len(runs[name][2]) // BURST + 1):
                burst(name, False)
        for _ in range(BURSTS):
            for name in runs:
                burst(name, True)
        print(f"{which} (load average {os.getloadavg()[0]:.1f}): placement + its answer, p50 / mean")
        for name, (*_, samples) in runs.items():
            print(f"  {name:55} {statistics.median(samples):6.2f} / {statistics.mean(samples):6.2f} ms")


if __name__ == "__main__":
    for which in sys.argv[1:] or ["sqlite", "postgres"]:
        main(which)
