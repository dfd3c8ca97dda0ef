"""`sistemkerja import org|officials FILE`: onboarding a government from SIMPEG/SIASN exports."""

import time
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from infra.bootstrap import build
from infra.onboarding.columns import OFFICIAL_COLUMNS, ORG_COLUMNS
from infra.onboarding.importer import Summary
from infra.onboarding.reader import Row, read_rows
from infra.onboarding.run import run, steps
from infra.tenancy.tenants import current_settings

import_app = typer.Typer(help="Onboarding by import (CSV/XLSX from SIMPEG/SIASN).", no_args_is_help=True)
console = Console()
ACTOR = typer.Option(..., "--actor-nip", help="NIP of the administrator recording the import.")
DRY_RUN = typer.Option(False, "--dry-run", help="Check every row by the rules; record nothing.")


@import_app.command("org")
def import_org(file: Path, actor_nip: str = ACTOR, dry_run: bool = DRY_RUN) -> None:
    """The organisation (SOTK): units, their kinds, levels and heads with their SK."""
    _import(actor_nip, dry_run, org=_read(file, ORG_COLUMNS), officials=[])


@import_app.command("officials")
def import_officials(
    file: Path,
    actor_nip: str = ACTOR,
    dry_run: bool = DRY_RUN,
    org: Path = typer.Option(None, help="The SOTK file too: units, officials, heads, placements in one run."),
) -> None:
    """The officials: register each, then place each under its unit and appraiser."""
    _import(
        actor_nip,
        dry_run,
        org=_read(org, ORG_COLUMNS) if org else [],
        officials=_read(file, OFFICIAL_COLUMNS),
    )


def _read(path: Path, columns: dict[str, tuple[str, ...]]) -> list[Row]:
    fields, rows = read_rows(path, columns)
    console.print(f"{path}: {len(rows)} rows; columns {', '.join(fields)}")
    return rows


def _import(actor_nip: str, dry_run: bool, org: list[Row], officials: list[Row]) -> None:
    system = build(current_settings(), migrate=False)
    started = time.perf_counter()
    try:
        with Progress(console=console) as progress:
            task = progress.add_task("Checking" if dry_run else "Importing", total=steps(org, officials))
            summary = run(
                system, actor_nip, org, officials, dry_run=dry_run, tick=lambda: progress.advance(task)
            )
    finally:
        system.close()
    report(summary, dry_run, time.perf_counter() - started)
    if summary.problems:
        raise typer.Exit(1)


def report(summary: Summary, dry_run: bool, seconds: float) -> None:
    if summary.problems:
        table = Table("line", "step", "code", "problem")
        for problem in sorted(summary.problems, key=lambda p: p.line):
            table.add_row(str(problem.line), problem.step, problem.code, problem.message)
        console.print(table)
    for note in summary.notes:
        console.print(f"[yellow]line {note.line}: {note.code}[/] {note.message}", highlight=False)
    verb = "would record" if dry_run else "recorded"
    done = ", ".join(f"{count} {name}" for name, count in sorted(summary.recorded.items())) or "nothing"
    console.print(
        f"{verb} {done}; {summary.skipped} already recorded; {len(summary.problems)} problem(s);"
        f" {seconds:.1f} s"
    )
