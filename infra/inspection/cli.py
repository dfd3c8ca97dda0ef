"""`sistemkerja audit export`: the decision ledger of an agency over a period, as CSV or PDF.

Registered on `infra.audit.cli.audit_app`; the store comes from the usual settings
(SISTEMKERJA_DATABASE_URL, SISTEMKERJA_SCHEMA, SISTEMKERJA_PROFILE).
"""

from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console()


class Format(str, Enum):
    csv = "csv"
    pdf = "pdf"


def export(
    agency: Annotated[str, typer.Option("--agency", help="Agency (Perangkat Daerah) code.")],
    period_from: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day (UTC).")],
    period_to: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day, included (UTC).")
    ],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    format: Annotated[Format, typer.Option("--format", help="csv or pdf.")] = Format.pdf,
) -> None:
    """Export an agency's decisions over a period, stating the hash-chain head it was produced at."""
    from infra.bootstrap import build
    from infra.inspection.export import build_report, write_csv, write_pdf
    from infra.settings import Settings

    if period_to < period_from:
        console.print("[red]--to is before --from: give a period that ends after it starts.[/red]")
        raise typer.Exit(2)
    system = build(Settings(), migrate=True)
    try:
        code = agency.strip().upper()
        report = build_report(system, code, period_from.date(), period_to.date())
        if report.agency_name is None:
            console.print(f"[red]There is no agency with code '{code}'.[/red]")
            raise typer.Exit(2)
        (write_csv if format is Format.csv else write_pdf)(report, out)
    finally:
        system.close()
    console.print(f"Wrote {len(report.rows)} decisions of {code} to {out}")
    console.print(f"Chain head: position {report.chain_seq}, {report.chain_hash}", highlight=False)
