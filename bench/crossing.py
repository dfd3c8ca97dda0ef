"""The cross-tenant relay's throughput (ADR 0010): Banjarnegara opens N native requests to Pemalang
(each step 1 and 2 taken in person), one relay round delivers them (2N events: the requests and
the PyB's approvals), Pemalang's PyB approves each, and one round brings those back (N events).
Printed: deliveries per second each way, on SQLite and PostgreSQL.

    .venv/bin/python -m bench.crossing --requests 100
"""

import argparse
import tempfile
import time
from pathlib import Path

from bench.stores import POSTGRES_URL
from infra.crossing.relay import Relay
from tests.integration.assignment_walk import decided, take  # the route tests' walk and world
from tests.integration.crossing_platform import platform


def run(url: str, requests: int) -> dict[str, float]:
    with platform(url) as p:
        relay = Relay(p.tenants, only=p.ids)
        started = time.perf_counter()
        opened = []
        for _ in range(requests):
            a = decided(p.bn_app, p.requester, p.request())
            opened.append(take(p.bn_app, p.bn_world, a, 2))
        local = time.perf_counter() - started
        started = time.perf_counter()
        there = relay.once()
        out = time.perf_counter() - started
        for a in opened:
            take(p.pm_app, p.pm_world, p.pm_app.repo.assignment(str(a.id)), 3)
        started = time.perf_counter()
        back = relay.once()
        home = time.perf_counter() - started
        assert (there, back) == (2 * requests, requests)
        return {
            "steps taken in person /s": 2 * requests / local,
            "relayed to the other tenant /s": there / out,
            "relayed back /s": back / home,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        stores = {"SQLite": f"sqlite:///{Path(folder) / 'platform.db'}", "PostgreSQL": POSTGRES_URL}
        for name, url in stores.items():
            figures = run(url, args.requests)
            line = ", ".join(f"{k} {v:.0f}" for k, v in figures.items())
            print(f"cross-tenant relay, {name}, {args.requests} native requests: {line}")


if __name__ == "__main__":
    main()
