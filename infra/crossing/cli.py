"""`sistemkerja crossing relay [--once]`: carry native cross-tenant steps between tenants."""

import time
from typing import Annotated

import typer

from infra.crossing.relay import Relay
from infra.settings import Settings
from infra.tenancy.tenants import Tenants

crossing_app = typer.Typer(
    help="Native cross-tenant routes between tenants of this deployment (ADR 0010).", no_args_is_help=True
)


@crossing_app.command("relay")
def relay(
    once: Annotated[bool, typer.Option(help="One round over every tenant, then exit.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between rounds.")] = 1.0,
    tenant: Annotated[
        list[str] | None, typer.Option(help="Only from these tenants (repeat the option); all by default.")
    ] = None,
) -> None:
    """Deliver each tenant's native cross-tenant steps to the other tenant (exactly once: a round
    repeated after a crash records nothing twice). The server runs it too, in the background."""
    settings = Settings()
    if not settings.multi_tenant:
        raise SystemExit("native cross-tenant routes need SISTEMKERJA_MULTI_TENANT")
    tenants = Tenants(settings)
    try:
        relayer = Relay(tenants, only=set(tenant) if tenant else None)
        while True:
            delivered = relayer.once()
            typer.echo(f"{delivered} event(s) delivered")
            if once:
                return
            time.sleep(interval)
    finally:
        tenants.close()
