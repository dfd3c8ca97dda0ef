"""`sistemkerja audit export`: the audit report of an agency over a period, as PDF, XLSX or CSV.

Registered on `infra.audit.cli.audit_app`; the store comes from the usual settings
(SISTEMKERJA_DATABASE_URL, SISTEMKERJA_SCHEMA, SISTEMKERJA_PROFILE).
"""

from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from infra.inspection.language import Language

console = Console()


class Format(str, Enum):
    csv = "csv"
    pdf = "pdf"
    xlsx = "xlsx"


def export(
    agency: Annotated[str, typer.Option("--agency", help="Agency (Perangkat Daerah) code.")],
    period_from: Annotated[
        datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day (the tenant's local time).")
    ],
    period_to: Annotated[
        datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day, included (local time).")
    ],
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    format: Annotated[Format, typer.Option("--format", help="pdf, xlsx or csv.")] = Format.pdf,
    language: Annotated[
        Language, typer.Option("--language", help="id (Bahasa Indonesia, default) or en.")
    ] = Language.id,
    inspector: Annotated[
        str | None, typer.Option("--inspector", help="NIP of the inspector who signs the report.")
    ] = None,
) -> None:
    """Export an agency's decisions over a period, stating the hash-chain head it was produced at."""
    from infra.bootstrap import build
    from infra.inspection.export import build_report, write_csv
    from infra.inspection.pdf import write_pdf
    from infra.inspection.xlsx import write_xlsx
    from infra.tenancy.tenants import current_settings

    if period_to < period_from:
        console.print("[red]--to is before --from: give a period that ends after it starts.[/red]")
        raise typer.Exit(2)
    system = build(current_settings(), migrate=True)
    try:
        code = agency.strip().upper()
        try:
            report = build_report(system, code, period_from.date(), period_to.date(), inspector)
        except LookupError:
            console.print(f"[red]There is no official with NIP '{inspector}' to sign as the inspector.[/red]")
            raise typer.Exit(2) from None
        if report.agency_name is None:
            console.print(f"[red]There is no agency with code '{code}'.[/red]")
            raise typer.Exit(2)
        writer = {Format.csv: write_csv, Format.pdf: write_pdf, Format.xlsx: write_xlsx}[format]
        writer(report, out, language)
    finally:
        system.close()
    console.print(f"Wrote {len(report.rows)} decisions of {code} to {out}")
    console.print(f"Chain head: position {report.chain_seq}, {report.chain_hash}", highlight=False)
