"""The audit report: an agency's decisions over a period, as CSV and as a readable PDF (A4),
stating the hash-chain head it was produced at.

The ledger rows are read first and the chain head after them, so every decision listed is
covered by the head stated (verify it with `sistemkerja audit verify`).
"""

import csv
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.fonts import FontFace

from infra.audit.store import reading
from projections.ledger.queries import LedgerFilter, LedgerQueries
from projections.organisation.queries import OrganisationQueries

CSV_COLUMNS = (
    "position",
    "recorded_at",
    "effective_date",
    "kind",
    "agency_code",
    "unit_code",
    "subject_nip",
    "subject_name",
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
class Report:
    agency_code: str
    agency_name: str | None
    period_from: date
    period_to: date  # inclusive
    generated_at: datetime
    chain_seq: int
    chain_hash: str
    rows: list[dict[str, Any]]


def build_report(system: Any, agency_code: str, period_from: date, period_to: date) -> Report:
    """Decisions concerning the agency recorded from `period_from` through `period_to` (UTC days)."""
    start = datetime.combine(period_from, datetime.min.time(), UTC)
    end = datetime.combine(period_to + timedelta(days=1), datetime.min.time(), UTC)
    rows = LedgerQueries(system.store).all_decisions(
        LedgerFilter(agency_code=agency_code, recorded_from=start, recorded_to=end)
    )
    with reading(system.app.recorder) as tables:
        head = tables.head()
    agency = OrganisationQueries(system.store).unit(agency_code)
    return Report(
        agency_code,
        agency["name"] if agency else None,
        period_from,
        period_to,
        datetime.now(UTC),
        head.seq if head else 0,
        head.hash.hex() if head else "(empty chain)",
        rows,
    )


def write_csv(report: Report, path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in report.rows:
            writer.writerow({**row, "articles": row["articles"].strip("|").replace("|", "; ")})


def _latin(text: Any) -> str:
    """The PDF's core font covers Latin-1; anything beyond is shown as '?', never dropped."""
    return str(text if text is not None else "").encode("latin-1", "replace").decode("latin-1")


def _capacity(row: dict[str, Any]) -> str:
    parts = [row["capacity_kind"], row["capacity_position"], row["capacity_unit"]]
    if row["delegated_by"]:
        parts.append(
            f"delegated by {row['delegated_by_name'] or ''} {row['delegated_by']}".replace("  ", " ")
        )
    return ", ".join(part for part in parts if part)


def write_pdf(report: Report, path: Path) -> None:
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"Decision ledger {report.agency_code}")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 9, "Decision ledger - audit report", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=9)
    for label, value in (
        ("Agency", f"{report.agency_code} {report.agency_name or ''}".strip()),
        (
            "Period",
            f"{report.period_from.isoformat()} to {report.period_to.isoformat()} (recorded time, UTC)",
        ),
        ("Generated at", report.generated_at.isoformat(timespec="seconds")),
        ("Chain head", f"position {report.chain_seq}, SHA-256 {report.chain_hash}"),
        ("Decisions", str(len(report.rows))),
    ):
        pdf.cell(0, 5, _latin(f"{label}: {value}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", size=7)
    headings = (
        "#",
        "Recorded (UTC)",
        "Effective",
        "Decision",
        "Concerning",
        "Actor",
        "Capacity",
        "Article",
        "Legal basis",
        "Reason",
    )
    widths = (10, 28, 17, 24, 38, 38, 38, 20, 38, 26)
    with pdf.table(
        col_widths=widths, headings_style=FontFace(emphasis="BOLD"), line_height=3.5, text_align="LEFT"
    ) as table:
        table.row(headings)
        for row in report.rows:
            concerning = (
                f"{row['subject_name'] or ''} {row['subject_nip'] or ''} {row['unit_code'] or ''}".strip()
            )
            table.row(
                [
                    _latin(cell)
                    for cell in (
                        row["position"],
                        row["recorded_at"][:19].replace("T", " "),
                        row["effective_date"],
                        row["kind"],
                        concerning,
                        f"{row['actor_name'] or ''} {row['actor_nip']}".strip(),
                        _capacity(row),
                        row["articles"].strip("|").replace("|", "; "),
                        row["legal_basis"],
                        row["reason"],
                    )
                ]
            )
    pdf.output(str(path))
