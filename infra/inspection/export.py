"""The audit report for the Inspektorat: an agency's decisions over a period as PDF (A4), XLSX
and CSV, stating the hash-chain head it was produced at.

Indonesian by default (English on request), in the tenant's local time (the profile's
`time_zone`): the period's days are local days, every time is shown in WIB/WITA/WIT. For
assignments each row also gives the letter number (Surat Tugas) and the officials concerned.

The ledger rows are read first and the chain head after them, so every decision listed is
covered by the head stated (verify it with `sistemkerja audit verify`).
"""

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from domain.profile import TimeZone
from infra.audit.store import reading
from infra.inspection.kop import Kop, kop_of
from infra.inspection.language import Language, capacity_label, kind_label, local, stamp, word, zone
from projections.ledger.queries import LedgerFilter, LedgerQueries
from projections.organisation.queries import OrganisationQueries

# Machine-readable, stable names (the ledger's columns, then what the report adds).
CSV_COLUMNS = (
    "position",
    "recorded_at",
    "recorded_at_local",
    "effective_date",
    "kind",
    "kind_label",
    "agency_code",
    "unit_code",
    "subject_nip",
    "subject_name",
    "letter_number",
    "officials",
    "actor_nip",
    "actor_name",
    "capacity_kind",
    "capacity_position",
    "capacity_unit",
    "delegation_id",
    "delegated_by",
    "delegated_by_name",
    "legal_basis",
    "articles",
    "reason",
    "aggregate_type",
    "aggregate_id",
)


@dataclass(frozen=True)
class Inspector:
    nip: str
    name: str
    position: str


@dataclass(frozen=True)
class Report:
    agency_code: str
    agency_name: str | None
    government: str
    time_zone: TimeZone
    period_from: date  # a local day
    period_to: date  # inclusive
    generated_at: datetime
    chain_seq: int
    chain_hash: str
    rows: list[dict[str, Any]]
    inspector: Inspector | None = None
    kop: Kop | None = None


def build_report(
    system: Any,
    agency_code: str,
    period_from: date,
    period_to: date,
    inspector_nip: str | None = None,
) -> Report:
    """Decisions concerning the agency recorded from `period_from` through `period_to`, local days."""
    profile = system.app.profile
    start, end = period_bounds(period_from, period_to, profile.time_zone)
    rows = LedgerQueries(system.store).all_decisions(
        LedgerFilter(agency_code=agency_code, recorded_from=start, recorded_to=end)
    )
    with reading(system.app.recorder) as tables:
        head = tables.head()
    organisation = OrganisationQueries(system.store)
    agency = organisation.unit(agency_code)
    return Report(
        agency_code,
        agency["name"] if agency else None,
        profile.government,
        profile.time_zone,
        period_from,
        period_to,
        datetime.now(UTC),
        head.seq if head else 0,
        head.hash.hex() if head else "(empty chain)",
        _with_assignments(system.store, rows),
        _inspector(system.store, inspector_nip),
        kop_of(system.app.letterhead_id, profile.government),
    )


def period_bounds(period_from: date, period_to: date, time_zone: TimeZone) -> tuple[datetime, datetime]:
    """[start, end): from the first local day's midnight to the midnight after the last."""
    tz = zone(time_zone)
    return datetime.combine(period_from, time.min, tz), datetime.combine(
        period_to + timedelta(days=1), time.min, tz
    )


def _inspector(store: Any, nip: str | None) -> Inspector | None:
    if not nip:
        return None
    found = store.query("SELECT name, position_title FROM officials WHERE nip = :nip", {"nip": nip.strip()})
    if not found:
        raise LookupError(nip)
    return Inspector(nip.strip(), found[0]["name"], found[0]["position_title"])


def _with_assignments(store: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each assignment's rows carry its letter number (once issued) and the officials named."""
    ids = sorted({row["aggregate_id"] for row in rows if row["aggregate_type"] == "Assignment"})
    letters: dict[str, str | None] = {}
    officials: dict[str, list[str]] = {}
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        names = {f"a{i}": value for i, value in enumerate(chunk)}
        marks = ", ".join(":" + name for name in names)
        for found in store.query(f"SELECT id, letter_number FROM assignments WHERE id IN ({marks})", names):
            letters[found["id"]] = found["letter_number"]
        for found in store.query(
            f"SELECT assignment_id, nip, name FROM assignment_officials WHERE assignment_id IN ({marks})"
            " ORDER BY assignment_id, name, nip",
            names,
        ):
            officials.setdefault(found["assignment_id"], []).append(f"{found['name']} ({found['nip']})")
    return [
        {
            **row,
            "letter_number": letters.get(row["aggregate_id"]) or "",
            "officials": "; ".join(officials.get(row["aggregate_id"], [])),
        }
        for row in rows
    ]


def articles(row: dict[str, Any]) -> str:
    return str(row["articles"] or "").strip("|").replace("|", "; ")


def table_row(row: dict[str, Any], report: Report, language: Language) -> dict[str, str]:
    """One decision as the PDF and XLSX show it (keys of language.COLUMNS)."""
    capacity = [
        capacity_label(row["capacity_kind"], language),
        row["capacity_position"],
        row["capacity_unit"],
    ]
    if row["delegated_by"]:
        by = f"{row['delegated_by_name'] or ''} {row['delegated_by']}".strip()
        capacity.append(f"{word('delegated_by', language)} {by}")
    return {
        "position": str(row["position"]),
        "recorded_local": stamp(datetime.fromisoformat(row["recorded_at"]), report.time_zone),
        "effective_date": row["effective_date"] or "",
        "kind_label": kind_label(row["kind"], language),
        "concerning": " ".join(
            part for part in (row["subject_name"], row["subject_nip"], row["unit_code"]) if part
        ),
        "letter_number": row["letter_number"],
        "officials": row["officials"],
        "actor": f"{row['actor_name'] or ''} {row['actor_nip']}".strip(),
        "capacity": ", ".join(part for part in capacity if part),
        "articles": articles(row),
        "legal_basis": row["legal_basis"] or "",
        "reason": row["reason"] or "",
    }


def write_csv(report: Report, path: Path, language: Language = Language.id) -> None:
    """UTF-8 with a byte-order mark, so a spreadsheet opens names and articles correctly."""
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in report.rows:
            writer.writerow(
                {
                    **row,
                    "recorded_at_local": stamp(datetime.fromisoformat(row["recorded_at"]), report.time_zone),
                    "kind_label": kind_label(row["kind"], language),
                    "articles": articles(row),
                }
            )


def local_generated_at(report: Report) -> datetime:
    return local(report.generated_at, report.time_zone)
