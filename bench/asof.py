"""As-of benchmark (ADR 0011): p50/p99 of the point-in-time queries at 1M events, on both axes.

    .venv/bin/python -m bench.asof [--database-url postgresql://…] [--queries 300]

The history is the 1M-event one `python -m bench.rebuild` generates (schema `bench_rebuild`, only
read): its events and hash chain are copied into schema `asof_1m`, 10,000 assignments are added
(requested, approved, lettered, accepted; a third ended after their period, TMT the period's end),
and every read model is rebuilt there (timed, with the history views' row counts). Kept and reused
while it holds as many events as the source. Then the server (production mode) is asked, over
HTTP, each query by recorded instant, by effective day and by both, at random points.
"""

import argparse
import os
import random
import time
from datetime import UTC, date, datetime, timedelta

import psycopg

from api.auth import mint_token
from bench.rebuild import ADMIN, _decision, _fresh_view_tables
from bench.report import machine
from bench.server import running_server
from bench.transport import local
from bench.workload import client, latencies_ms, percentile
from domain.assignment import Assignment
from infra.bootstrap import System, build
from infra.settings import Settings

DEFAULT_URL = os.environ.get("SISTEMKERJA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SOURCE, SCHEMA = "bench_rebuild", "asof_1m"
ASSIGNMENTS = 10_000
SECRET = "bench-asof-secret-of-at-least-32-bytes"
TREE_TARGET_MS, ONE_TARGET_MS = 100.0, 10.0
TCP_TREE = "over TCP loopback instead, for comparison: the whole government"
QUERIES = int(os.environ.get("BENCH_QUERIES", "300"))

TREE = (
    "query($a: DateTime, $e: Date) {"
    " organisationAsOf(recordedAt: $a, effectiveOn: $e) { code head { nip } } }"
)
OFFICIAL = (
    "query($n: String!, $a: DateTime, $e: Date) { officialAsOf(nip: $n, recordedAt: $a, effectiveOn: $e) {"
    " unitCode headOf appraiser { nip } delegationsGranted { delegateNip } } }"
)
ASSIGNMENT = (
    "query($id: ID!, $a: DateTime, $e: Date) { assignmentAsOf(id: $id, recordedAt: $a, effectiveOn: $e) {"
    " status stepsTaken officials { nip } } }"
)


def _count(system: System, table: str) -> int:
    return system.store.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def _copy_history(system: System) -> None:
    """The source's events and chain, ids kept; this schema's own sequence moved past them."""
    with system.store.transaction() as cursor:
        for table in ("sistemkerja_events", "event_chain", "chain_checkpoint"):
            cursor.execute(f"TRUNCATE {SCHEMA}.{table}")
            cursor.execute(f"INSERT INTO {SCHEMA}.{table} SELECT * FROM {SOURCE}.{table}")
        cursor.execute(
            f"SELECT setval('{SCHEMA}.sistemkerja_events_notification_id_seq',"
            f" (SELECT MAX(notification_id) FROM {SCHEMA}.sistemkerja_events))"
        )


def _add_assignments(system: System, count: int, source: str = SOURCE) -> None:
    rng = random.Random(20250101)
    staff = [
        r["nip"]
        for r in system.store.query(
            f"SELECT nip FROM {source}.officials WHERE unit_code IS NOT NULL ORDER BY nip"
        )
    ]
    units = [r["code"] for r in system.store.query(f"SELECT code FROM {source}.units ORDER BY code")]
    steps = [
        {"role": r, "action": a, "citation": "Pasal 9"}
        for r, a in (
            ("OWNING_UNIT_HEAD", "REQUEST"),
            ("OFFICIAL_UNIT_HEAD", "APPROVE"),
            ("OWNING_AGENCY_HEAD", "ISSUE_LETTER"),
            ("OFFICIAL", "ACCEPT"),
        )
    ]
    pending = []
    for i in range(count):
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
        officials = [{"nip": nip, "name": f"Pegawai {nip[-4:]}"} for nip in rng.sample(staff, 2)]
        unit = rng.choice(units)
        a = Assignment(
            mode="APPOINTMENT",
            scope="WITHIN_UNIT",
            route_citation="Pasal 9",
            steps=steps,
            letter={"issued_at_step": 3, "copies": [], "citation": "Pasal 9"},
            owning_unit=unit,
            official_unit=unit,
            counterpart=None,
            officials=officials,
            criteria=None,
            team=False,
            work="Pekerjaan",
            request_letter=None,
            period_start=start.isoformat(),
            period_end=(start + timedelta(days=90)).isoformat(),
            requester_nip=ADMIN,
            decision=_decision("Pasal 9"),
        )
        a.approve(step=2, role="OFFICIAL_UNIT_HEAD", action="APPROVE", decision=_decision("Pasal 9"))
        a.issue_letter(
            step=3,
            role="OWNING_AGENCY_HEAD",
            action="ISSUE_LETTER",
            number=f"800/{i}",
            issued_on=start.isoformat(),
            copies=[],
            decision=_decision("Pasal 9"),
        )
        for official in officials:
            a.accept(step=4, nip=official["nip"], decision=_decision("Pasal 9"))
        if i % 3 == 0:
            a.end(on=date.today().isoformat(), decision=_decision("Pasal 9", start + timedelta(days=90)))
        pending += a.collect_events()
        if len(pending) >= 5000 or i == count - 1:
            system.app.recorder.insert_events([system.app.mapper.to_stored_event(e) for e in pending])
            pending = []


def _ready(url: str) -> bool:
    """The copy is complete and rebuilt; else it is dropped (building the system on a partial copy
    would project it event by event at start-up)."""
    with psycopg.connect(url, autocommit=True) as conn:
        source = conn.execute(f"SELECT MAX(notification_id) FROM {SOURCE}.sistemkerja_events").fetchone()[0]
        try:
            done = conn.execute(f"SELECT position FROM {SCHEMA}.projection_position").fetchone()
        except psycopg.Error:
            done = None
        if done is not None and done[0] >= (source or 0) + ASSIGNMENTS:
            return True
        conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        return False


def prepare(url: str) -> dict:
    """The copy, the assignments and a timed rebuild, unless already there."""
    figures: dict = {}
    ready = _ready(url)
    system = build(Settings(database_url=url, SISTEMKERJA_SCHEMA=SCHEMA))
    try:
        system.app.after_save.clear()
        if not ready:
            print(
                f"copying {SOURCE} into {SCHEMA}, adding {ASSIGNMENTS:,} assignments, rebuilding ...",
                flush=True,
            )
            started = time.perf_counter()
            _copy_history(system)
            _add_assignments(system, ASSIGNMENTS)
            figures["copied_s"] = time.perf_counter() - started
            _fresh_view_tables(system)
            started = time.perf_counter()
            system.projector.rebuild()
            figures["rebuild_s"] = time.perf_counter() - started
        figures["events"] = system.app.recorder.max_notification_id()
        for table in ("unit_history", "official_history", "delegation_history", "assignment_history"):
            figures[table] = _count(system, table)
        span = system.store.query(
            "SELECT MIN(recorded_from) AS lo, MAX(recorded_from) AS hi FROM official_history"
        )[0]
        figures["span"] = (datetime.fromisoformat(span["lo"]), datetime.fromisoformat(span["hi"]))
        figures["nips"] = [r["nip"] for r in system.store.query("SELECT nip FROM officials ORDER BY nip")]
        figures["assignments"] = [
            r["id"] for r in system.store.query("SELECT DISTINCT id FROM assignment_history")
        ]
        return figures
    finally:
        system.close()


def measure(url: str, queries: int, figures: dict) -> dict[str, list[float]]:
    """Over the local Unix socket where there is one (bench.transport), and then the tree once
    more over the URL's own TCP, for comparison."""
    served, transport = local(url)
    figures["transport"] = transport
    samples = _measure(served, queries, figures)
    if served != url:
        samples |= _measure(url, queries, figures, only_tree=True)
    return samples


def _measure(url: str, queries: int, figures: dict, only_tree: bool = False) -> dict[str, list[float]]:
    rng = random.Random(7)
    lo, hi = figures["span"]

    def instant() -> str:
        return (lo + (hi - lo) * rng.random()).isoformat()

    def day() -> str:
        return (date(2020, 1, 2) + timedelta(days=rng.randrange(2500))).isoformat()

    axes = {
        "recordedAt": lambda: {"a": instant()},
        "effectiveOn": lambda: {"e": day()},
        "both": lambda: {"a": instant(), "e": day()},
    }
    env = {
        "SISTEMKERJA_DATABASE_URL": url,
        "SISTEMKERJA_SCHEMA": SCHEMA,
        "SISTEMKERJA_JWT_SECRET": SECRET,
        "SISTEMKERJA_MODE": "production",
        "SISTEMKERJA_FOLLOW_EVENTS": "false",
    }
    token = mint_token(SECRET, nip=ADMIN, tenant="kab-serang-2024", admin=True, hours=1)
    samples: dict[str, list[float]] = {}
    with running_server(env) as (base, _pid), client(base, token) as http:
        if only_tree:
            samples[f"{TCP_TREE} (recordedAt)"] = latencies_ms(
                http, TREE, lambda i: axes["recordedAt"](), max(queries // 3, 30)
            )
            return samples
        for axis, point in axes.items():
            samples[f"organisationAsOf, whole government ({axis})"] = latencies_ms(
                http, TREE, lambda i: point(), max(queries // 3, 30)
            )
            samples[f"officialAsOf ({axis})"] = latencies_ms(
                http, OFFICIAL, lambda i: {"n": rng.choice(figures["nips"]), **point()}, queries
            )
            samples[f"assignmentAsOf ({axis})"] = latencies_ms(
                http, ASSIGNMENT, lambda i: {"id": rng.choice(figures["assignments"]), **point()}, queries
            )
        samples["floor: { __typename }"] = latencies_ms(http, "{ __typename }", lambda i: {}, queries)
    return samples


def report(figures: dict, samples: dict[str, list[float]]) -> bool:
    print(f"\n### As of, on both axes, at {figures['events']:,} events (PostgreSQL, schema {SCHEMA})\n")
    if "rebuild_s" in figures:
        rate = figures["events"] / figures["rebuild_s"]
        print(f"Rebuild of every read model: {figures['rebuild_s']:.1f} s ({rate:,.0f} events/s).")
    rows = ", ".join(
        f"{t} {figures[t]:,}"
        for t in ("unit_history", "official_history", "delegation_history", "assignment_history")
    )
    print(f"History rows: {rows}.")
    print(f"The server reaches PostgreSQL over {figures['transport']} (bench/transport.py).\n")
    print("| query | p50 | p99 | target p99 |\n|---|---|---|---|")
    held = True
    for name, values in samples.items():
        target = (
            TREE_TARGET_MS
            if name.startswith("organisation")
            else None
            if name.startswith(("floor", TCP_TREE))
            else ONE_TARGET_MS
        )
        p99 = percentile(values, 99)
        ok = target is None or p99 < target
        held = held and ok
        mark = "" if target is None else f"< {target:.0f} ms {'✓' if ok else '✗'}"
        print(f"| {name} | {percentile(values, 50):.1f} ms | {p99:.1f} ms | {mark} |")
    print(f"\nMachine: {machine()}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    return held


def run(url: str = DEFAULT_URL, queries: int = QUERIES) -> bool:
    """Measure and print; True when the targets held (or when there is no 1M history to read yet:
    `python -m bench.rebuild` makes it, `make bench` runs that after `python -m bench`)."""
    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT to_regclass(%s)", (f"{SOURCE}.sistemkerja_events",)).fetchone()[0] is None:
            print(f"\n(as-of benchmark skipped: no {SOURCE} history yet; run python -m bench.rebuild)")
            return True
    figures = prepare(url)
    return report(figures, measure(url, queries, figures))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--queries", type=int, default=QUERIES)
    args = parser.parse_args()
    return 0 if run(args.database_url, args.queries) else 1


if __name__ == "__main__":
    raise SystemExit(main())
