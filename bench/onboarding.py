"""`python -m bench.onboarding --officials 10000`: the time to onboard a government by import
(issue 13 part 6): a synthetic SOTK (agencies with their Bidang) and its officials written as a
SIMPEG-style CSV, imported through `sistemkerja import`'s own path on a fresh SQLite store (and
PostgreSQL when SISTEMKERJA_TEST_POSTGRES_URL or the local server answers)."""

import argparse
import csv
import tempfile
import time
from pathlib import Path

import psycopg

from infra.bootstrap import build
from infra.demo import ADMIN_NIP
from infra.onboarding.columns import OFFICIAL_COLUMNS, ORG_COLUMNS
from infra.onboarding.reader import read_rows
from infra.onboarding.run import run
from infra.settings import Settings

BIDANG_PER_AGENCY, STAFF_PER_BIDANG = 5, 80
BASIS = "Perbup tentang SOTK"
STAFF = [  # (position type, title, grade, rank, education)
    ("Pelaksana", "Pengadministrasi Perkantoran", "", "II/c", "SMA"),
    ("Fungsional", "Analis Kebijakan Ahli Pertama", "Ahli Pertama", "III/a", "S1"),
    ("Fungsional", "Pranata Komputer Ahli Muda", "Ahli Muda", "III/c", "S1"),
    ("Pelaksana", "Penata Layanan Operasional", "", "III/a", "S1"),
]


def nip(i: int) -> str:
    """A well-formed NIP, distinct for every i below 30 240: born, CPNS TMT, sex, serial."""
    year, month, day = 1970 + i % 30, 1 + (i // 30) % 12, 1 + (i // 360) % 28
    return f"{year}{month:02}{day:02}{year + 25}03{1 + i % 2}{1 + i // 10080:03}"


def letters(i: int) -> str:
    """Names admit letters only: 0 -> "A", 27 -> "Bb"."""
    out = ""
    while True:
        out, i = chr(ord("a") + i % 26) + out, i // 26
        if not i:
            return out.capitalize()


def write_files(folder: Path, officials: int) -> tuple[Path, Path]:
    bidang = -(-officials // (STAFF_PER_BIDANG + 1)) + 1
    agencies = max(1, -(-bidang // BIDANG_PER_AGENCY))
    org, people = folder / "sotk.csv", folder / "pegawai.csv"
    serial = iter(range(10**6))
    heads: dict[str, str] = {}
    with (
        org.open("w", newline="", encoding="utf-8") as o,
        people.open("w", newline="", encoding="utf-8") as p,
    ):
        units, staff = csv.writer(o, delimiter=";"), csv.writer(p, delimiter=";")
        units.writerow(["Kode Unor", "Nama Unor", "Jenis Unor", "Eselon", "Kode Unor Induk", "Dasar Hukum",
                        "NIP Kepala", "TMT Kepala"])  # fmt: skip
        staff.writerow(["NIP", "Nama", "Jenis Jabatan", "Nama Jabatan", "Jenjang", "Pangkat/Golongan",
                        "Pendidikan", "Kode Unor", "NIP Atasan", "TMT Jabatan"])  # fmt: skip
        count = 0
        for a in range(agencies):
            code = f"D{a:02}"
            heads[code] = nip(next(serial))
            units.writerow([code, f"Dinas {a}", "Dinas", "JPT Pratama", "", BASIS, heads[code], "2023-01-02"])
            who = f"Kepala Dinas {letters(a)}"
            staff.writerow([heads[code], who, "JPT Pratama", who, "", "IV/c", "S2", code, "", "2023-01-02"])
            count += 1
            for b in range(BIDANG_PER_AGENCY):
                if a * BIDANG_PER_AGENCY + b >= bidang or count >= officials:
                    break
                sub, head = f"{code}.B{b}", nip(next(serial))
                units.writerow(
                    [sub, f"Bidang {a}.{b}", "Bidang", "Administrator", code, BASIS, head, "2023-01-02"]
                )
                who = f"Kepala Bidang {letters(a)} {letters(b)}"
                staff.writerow(
                    [head, who, "Administrator", who, "", "IV/a", "S1", sub, heads[code], "2023-01-02"]
                )
                count += 1
                for s in range(STAFF_PER_BIDANG):
                    if count >= officials:
                        break
                    kind, title, grade, rank, education = STAFF[s % len(STAFF)]
                    who = f"Pegawai {letters(count)}"
                    row = [
                        nip(next(serial)),
                        who,
                        kind,
                        title,
                        grade,
                        rank,
                        education,
                        sub,
                        head,
                        "2024-11-01",
                    ]
                    staff.writerow(row)
                    count += 1
    return org, people


def measure(settings: Settings, org: Path, people: Path) -> dict:
    org_rows, official_rows = read_rows(org, ORG_COLUMNS)[1], read_rows(people, OFFICIAL_COLUMNS)[1]
    system = build(settings, migrate=True)
    try:
        started = time.perf_counter()
        first = run(system, ADMIN_NIP, org_rows, official_rows)
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = run(system, ADMIN_NIP, org_rows, official_rows)
        rerun = time.perf_counter() - started
    finally:
        system.close()
    assert not first.problems, first.problems[:5]
    assert not again.recorded, again.recorded
    return {
        "officials": len(official_rows),
        "seconds": seconds,
        "rerun": rerun,
        "recorded": dict(first.recorded),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--officials", type=int, default=10_000)
    parser.add_argument("--postgres", default=None, help="a PostgreSQL URL to measure too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        org, people = write_files(Path(folder), args.officials)
        stores = [("sqlite", Settings(database_url=f"sqlite:///{folder}/store.db"))]
        if args.postgres:
            with psycopg.connect(args.postgres, autocommit=True) as conn:  # a fresh government each run
                conn.execute("DROP SCHEMA IF EXISTS bench_onboarding CASCADE")
            stores.append(
                ("postgres", Settings(database_url=args.postgres, SISTEMKERJA_SCHEMA="bench_onboarding"))
            )
        for name, settings in stores:
            figures = measure(settings, org, people)
            rate = figures["officials"] / figures["seconds"]
            print(
                f"bench onboarding [{name}]: {figures['officials']} officials imported in"
                f" {figures['seconds']:.1f} s ({rate:.0f}/s; {figures['recorded']}); re-run (nothing to"
                f" record) {figures['rerun']:.1f} s"
            )


if __name__ == "__main__":
    main()
