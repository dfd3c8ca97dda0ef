"""`sistemkerja audit …`: keygen, checkpoint, verify.

The store comes from SISTEMKERJA_DATABASE_URL and SISTEMKERJA_SCHEMA (PostgreSQL schema,
default public), read through infra.settings (so .env and its defaults apply too);
SISTEMKERJA_APP_NAME names the application whose events table is checked (PostgreSQL).
Exit codes: 0 intact / done, 1 tampering found (or refused to sign), 2 cannot run.
`checkpoint` writes only its JSON line to stdout, so `checkpoint >> checkpoints.jsonl` builds
the archive; every message for people goes to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from infra.audit.checkpoint import (
    ArchiveError,
    fingerprint,
    generate_keypair,
    load_private_key,
    load_public_key,
    read_archive,
)
from infra.audit.env import eventsourcing_env, open_chained_recorder
from infra.audit.signing import sign_checkpoint
from infra.audit.verify import VerifyResult, verify_chain

audit_app = typer.Typer(help="Tamper evidence: the hash chain over every stored event.")
console = Console()
errors = Console(stderr=True, soft_wrap=True)  # messages that must not mix with a command's output

DEFAULT_APP_NAME = "sistemkerja"  # application.app.BaseApp.name: its table is sistemkerja_events
AppName = Annotated[
    str, typer.Option(envvar="SISTEMKERJA_APP_NAME", help="Application name (PostgreSQL table prefix).")
]


def _store(app_name: str):  # noqa: ANN202 - a (factory, recorder) pair
    # The main CLI's settings: SISTEMKERJA_DATABASE_URL / SISTEMKERJA_SCHEMA, .env, defaults.
    from infra.settings import Settings

    settings = Settings()
    url, schema = settings.database_url, settings.db_schema
    try:
        sqlite_file = eventsourcing_env(url, schema).get("SQLITE_DBNAME", "")
        if sqlite_file and not sqlite_file.startswith("file:") and not Path(sqlite_file).exists():
            # sqlite3 would quietly create an empty database, and then "verify" it.
            _fail(f"No database file at {sqlite_file}.")
        return open_chained_recorder(url, schema, app_name)
    except ValueError as e:
        _fail(str(e))


def _key(load, path: Path):  # noqa: ANN001, ANN202 - load_private_key or load_public_key
    """A key file that is missing or not an Ed25519 key is one clear line (exit 2), not a trace."""
    try:
        return load(path)
    except (OSError, ValueError, TypeError) as e:
        _fail(f"Cannot use the key {path}: {e}")


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[red]{message}[/red]", highlight=False)
    raise typer.Exit(code)


@audit_app.command()
def keygen(out: Annotated[Path, typer.Option("--out", help="Directory for the key pair.")]) -> None:
    """Create the Ed25519 key pair for signing checkpoints. Give the .pub file to the
    inspectorate; keep the .key file on the server only."""
    try:
        private_path, public_path = generate_keypair(out)
    except FileExistsError as e:
        _fail(f"Refusing to overwrite an existing key: {e.filename}")
    print_fp = fingerprint(load_public_key(public_path))
    console.print(f"Private key: {private_path} (keep secret)\nPublic key:  {public_path}")
    console.print(f"Fingerprint: {print_fp}")


@audit_app.command()
def checkpoint(
    key: Annotated[Path, typer.Option(envvar="SISTEMKERJA_SIGNING_KEY", help="Private key (PEM).")],
    quick: Annotated[
        bool, typer.Option(help="Check the chain only since the latest checkpoint, not from the start.")
    ] = False,
    app_name: AppName = DEFAULT_APP_NAME,
) -> None:
    """Verify the chain, then sign its head. Prints the checkpoint as one JSON line and nothing
    else on stdout: append it to the inspectorate's archive, e.g.
    `sistemkerja audit checkpoint >> checkpoints.jsonl` (verify --archive checkpoints.jsonl).
    Messages go to stderr."""
    private_key = _key(load_private_key, key)
    factory, recorder = _store(app_name)
    try:
        cp = sign_checkpoint(recorder, private_key, full=not quick)
    except ValueError as e:
        _fail(str(e), code=1)
    finally:
        factory.close()
    errors.print(f"Signed checkpoint: position {cp.seq}, at {cp.signed_at}", highlight=False)
    typer.echo(cp.to_json())


@audit_app.command()
def verify(
    public_key: Annotated[Path, typer.Option(help="The inspectorate's public key (PEM).")],
    archive: Annotated[
        Path | None, typer.Option(help="Archived checkpoints (JSON lines) to check the head against too.")
    ] = None,
    app_name: AppName = DEFAULT_APP_NAME,
) -> None:
    """Recompute the chain from the first event; report the first event altered, deleted,
    inserted or reordered, and check the head against the latest signed checkpoint."""
    key = _key(load_public_key, public_key)
    try:
        archived = read_archive(archive) if archive else []
    except ArchiveError as e:  # before opening the store: nothing to verify against yet
        _fail(str(e))
    factory, recorder = _store(app_name)
    try:
        result = verify_chain(recorder, key, archived=archived)
    finally:
        factory.close()
    _report(result)
    if not result.ok:
        raise typer.Exit(1)


def _report(result: VerifyResult) -> None:
    if result.ok:
        console.print(
            f"[green]Intact.[/green] {result.checked} events checked; chain head at "
            f"position {result.head_seq}: {result.head_hash or '(empty)'}"
        )
        if result.checkpoint:
            cp = result.checkpoint
            console.print(f"Latest checkpoint verified: position {cp.seq}, signed at {cp.signed_at}.")
    else:
        console.print(f"[bold red]TAMPERING DETECTED ({result.kind})[/bold red]")
        console.print(result.first_problem, highlight=False)
        console.print(f"{result.checked} events matched before this point.")
    for note in result.notes:
        console.print(f"[yellow]Note:[/yellow] {note}")
