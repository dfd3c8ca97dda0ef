"""`sistemkerja tenants add|list|disable|enable`: the governments one deployment serves."""

from typing import Annotated

import typer
from rich.console import Console

from infra.settings import Settings
from infra.tenancy.registry import Registry, new_tenant
from infra.tenancy.tenants import Tenants

tenants_app = typer.Typer(
    help="The governments this deployment serves (SISTEMKERJA_MULTI_TENANT).", no_args_is_help=True
)
console = Console()


@tenants_app.command("add")
def add(
    tenant_id: Annotated[str, typer.Argument(help="The tenant id the tokens' `tenant` claim carries.")],
    profile: Annotated[str, typer.Option(help="Its regulation profile (sistemkerja profiles list).")],
    schema: Annotated[
        str | None, typer.Option(help="Its PostgreSQL schema (SQLite: its file's name).")
    ] = None,
    government: Annotated[str | None, typer.Option(help="Its name; the profile's by default.")] = None,
    time_zone: Annotated[str | None, typer.Option(help="WIB, WITA or WIT; the profile's by default.")] = None,
    letterhead: Annotated[
        str | None, typer.Option(help="Its folder under domain/documents/; the profile's by default.")
    ] = None,
) -> None:
    """Register a government and create its tables (run once, before the workers serve it)."""
    tenant = new_tenant(
        tenant_id, profile, schema=schema, government=government, time_zone=time_zone, letterhead=letterhead
    )
    tenants = Tenants(Settings())
    try:
        added = tenants.add(tenant)
    finally:
        tenants.close()
    console.print(
        f"[green]Tenant {added.id}[/] added: {added.government},"
        f" profile {added.profile}, schema {added.schema}"
    )


@tenants_app.command("list")
def list_tenants() -> None:
    """Every registered government, active or disabled: one tab-separated line each."""
    typer.echo("id\tgovernment\tprofile\tschema\ttime_zone\tletterhead\tstatus")
    for t in Registry(Settings().database_url).list():
        typer.echo("\t".join((t.id, t.government, t.profile, t.schema, t.time_zone, t.letterhead, t.status)))


@tenants_app.command("disable")
def disable(tenant_id: str) -> None:
    """Stop serving a government (its tokens are refused within seconds); its data is kept."""
    tenant = Registry(Settings().database_url).set_status(tenant_id, "disabled")
    console.print(f"Tenant {tenant.id} [red]disabled[/]; its data is kept (sistemkerja tenants enable)")


@tenants_app.command("enable")
def enable(tenant_id: str) -> None:
    """Serve a disabled government again."""
    tenant = Registry(Settings().database_url).set_status(tenant_id, "active")
    console.print(f"Tenant {tenant.id} [green]active[/]")
