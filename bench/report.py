"""Print the figures as a Markdown table (ready for the README) and the targets' verdict."""

import os
import platform
from datetime import UTC, datetime
from math import log

from bench.workload import percentile

MUTATION_SHARE = 0.60  # of the plain library's raw rate (issue 2, item 9)
COMMAND_RATIO = 0.7  # (floor + raw save) / placement (issue 14, target 4; bench/command.py)
QUERY_P99_MS = 25.0


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
        with open("/proc/meminfo") as info:
            memory = int(next(line.split()[1] for line in info if line.startswith("MemTotal"))) / 1024 / 1024
    except (OSError, StopIteration):
        memory = 0
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory:.1f} GiB RAM, Python {platform.python_version()}; "
        f"load average now {load}"
    )


def best_e2e(figures: dict) -> float:
    return max(figures[key][0] for key in figures if key.startswith("e2e_"))


def command_ratio(figures: dict) -> tuple[float, float, float, float]:
    """Issue 14, target 4: (floor p50 + one raw save, plain module) / one placement, 1 client;
    returned with its three parts in ms."""
    floor, raw, e2e = (
        percentile(figures["floor_ms"], 50),
        1000 / figures["raw_plain"][0],
        1000 / figures["e2e_1"][0],
    )
    return floor, raw, e2e, (floor + raw) / e2e


def command_ceiling(figures: dict) -> str:
    """bench.command's turns: the ratio's ceiling, and what the command itself costs against what
    the target leaves it (its save included: the hollow placement saves nothing)."""
    floor, hollow, placement = (percentile(figures["turns"][k], 50) for k in ("floor", "hollow", "placement"))
    raw = 1000 / figures["raw_plain"][0]
    budget = (floor + raw) / COMMAND_RATIO - hollow
    return (
        f"in turns, p50: floor {floor:.2f} ms, hollow placement {hollow:.2f} ms, placement {placement:.2f} ms"
        f" (ratio {(floor + raw) / placement:.2f}); ceiling (floor + raw save) / (hollow + raw save)"
        f" = {(floor + raw) / (hollow + raw):.2f}; the command's own cost, placement - hollow,"
        f" {placement - hollow:.2f} ms against the {budget:.2f} ms a ratio of {COMMAND_RATIO} leaves it"
    )


def print_store(figures: dict) -> None:
    raw_plain, raw_chained = figures["raw_plain"][0], figures["raw_chained"][0]
    print(f"\n### {figures['store']} (demo: {figures['demo']})\n")
    print("| measure | value |\n|---|---|")
    for key in sorted(k for k in figures if k.startswith("e2e_")):
        rate, count = figures[key]
        print(
            f"| placements/s end to end, {key[4:]} client(s) | {rate:.0f} ({count} placements, "
            f"{rate / raw_plain:.0%} of plain raw; server CPU {figures['cpu_ms_' + key[4:]]:.1f} ms each) |"
        )
    floor, raw, e2e, ratio = command_ratio(figures)
    print(
        f"| (floor p50 + raw save) / placement, 1 client (issue 14 target 4: >= {COMMAND_RATIO}) | "
        f"({floor:.2f} + {raw:.2f} ms) / {e2e:.2f} ms = {ratio:.2f} |"
    )
    print(f"| the same, {command_ceiling(figures)} |")
    print(f"| raw eventsourcing, plain module, 1 event/transaction | {raw_plain:.0f} events/s |")
    print(f"| raw eventsourcing, hash-chained recorders | {raw_chained:.0f} events/s |")
    for key, label in (
        ("floor_ms", "floor: `{ __typename }`"),
        ("tree_ms", "organisationTree(first: 50)"),
        ("official_ms", "official(nip:) + appraiser, unitHead, agencyHead"),
    ):
        samples = figures[key]
        print(f"| {label} p50 / p99 | {percentile(samples, 50):.1f} ms / {percentile(samples, 99):.1f} ms |")


def print_verdict(results: list[dict]) -> bool:
    print(f"\nMachine: {machine()}\n")
    held = True
    for figures in results:
        ratio = best_e2e(figures) / figures["raw_plain"][0]
        p99 = max(percentile(figures[key], 99) for key in ("tree_ms", "official_ms"))
        mutation_ok, query_ok = ratio >= MUTATION_SHARE, p99 < QUERY_P99_MS
        held = held and mutation_ok and query_ok
        print(
            f"{figures['store']}: e2e/raw(plain) = {ratio:.0%} (best of the client counts; target >= "
            f"{MUTATION_SHARE:.0%}: {'HELD' if mutation_ok else 'MISSED'}); worst query p99 = {p99:.1f} ms "
            f"(target < {QUERY_P99_MS:.0f} ms: {'HELD' if query_ok else 'MISSED'})"
        )
    return held


def print_tenants(single: dict, many: dict) -> None:
    """The multi-tenant run beside the single-tenant PostgreSQL figures of the same run."""
    n = many["tenants"]
    print(f"\n### PostgreSQL: one tenant vs {n} tenants in one process (demo government in each)\n")
    print(f"| measure | 1 tenant | {n} tenants |\n|---|---|---|")
    for key in sorted(k for k in many if k.startswith("e2e_")):
        print(
            f"| placements/s, {key[4:]} client(s), across tenants"
            f" | {single[key][0]:.0f} | {many[key][0]:.0f} |"
        )
    for key, label in (
        ("tree_ms", "organisationTree(first: 50)"),
        ("official_ms", "official(nip:) + superiors"),
    ):
        print(
            f"| {label} p50 / p99 | {percentile(single[key], 50):.1f} / {percentile(single[key], 99):.1f} ms"
            f" | {percentile(many[key], 50):.1f} / {percentile(many[key], 99):.1f} ms |"
        )
    print(
        f"| server connections to PostgreSQL (peak) | {single['connections']} | {many['connections']}"
        f" (pool {many['pool_size']} + follower) |"
    )
    print(
        f"| server memory (RSS) | {single['rss_end_mb']:.0f} MB | {many['rss_end_mb']:.0f} MB;"
        f" {many['mb_per_tenant']:.1f} MB per tenant built"
        f" ({many['rss_before_mb']:.0f} -> {many['rss_built_mb']:.0f} MB) |"
    )
    print(f"\n({n} tenants registered and loaded in {many['load_s']:.0f} s.)")


QUERY_TARGET_MS = 50.0  # issue 14 target 1: p99 at 1M events
NOISE_MS = 2.0  # p99s closer than this are within the run-to-run jitter of one request
FLOOR = "floor: { __typename }"  # bench.queries' first case


def print_queries(results: dict[int, dict]) -> None:
    """Per query: p50 / p99 / max at each history size; target 1 (p99 < 50 ms at the largest
    size, when it is at least 1M events) and target 5 (p99 growing no faster than log(size))."""
    if not results:
        print("\nMISSED: no history to measure the queries on")
        return
    sizes = sorted(results)
    when = f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    print(f"\n### Queries at {', '.join(f'{s:,}' for s in sizes)} events ({when})\n")
    print(f"Machine: {machine()}\n")
    print("| query | " + " | ".join(f"p50 / p99 / max at {_size(s)}" for s in sizes) + " | growth of p99 |")
    print("|---|" + "---|" * len(sizes) + "---|")
    largest, missed, faster = sizes[-1], [], []
    labels = list(dict.fromkeys(label for s in sizes for label in results[s]["timings"]))
    for label in labels:
        cells, p99s = [], {}
        for size in sizes:
            samples = results[size]["timings"].get(label)
            if not samples:
                cells.append("—")
                continue
            p99s[size] = percentile(samples, 99)
            cells.append(f"{percentile(samples, 50):.1f} / {p99s[size]:.1f} / {max(samples):.1f} ms")
        growth = "—"
        if sizes[0] in p99s and largest in p99s and largest > sizes[0]:
            ratio, allowed = p99s[largest] / p99s[sizes[0]], log(largest) / log(sizes[0])
            grows = ratio > allowed and p99s[largest] - p99s[sizes[0]] > NOISE_MS
            growth = f"×{ratio:.2f} (log: ×{allowed:.2f}){' FASTER THAN LOG' if grows else ''}"
            if grows and label != FLOOR:
                faster.append(label)
        if largest in p99s and p99s[largest] >= QUERY_TARGET_MS and label != FLOOR:
            missed.append(label)
        print(f"| {label} | " + " | ".join(cells) + f" | {growth} |")
    for size in sizes:
        for failure in results[size]["failures"]:
            print(f"\nnot timed at {_size(size)}: {failure}")
    if largest < 1_000_000:
        print(f"\ntarget 1 (p99 < {QUERY_TARGET_MS:.0f} ms at 1M events): MISSED (not measured at 1M)")
    else:
        verdict = "HELD" if not missed else f"MISSED by {', '.join(missed)}"
        print(f"\ntarget 1 (every query p99 < {QUERY_TARGET_MS:.0f} ms at {_size(largest)}): {verdict}")
    verdict = "HELD" if not faster else f"MISSED by {', '.join(faster)}"
    print(
        f"target 5 (no p99 grows faster than log(size) from {_size(sizes[0])} to {_size(largest)},"
        f" beyond {NOISE_MS:.0f} ms of jitter): {verdict}"
    )
    floors = [percentile(results[s]["timings"][FLOOR], 99) for s in sizes if FLOOR in results[s]["timings"]]
    if len(floors) == len(sizes) > 1 and abs(floors[-1] - floors[0]) > NOISE_MS:
        print(
            f"(the floor's own p99 is {floors[0]:.1f} ms at one size and {floors[-1]:.1f} ms at the other:"
            " differences of that order are the machine's jitter, not the history's;"
            " measure on a quiet machine)"
        )


def _size(events: int) -> str:
    return f"{events // 1_000_000}M" if events % 1_000_000 == 0 else f"{events // 1000}k"
