"""`sistemkerja performance export`: the hand-off to e-Kinerja of an agency for a period, as CSV
(one sheet: the SKP, or the Matriks Peran Hasil) or XLSX (both sheets)."""

import typer

from infra.bootstrap import build
from infra.tenancy.tenants import current_settings
from projections.evidence.workbook import MATRIX_SHEET, SKP_SHEET, export

performance_app = typer.Typer(help="Performance management (evidence, e-Kinerja).", no_args_is_help=True)
SHEETS = {"skp": SKP_SHEET, "matrix": MATRIX_SHEET}


@performance_app.command("export")
def export_command(
    agency: str = typer.Option(..., "--agency", help="The agency's code (or any unit of it)."),
    period: str = typer.Option(..., "--period", help="2025 (a year), or 2025-03 / 2025-TW1."),
    format: str = typer.Option("csv", "--format", help="csv or xlsx."),
    output: str = typer.Option(None, "--output", help="A file; csv may go to standard output."),
    sheet: str = typer.Option("skp", "--sheet", help="For csv: skp or matrix."),
) -> None:
    """Export an agency's SKP entries and Matriks Peran Hasil for e-Kinerja."""
    if format not in ("csv", "xlsx"):
        raise typer.BadParameter("--format must be csv or xlsx")
    if sheet not in SHEETS:
        raise typer.BadParameter("--sheet must be skp or matrix")
    if format == "xlsx" and not output:
        raise typer.BadParameter("--output is required for xlsx")
    system = build(current_settings(), migrate=False)
    try:
        e = export(system.store, system.app.profile, agency, period)
    finally:
        system.close()
    if format == "xlsx":
        with open(output, "wb") as f:
            f.write(e.xlsx())
        return
    text = e.csv(SHEETS[sheet])
    if output:
        with open(output, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        typer.echo(text, nl=False)
