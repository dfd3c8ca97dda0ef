"""The `sistemkerja` command."""

import os
from pathlib import Path

import psycopg
import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import Progress

from api.auth import mint_token
from domain.errors import DomainError
from infra.audit.cli import audit_app
from infra.bootstrap import build
from infra.evidence_cli import performance_app
from infra.inspection.cli import export as export_audit_report
from infra.matrix_export import teams_app
from infra.server import serve as serve_with
from infra.server import server_config
from infra.settings import Settings
from infra.tenancy.tenants import current_settings
from infra.tokens import jwt_secret, verifier
from projections.engine.projector import OutdatedReadModels

app = typer.Typer(
    help="Sistem Kerja: the system of record of a local government's work system.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
demo_app = typer.Typer(help="The demo government.", no_args_is_help=True)
projections_app = typer.Typer(help="Read models.", no_args_is_help=True)
profiles_app = typer.Typer(help="Regulation profiles.", no_args_is_help=True)
app.add_typer(profiles_app, name="profiles")
app.add_typer(demo_app, name="demo")
app.add_typer(projections_app, name="projections")
app.add_typer(teams_app, name="teams")
app.add_typer(performance_app, name="performance")
console = Console()

# The audit commands: the hash chain, checkpoints, verification, and the report export built on
# the decision ledger (infra/inspection), composed here so neither package imports the other.
audit_app.command("export")(export_audit_report)
app.add_typer(audit_app, name="audit")

from infra.assignments_cli import assignments_app  # noqa: E402

app.add_typer(assignments_app, name="assignments")

from infra.work_plan_cli import pk_app  # noqa: E402

app.add_typer(pk_app, name="pk")

from infra.onboarding.cli import import_app  # noqa: E402

app.add_typer(import_app, name="import")

from infra.tenancy.cli import tenants_app  # noqa: E402

app.add_typer(tenants_app, name="tenants")

from infra.crossing.cli import crossing_app  # noqa: E402

app.add_typer(crossing_app, name="crossing")

# Documents (issue 12): rendered from decisions (infra.documents.cli), signed and verified.
from infra.documents import sign_cli  # noqa: E402
from infra.documents.cli import documents_app  # noqa: E402

documents_app.command("sign")(sign_cli.sign)
documents_app.command("verify")(sign_cli.verify)
documents_app.command("identity")(sign_cli.identity)
app.add_typer(documents_app, name="documents")


@app.command()
def migrate() -> None:
    """Create the event store and read-model tables (once, before workers start)."""
    settings = current_settings()
    try:
        build(settings, migrate=True).close()
    except OutdatedReadModels as outdated:  # the event store is ready; the views need a rebuild
        console.print(f"[yellow]{outdated}[/]")
        raise typer.Exit(1) from None
    console.print(f"[green]Tables ready[/] for tenant {settings.profile} at {settings.database_url}")


@app.command()
def serve(host: str = typer.Option(None), port: int = typer.Option(None), workers: int = 1) -> None:
    """Serve GraphQL at http://HOST:PORT/graphql.

    In development the tables are created first; in production the application role is
    append-only and cannot create tables, so run `sistemkerja migrate` as the owner beforehand.
    """
    settings = Settings()
    verifier(settings)  # refuse to start without a token issuer (production needs a secret or JWKS URL)
    if not settings.multi_tenant:  # many tenants are migrated when added (sistemkerja tenants add)
        build(settings, migrate=settings.development).close()
    host, port = host or settings.host, port or settings.port
    served = "the tenants of the registry" if settings.multi_tenant else f"tenant {settings.profile}"
    console.print(f"GraphQL: [bold]http://{host}:{port}/graphql[/] ({served}, {settings.mode})")
    serve_with(
        server_config("infra.web:create", settings, factory=True, host=host, port=port, workers=workers)
    )


@app.command()
def token(
    nip: str,
    admin: bool = typer.Option(False, help="Give the organisation administrator role."),
    role: list[str] = typer.Option([], help="Another role, e.g. auditor (the inspectorate)."),
    hours: float = 12,
) -> None:
    """Mint a development bearer token for an official's NIP (HS256), for SISTEMKERJA_TENANT's
    government when one deployment serves many."""
    settings = current_settings()
    secret = jwt_secret(settings)
    if not secret:
        console.print("[red]No HS256 secret: tokens come from the identity provider (JWKS) here.[/]")
        raise typer.Exit(1)
    try:
        token = mint_token(
            secret,
            nip=nip,
            tenant=settings.tenant or settings.profile,
            admin=admin,
            hours=hours,
            roles=tuple(role),
        )
    except DomainError as error:  # not a NIP / NI PPPK: the server would refuse the token
        Console(stderr=True).print(
            f"[red]{error.code}[/]: {error.message_id}\n{error.message_en}", highlight=False
        )
        raise typer.Exit(2) from None
    typer.echo(token)


@demo_app.command("load")
def demo_load(if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing if units exist.")) -> None:
    """Load the demo regency (Kabupaten Serang profile)."""
    from infra.demo import ADMIN_NIP, load_demo

    settings = current_settings()
    system = build(settings, migrate=True)
    try:
        if if_empty and system.store.query("SELECT code FROM units LIMIT 1"):
            console.print("Demo government already loaded.")
        else:
            counts = load_demo(system.app)
            console.print(f"[green]Demo government loaded:[/] {counts}")
        console.print(f"Administrator NIP {ADMIN_NIP}; token: sistemkerja token {ADMIN_NIP} --admin")
    finally:
        system.close()


@profiles_app.command("list")
def profiles_list() -> None:
    """The reference profiles shipped with this version."""
    from domain.profile import list_profiles, load_profile

    for profile_id in list_profiles():
        profile = load_profile(profile_id)
        console.print(f"{profile.id:20} {profile.government:28} {profile.regulation}")


@profiles_app.command("check")
def profiles_check(path: Path) -> None:
    """Validate a profile file; name every field that is wrong."""
    from domain.profile import parse_profile_yaml

    profile = parse_profile_yaml(path.read_text(encoding="utf-8"))
    console.print(f"[green]{path}: valid[/] profile {profile.id} ({profile.government})")


@projections_app.command("rebuild")
def projections_rebuild(
    workers: int = typer.Option(
        0, min=0, help="PostgreSQL: processes replaying the views side by side (0: one per core)"
    ),
) -> None:
    """Rebuild every read model from the event store, in batches."""
    system = build(current_settings(), migrate=True, outdated_ok=True)  # it recreates every view table
    try:
        total = system.app.recorder.max_notification_id() or 0
        with Progress(console=console) as progress:
            task = progress.add_task("Rebuilding read models", total=total)
            position = system.projector.rebuild(
                progress=lambda p: progress.update(task, completed=p), workers=workers or None
            )
        console.print(f"[green]Rebuilt[/] up to event {position}")
    finally:
        system.close()


@projections_app.command("quarantine")
def projections_quarantine() -> None:
    """List the events a read model could not apply, as JSON (empty list: none)."""
    import orjson

    from projections.engine.quarantine import listing

    system = build(current_settings(), migrate=False)
    try:
        typer.echo(
            orjson.dumps(
                [entry.as_dict() for entry in listing(system.store)], option=orjson.OPT_INDENT_2
            ).decode()
        )
    finally:
        system.close()


@projections_app.command("retry")
def projections_retry() -> None:
    """Re-apply the quarantined events (after a fixed release); exit 1 if some still fail."""
    system = build(current_settings(), migrate=False)  # start-up already retries; this reports the outcome
    try:
        _, remaining = system.projector.retry_quarantined()
        applied = system.projector.reapplied
    finally:
        system.close()
    console.print(
        f"Re-applied {applied}; {remaining} still quarantined (sistemkerja projections quarantine)",
        style="green" if not remaining else "red",
    )
    if remaining:
        raise typer.Exit(1)


def main() -> None:
    """Entry point: a refused command or a configuration mistake is one clear line, not a trace."""
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    try:
        app()
    except DomainError as error:
        console.print(f"[red]{error.code}[/]: {error.message_en}")
        raise SystemExit(2) from None
    except (ValueError, ValidationError, psycopg.OperationalError) as error:
        console.print(f"[red]Configuration error[/]: {error}")
        raise SystemExit(2) from None
