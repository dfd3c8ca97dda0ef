"""Query benchmark: every query the README documents, and the issue's list of inspection
queries, timed over HTTP against a server in production mode on histories of growing size.

    .venv/bin/python -m bench.queries [--sizes 100000 1000000] [--source bench_rebuild] [--fresh]

Each size is a PostgreSQL schema holding the first N events of the generated regency
(bench/histories.py; `python -m bench.rebuild --events 1000000` makes the source) with the demo
government on top. The README's examples are run once in order (their mutations too, so that
their placeholders are filled, as tests/e2e/test_readme_examples.py does), then each query among
them is timed; so is each of the CASES below, with values drawn from the history. Printed: p50,
p99 and max per query and size, target 1 (p99 < 50 ms at the largest size) and target 5 (no p99
growing faster than the logarithm of the history's size). A missed target prints MISSED; the exit
status stays 0 so that `make bench` goes on to its later steps.
"""

import argparse
import os
import tempfile
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

import httpx

from api.auth import mint_token
from bench import histories, report
from bench.readme import README, Example, readme_examples, run_example
from bench.server import running_server
from bench.transport import local
from bench.workload import OFFICIAL, TREE, client, latencies_ms
from domain.ids import official_id
from infra.bootstrap import build
from infra.demo import ADMIN_NIP
from infra.settings import Settings

URL = os.environ.get("SISTEMKERJA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SAMPLES = int(os.environ.get("BENCH_QUERIES", "1000"))  # per query and size: a p99 of 300 moved by ±3 ms
BUDGET, MINIMUM = float(os.environ.get("BENCH_QUERY_SECONDS", "20")), 100  # seconds, samples per query
SECRET = "bench-secret-" + uuid.uuid4().hex

FLOOR = report.FLOOR
NARROW = 60  # decisions in a narrow period: more than a page of 50
STEADY = 3  # events of each official whose history(nip) is asked: as many at every size
LEDGER = """query($filter: LedgerFilterInput, $after: String) {
  decisionLedger(filter: $filter, first: 50, after: $after) {
    nodes { position kind recordedAt actorNip actorName subjectNip subjectName legalBasis articles
            capacity { kind delegatedBy delegatedByName } }
    pageInfo { hasNextPage endCursor } } }"""
HISTORY = "query($nip: String!) { history(nip: $nip) { position version kind recordedAt actorNip } }"
ACTIVITY = """query($nip: String!) { officialActivity(nip: $nip, first: 50) {
  nodes { position kind actorNip actorName subjectNip subjectName } pageInfo { hasNextPage } } }"""


@dataclass
class Case:
    label: str
    query: str
    variables: list[dict[str, Any]]  # requests take them in turn
    token: str | None = None  # else the administrator's


@dataclass
class Target:
    """The running server, as bench.readme.run_example sends to it."""

    url: str
    settings: Settings

    def post(self, body: Any, token: str | None = None) -> httpx.Response:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        return httpx.post(f"{self.url}/graphql", json=body, headers=headers, timeout=60)


def history_cases(settings: Settings) -> list[Case]:
    """The issue's list, with values of the generated history: busy and quiet officials, every
    kind of filter, periods early and late, wide and narrow, an article cited nowhere."""
    system = build(settings, migrate=False)
    try:
        query = system.store.query
        last = query("SELECT MAX(position) AS p FROM decision_ledger")[0]["p"]

        def placed_at(share: float) -> str:  # the official placed at that point of the history
            return query(
                "SELECT subject_nip FROM decision_ledger WHERE kind = 'placement' AND position >= :p"
                " ORDER BY position LIMIT 1",
                {"p": int(last * share)},
            )[0]["subject_nip"]

        staff = list(dict.fromkeys(placed_at(i / 40) for i in range(40)))
        heads = [
            r["nip"]
            for r in query("SELECT nip FROM officials WHERE head_of IS NOT NULL ORDER BY nip LIMIT 40")
        ]
        agencies = [r["code"] for r in query("SELECT code FROM units WHERE level = 1 ORDER BY code")]

        def recorded(share: float, later: int = 0) -> str:  # `later` decisions after that point
            return query(
                "SELECT recorded_at FROM decision_ledger WHERE position >= :p ORDER BY position LIMIT 1",
                {"p": int(last * share) + later},
            )[0]["recorded_at"]

        times = {share: recorded(share) for share in (0.1, 0.5, 0.9)}
        # A narrow period holds the same number of decisions at every size (a page and more), so
        # that the answer is the same size and only the history's length differs.
        narrow = {share: recorded(share, NARROW) for share in (0.5, 0.9)}
        steady = _officials_with(system, STEADY, 40)
    finally:
        system.close()

    def ledger(*filters: dict[str, Any]) -> list[dict[str, Any]]:
        return [{"filter": f} for f in filters]

    return [
        # the floor of any request in the same run: when it grows, the machine's load did
        Case(FLOOR, "{ __typename }", [{}]),
        Case("organisationTree(first: 50)", TREE, [{}]),
        Case(
            "official(nip) + appraiser, unitHead, agencyHead", OFFICIAL, [{"nip": n} for n in staff + heads]
        ),
        Case("decisionLedger by agency", LEDGER, ledger(*({"agencyCode": a} for a in agencies))),
        Case(
            "decisionLedger by kind",
            LEDGER,
            ledger(
                *(
                    {"kind": k}
                    for k in ("placement", "head appointed", "delegation revoked", "document signed")
                )
            ),
        ),
        Case("decisionLedger by actor", LEDGER, ledger(*({"actorNip": n} for n in [ADMIN_NIP, *heads[:10]]))),
        Case(
            "decisionLedger by period (wide: 10%-50%, 50%-end)",
            LEDGER,
            ledger({"from": times[0.1], "to": times[0.5]}, {"from": times[0.5]}),
        ),
        Case(
            f"decisionLedger by period (narrow: {NARROW} decisions, mid and late)",
            LEDGER,
            ledger({"from": times[0.5], "to": narrow[0.5]}, {"from": times[0.9], "to": narrow[0.9]}),
        ),
        Case(
            "decisionLedger by article (Pasal 6, Lampiran B.1, Pasal 99)",
            LEDGER,
            ledger({"article": "Pasal 6"}, {"article": "Lampiran B.1"}, {"article": "Pasal 99"}),
        ),
        *(  # a history too short to hold such officials asks no history(nip)
            [Case(f"history(nip), officials of {STEADY} events", HISTORY, [{"nip": n} for n in steady])]
            if steady
            else []
        ),
        Case("officialActivity(nip, first: 50)", ACTIVITY, [{"nip": n} for n in [ADMIN_NIP, *heads, *staff]]),
    ]


def _officials_with(system: Any, events: int, count: int) -> list[str]:
    """The first `count` officials by NIP whose history holds exactly `events` events: history(nip)
    answers with all of them, so the answer is the same size at every size of the history (busy
    officials' answers grow with it: 3.2 placements each on average at 100k events, 7.3 at 1M)."""
    found = []
    for row in system.store.query("SELECT nip FROM officials ORDER BY nip"):
        version = system.store.query(
            "SELECT MAX(originator_version) AS v FROM sistemkerja_events WHERE originator_id = :id",
            {"id": official_id(row["nip"])},
        )[0]["v"]
        if version == events:
            found.append(row["nip"])
            if len(found) == count:
                break
    return found


def readme_cases(target: Target, values: dict[str, Any] | None) -> tuple[list[Case], list[str], dict]:
    """Run the README's examples once, in order; each query among them becomes a case, its
    placeholders filled from the answers before it. With `values` (a reused history where they
    ran already) only the queries are run, with those values, against the state the last example
    left (an inbox may be empty by then: still timed). Examples that fail are reported, not
    timed. Returns the cases, the failures and the values."""
    rerun = values is not None
    values = dict(values or {})
    cases, failures = [], []
    for example in readme_examples(README.read_text()):
        if rerun and not example.is_query:
            continue
        reason = run_example(target, example, values)
        if rerun and reason and reason.startswith("no data in"):
            reason = None  # the state after all the examples: asked the same way, timed all the same
        if reason:
            failures.append(f"README line {example.line}: {reason[:300]}")
        elif example.is_query:
            cases.append(_readme_case(target, example, values))
    return cases, failures, values


def _readme_case(target: Target, example: Example, values: dict[str, Any]) -> Case:
    text = example.text
    for name, value in values.items():
        text = text.replace(name, str(value))
    nip, admin, roles = example.token or (ADMIN_NIP, True, ())
    token = mint_token(SECRET, nip=nip, tenant=target.settings.profile, admin=admin, roles=roles, hours=2)
    first_line = " ".join(example.text.split())
    return Case(f"README l.{example.line}: {first_line[:60]}", text, [{}], token)


@dataclass
class Size:
    """One history under test: its server, client and cases."""

    events: int
    http: httpx.Client
    cases: dict[str, Case]
    failures: list[str]


def serve(stack: ExitStack, events: int, settings: Settings, say=print) -> Size:
    """Start a server on the history, run the README's examples against it, list its cases."""
    url, schema = settings.database_url, settings.db_schema
    served, transport = local(url)
    env = {
        "SISTEMKERJA_DATABASE_URL": served,
        "SISTEMKERJA_SCHEMA": schema,
        "SISTEMKERJA_JWT_SECRET": SECRET,
        "SISTEMKERJA_MODE": "production",
    }
    settings = Settings(database_url=url, SISTEMKERJA_SCHEMA=schema, jwt_secret=SECRET)
    admin = mint_token(SECRET, nip=ADMIN_NIP, tenant=settings.profile, admin=True, hours=2)
    log = stack.enter_context(
        tempfile.NamedTemporaryFile("w", prefix="sistemkerja-bench-queries-", suffix=".log", delete=False)
    )
    say(f"server on {events:,} events, to PostgreSQL over {transport} (log: {log.name})", flush=True)
    base, _pid = stack.enter_context(running_server(env, log=log))
    target = Target(base, settings)
    known = histories.readme_values(url, schema)
    cases, failures, values = readme_cases(target, known)
    if known is None:
        histories.keep_readme_values(url, schema, values)
    http = stack.enter_context(client(base, admin))
    return Size(events, http, {c.label: c for c in history_cases(settings) + cases}, failures)


def measure(sizes: list[Size], say=print) -> dict[int, dict[str, Any]]:
    """Every case on every size, in alternating chunks, so that the machine's load at any moment
    weighs on each size alike and the growth between sizes is the history's, not the load's."""
    timings: dict[int, dict[str, list[float]]] = {size.events: {} for size in sizes}
    labels = list(dict.fromkeys(label for size in sizes for label in size.cases))
    for label in labels:
        present = [size for size in sizes if label in size.cases]
        samples = {size.events: timings[size.events].setdefault(label, []) for size in present}
        started = time.perf_counter()
        while any(len(samples[size.events]) < SAMPLES for size in present):
            for size in present:
                case, done = size.cases[label], samples[size.events]
                if len(done) < SAMPLES:
                    done += _chunk(size.http, case, len(done))
            if min(len(s) for s in samples.values()) >= MINIMUM and time.perf_counter() - started > BUDGET:
                break
        say(".", end="", flush=True)
    say("")
    return {size.events: {"timings": timings[size.events], "failures": size.failures} for size in sizes}


def _chunk(http: httpx.Client, case: Case, offset: int) -> list[float]:
    """The next (up to) 50 latencies of the case; the first chunk after 20 unmeasured requests."""
    tokens = [case.token] if case.token else None
    return latencies_ms(
        http,
        case.query,
        lambda i: case.variables[(offset + i) % len(case.variables)],
        min(50, SAMPLES - offset),
        warmup=0 if offset else 20,
        tokens=tokens,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--source", default="bench_rebuild", help="schema holding the generated history")
    parser.add_argument("--prefix", default="bench_queries", help="schemas <prefix>_<size> are made")
    parser.add_argument("--fresh", action="store_true", help="prepare the histories again")
    args = parser.parse_args()
    print(
        f"\n== Queries over HTTP (production mode, PostgreSQL), {SAMPLES} requests each (at least"
        f" {MINIMUM} when one takes over {BUDGET:.0f} s)\n{report.machine()}"
    )
    available = histories.stored_events(URL, args.source)
    with ExitStack() as stack:
        sizes = []
        for events in sorted(args.sizes):
            schema = f"{args.prefix}_{events}"
            if events > available:
                print(
                    f"MISSED: {args.source} holds {available:,} events, fewer than {events:,} "
                    " (run bench.rebuild)"
                )
                continue
            if args.fresh or not histories.prepared(URL, schema):
                print(
                    f"preparing {schema}: the first {events:,} events of {args.source} and the demo ...",
                    flush=True,
                )
                histories.prepare(URL, args.source, schema, events)
                histories.finish(URL, schema)
            sizes.append(serve(stack, events, Settings(database_url=URL, SISTEMKERJA_SCHEMA=schema)))
        print("measuring, the sizes in turn ", end="", flush=True)
        results = measure(sizes)
    report.print_queries(results)


if __name__ == "__main__":
    main()
