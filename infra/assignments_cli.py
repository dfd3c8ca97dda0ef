"""`sistemkerja assignments …`: the daily job that ends assignments whose period has run out."""

from datetime import date

import typer
from rich.console import Console

from application.commands.assignments import EndAssignment
from application.principal import ADMIN_ROLE, Principal
from domain.errors import DomainError
from infra.bootstrap import System, build
from infra.tenancy.tenants import current_settings

assignments_app = typer.Typer(help="Assignments (penugasan).", no_args_is_help=True)
console = Console()


def end_expired(system: System, actor: Principal, on: date) -> list[str]:
    """End every fixed or active assignment whose period ended before `on`; return their ids."""
    rows = system.store.query(
        "SELECT id FROM assignments WHERE status IN ('FIXED', 'ACTIVE') AND period_end < :on"
        " ORDER BY position",
        {"on": on.isoformat()},
    )
    ended = []
    for row in rows:
        try:
            system.app.handle(actor, EndAssignment(assignment_id=row["id"], on=on))
            ended.append(row["id"])
        except DomainError as error:  # e.g. ended meanwhile by another run
            console.print(f"[yellow]{row['id']}: {error.code}[/]")
    return ended


@assignments_app.command("end-expired")
def end_expired_command(
    actor_nip: str = typer.Option(..., help="NIP of the administrator running the job."),
    on: str = typer.Option(None, help="ISO date (default: today)."),
) -> None:
    """Record the end of every assignment whose period has run out."""
    system = build(current_settings(), migrate=False)
    try:
        ended = end_expired(
            system,
            Principal(nip=actor_nip, roles=frozenset({ADMIN_ROLE})),
            date.fromisoformat(on) if on else date.today(),
        )
        console.print(f"[green]{len(ended)} assignment(s) ended[/]")
    finally:
        system.close()
