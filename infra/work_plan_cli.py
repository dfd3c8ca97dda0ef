"""`sistemkerja pk import`: an agency's Perjanjian Kinerja targets from a CSV file, recorded by the
administrator from the signed PK (its number, date and signatory), as the profile's work_plan
allows (the agency head fixes the PK; the administrator records it only from the document)."""

import csv
import io
from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from application.commands.work_plan import RecordPkTargets
from application.principal import ADMIN_ROLE, Principal
from domain.errors import InvalidInput
from infra.bootstrap import System, build
from infra.tenancy.tenants import current_settings

pk_app = typer.Typer(help="Perjanjian Kinerja (PK) targets.", no_args_is_help=True)
console = Console()

# Column names accepted, in English (as the GraphQL input) or Indonesian (as a PK table reads).
COLUMNS = {
    "code": "code",
    "kode": "code",
    "description": "description",
    "sasaran": "description",
    "indicator": "indicator",
    "indikator": "indicator",
    "target": "target",
}


def read_targets(text: str) -> list[dict]:
    """Rows of a CSV (`;` or `,`, a header row) as {code, description, indicator, target}."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    header = {name: COLUMNS.get((name or "").strip().lower()) for name in reader.fieldnames or []}
    missing = {"description", "indicator", "target"} - set(header.values())
    if missing:
        raise InvalidInput("REQUIRED", field=", ".join(sorted(missing)))
    return [
        {field: (row.get(name) or "").strip() for name, field in header.items() if field}
        for row in reader
        if any((value or "").strip() for value in row.values())
    ]


def import_pk(
    system: System,
    actor: Principal,
    path: Path,
    *,
    agency: str,
    year: int,
    document: dict,
    reason: str | None,
) -> str:
    """Record the file's targets; the agreement's id."""
    targets = read_targets(path.read_text(encoding="utf-8"))
    command = RecordPkTargets(
        agency_code=agency, year=year, targets=targets, document=document, reason=reason
    )
    return system.app.handle(actor, command).result


@pk_app.command("import")
def import_command(
    file: Path,
    agency: str = typer.Option(..., help="The agency's unit code."),
    year: int = typer.Option(..., help="The PK's year."),
    actor_nip: str = typer.Option(..., help="NIP of the administrator recording it."),
    number: str = typer.Option(..., help="The signed PK's number."),
    signed_on: str = typer.Option(..., "--date", help="The signed PK's date (ISO)."),
    signed_by: str = typer.Option(..., help="Who signed it (the agency head)."),
    reason: str = typer.Option(None, help="Required when the year's PK is recorded already (a revision)."),
) -> None:
    """Record an agency's PK targets for a year from a CSV file (kode;sasaran;indikator;target)."""
    system = build(current_settings(), migrate=False)
    try:
        document = {"number": number, "date": date.fromisoformat(signed_on), "signed_by": signed_by}
        actor = Principal(nip=actor_nip, roles=frozenset({ADMIN_ROLE}))
        found = import_pk(system, actor, file, agency=agency, year=year, document=document, reason=reason)
        console.print(f"[green]PK recorded[/] ({found})")
    finally:
        system.close()
