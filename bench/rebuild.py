"""Rebuild benchmark: how fast `sistemkerja projections rebuild` replays a large history.

    .venv/bin/python -m bench.rebuild [--events 1000000] [--database-url postgresql://…]

Generates a regency's history (units, heads rotating, officials registered, placed and moved,
delegations granted and revoked) straight through the application recorder in large batches
(the hash chain included), then times the rebuild of every read model and prints events/s.
The history is kept in its schema and reused when it is already large enough.
"""

import argparse
import os
import platform
import random
import resource
import time
from datetime import date, timedelta

from domain.decision import Capacity, Decision
from domain.official import Official
from domain.organisation import OrganisationUnit
from infra.bootstrap import System, build
from infra.settings import Settings

DEFAULT_URL = os.environ.get("SISTEMKERJA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
ADMIN = "196805121990031003"
TARGET_RATE = 30_000  # events/s (issue 14, target 3)


def _decision(basis: str, effective: date | None = None, reason: str | None = None) -> dict:
    return Decision(
        ADMIN,
        Capacity(kind="ADMIN"),
        f"kab-serang-2024 {basis}",
        reason,
        effective.isoformat() if effective else None,
    ).as_event_fields()


class History:
    """Realistic aggregates made in memory; their events are written in batches."""

    def __init__(self, system: System, batch: int = 5000):
        self.system, self.batch, self.pending, self.written = system, batch, [], 0
        self.rng = random.Random(20240101)
        self.serial = 0

    def save(self, *aggregates) -> None:
        for aggregate in aggregates:
            self.pending += aggregate.collect_events()
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        mapper = self.system.app.mapper
        self.system.app.recorder.insert_events([mapper.to_stored_event(e) for e in self.pending])
        self.written += len(self.pending)
        self.pending = []

    def official(self, position: str, rank: str, grade: str | None = None) -> Official:
        self.serial += 1
        nip = str(197001012000031000 + self.serial)  # unique, 18 digits
        official = Official(
            nip=nip,
            employee_type="PNS",
            name=f"Pegawai {self.serial}",
            position_type=position,
            position_title=position.title(),
            grade=grade,
            rank=rank,
            education="S1",
            decision=_decision("Pasal 1 angka 12"),
        )
        self.save(official)
        return official

    def generate(self, events: int) -> None:
        heads: dict[str, Official] = {}
        units: list[OrganisationUnit] = []
        for a in range(40):
            agency = OrganisationUnit(
                code=f"PD{a:02d}",
                name=f"Dinas {a}",
                kind="DINAS",
                level=1,
                head_position="JPT_PRATAMA",
                parent_code=None,
                ancestors=[],
                decision=_decision("Pasal 6"),
            )
            self.save(agency)
            units.append(agency)
            for u in range(5):
                unit = OrganisationUnit(
                    code=f"{agency.code}.B{u}",
                    name=f"Bidang {u}",
                    kind="BIDANG",
                    level=2,
                    head_position="ADMINISTRATOR",
                    parent_code=agency.code,
                    ancestors=[agency.code],
                    decision=_decision("Pasal 6"),
                )
                subunits = [
                    OrganisationUnit(
                        code=f"{unit.code}.S{s}",
                        name=f"Seksi {s}",
                        kind="SEKSI",
                        level=3,
                        head_position="PENGAWAS",
                        parent_code=unit.code,
                        ancestors=[agency.code, unit.code],
                        decision=_decision("Pasal 6"),
                    )
                    for s in range(4)
                ]
                self.save(unit, *subunits)
                units += [unit, *subunits]
        staff: list[Official] = []
        day = date(2020, 1, 2)
        while self.written + len(self.pending) < events:
            day += timedelta(days=1)
            unit = self.rng.choice(units)
            self._appoint(unit, heads, day)
            for _ in range(20):
                if len(staff) < 100_000 and self.rng.random() < 0.3:
                    staff.append(self.official("FUNGSIONAL", "III/a", "AHLI_PERTAMA"))
                if staff:
                    self._place(self.rng.choice(staff), units, heads, day)
            if unit.code in heads and staff and self.rng.random() < 0.5:
                self._delegate(heads[unit.code], self.rng.choice(staff), day)
        self.flush()

    def _appoint(self, unit: OrganisationUnit, heads: dict, day: date) -> None:
        position, rank = {1: ("JPT_PRATAMA", "IV/c"), 2: ("ADMINISTRATOR", "IV/a")}.get(
            unit.level, ("PENGAWAS", "III/d")
        )
        head, previous = self.official(position, rank), heads.get(unit.code)
        decision = _decision("Pasal 6 ayat (1)", day)
        if previous:
            previous.end_headship(unit_code=unit.code, decision=decision)
        unit.appoint_head(nip=head.nip, previous_nip=previous.nip if previous else None, decision=decision)
        head.assume_headship(unit_code=unit.code, decision=decision)
        heads[unit.code] = head
        self.save(unit, head, *([previous] if previous else []))

    def _place(self, official: Official, units: list, heads: dict, day: date) -> None:
        unit = self.rng.choice(units)
        if unit.code in heads:
            official.place(
                unit_code=unit.code,
                appraiser_nip=heads[unit.code].nip,
                previous=official.placement,
                decision=_decision("Pasal 7 ayat (2); Lampiran B.1", day),
            )
            self.save(official)

    def _delegate(self, grantor: Official, delegate: Official, day: date) -> None:
        delegation_id = f"d{self.written + len(self.pending)}"
        grantor.grant_delegation(
            delegation_id=delegation_id,
            delegate_nip=delegate.nip,
            authority="APPRAISER",
            valid_from=day.isoformat(),
            valid_until=(day + timedelta(days=30)).isoformat(),
            decision=_decision("Pasal 6 ayat (2)"),
        )
        if self.rng.random() < 0.3:
            grantor.revoke_delegation(
                delegation_id=delegation_id, decision=_decision("Pasal 6 ayat (2)", reason="Kembali")
            )
        self.save(grantor)


def _fresh_view_tables(system: System) -> None:
    """The kept history may predate a view's current columns: recreate the view tables."""
    with system.store.transaction() as cursor:
        for view in system.projector.views:
            for table in view.tables:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
    system.projector.create_tables()


def raw_read_rate(system: System, batch: int = 2000, decode: bool = False) -> float:
    """Events a second the recorder reads back, in the rebuild's batches, without decoding them:
    the ceiling a replay is measured against. With `decode`, each is also made a domain event, as
    a replay must before any view sees it: the rate of a replay whose views cost nothing."""
    started, position = time.perf_counter(), 0
    to_domain_event = system.app.mapper.to_domain_event
    while notifications := system.app.recorder.select_notifications(
        start=position, limit=batch, inclusive_of_start=False
    ):
        if decode:
            for notification in notifications:
                to_domain_event(notification)
        position = notifications[-1].id
    return position / (time.perf_counter() - started)


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds used so far by this process (all its threads) and by the PostgreSQL processes
    on this machine (Linux /proc; 0 for a server elsewhere). Each process's own time and its
    reaped children's: a server process that ends in between (a parallel index build's worker)
    moves into the postmaster's children's time, so the difference of two calls still counts it;
    one not yet reaped is missed, so the difference is at least what the server used."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    server = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as comm:
                if not comm.read().startswith("postgres"):
                    continue
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:  # it ended meanwhile
            continue
        server += sum(int(field) for field in fields[11:15])  # utime, stime, and its children's
    return own.ru_utime + own.ru_stime, server / os.sysconf("SC_CLK_TCK")


def reset_peak_memory() -> None:
    """Linux: forget this process's peak resident size so far (the history's generation)."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def peak_memory() -> str:
    """This process's peak resident size since `reset_peak_memory`, and its largest helper's."""
    own = next((int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")), 0)
    helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return f"{own / 1024:,.0f} MiB in this process, {helper / 1024:,.0f} MiB in its largest helper"


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        "?",
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in open("/proc/meminfo")
            if line.startswith("MemTotal")
        ),
        0,
    )
    return f"{os.cpu_count()} CPUs ({cpu}), {memory} GiB RAM, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--schema", default="bench_rebuild")
    args = parser.parse_args()
    # its view tables are recreated below: an older release's are no obstacle
    system = build(Settings(database_url=args.database_url, SISTEMKERJA_SCHEMA=args.schema), outdated_ok=True)
    try:
        system.app.after_save.clear()
        stored = system.app.recorder.max_notification_id() or 0
        if stored < args.events:
            if stored:
                raise SystemExit(
                    f"schema {args.schema} holds {stored} events, fewer than asked: drop it first"
                )
            started = time.perf_counter()
            History(system).generate(args.events)
            print(
                f"generated {system.app.recorder.max_notification_id()} events in"
                f" {time.perf_counter() - started:.0f} s"
            )
        total = system.app.recorder.max_notification_id()
        raw = raw_read_rate(system)
        print(f"raw read of the stored notifications (no decoding): {raw:,.0f} events/s")
        decoded = raw_read_rate(system, decode=True)
        print(f"read and decoded, one process (a replay whose views cost nothing): {decoded:,.0f} events/s")
        _fresh_view_tables(system)
        reset_peak_memory()
        started = time.perf_counter()
        replayed = [started]
        cpu_at_replayed: list[tuple[float, float] | None] = [None]  # (own, server) when the replay ended

        def progress(position: int) -> None:  # the last call marks the replay's end
            replayed[0] = time.perf_counter()
            if position >= total:
                cpu_at_replayed[0] = cpu_seconds()

        system.projector.rebuild(progress=progress)
        finished = time.perf_counter()
        cpu_after = cpu_seconds()
        elapsed, swap = finished - started, finished - replayed[0]
        rate = total / elapsed
        print(
            f"rebuilt {total} events in {elapsed:.1f} s: {rate:,.0f} events/s, {rate / raw:.0%} of the raw"
            f" read rate (replay {replayed[0] - started:.1f} s, swap into the store {swap:.1f} s)"
        )
        print(f"the swap alone bounds the rate at {total / swap:,.0f} events/s (were the replay free)")
        if cpu_at_replayed[0] is not None:
            own, server = (
                after - before for after, before in zip(cpu_after, cpu_at_replayed[0], strict=True)
            )
            cores, allowed = os.cpu_count() or 1, total / TARGET_RATE
            print(
                f"the swap used at least {own + server:.1f} s of CPU (PostgreSQL's processes"
                f" {server:.1f} s, this one {own:.1f} s); at {TARGET_RATE:,} events/s the whole rebuild"
                f" would have {cores} cores x {allowed:.1f} s = {cores * allowed:.1f} s"
            )
        print(f"peak memory of the rebuild: {peak_memory()}")
        print(f"machine: {machine()}; store: {args.database_url.split('@')[-1]} schema {args.schema}")
    finally:
        system.close()


if __name__ == "__main__":
    main()
