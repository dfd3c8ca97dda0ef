"""`sistemkerja documents render`: the documents of decisions as PDFs, for batch work.

The store comes from the usual settings (SISTEMKERJA_DATABASE_URL, SISTEMKERJA_SCHEMA,
SISTEMKERJA_PROFILE). `sign` and `verify` are added to `documents_app` by their own modules.
"""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

documents_app = typer.Typer(help="Documents (naskah dinas) generated from the events.", no_args_is_help=True)
console = Console()


@documents_app.command("render")
def render(
    out: Annotated[Path, typer.Option("--out", help="Folder to write the PDFs into.")],
    ids: Annotated[
        list[str] | None, typer.Option("--id", help="Assignment, team or report id (repeatable).")
    ] = None,
    codes: Annotated[list[str] | None, typer.Option("--code", help="Verification code (repeatable).")] = None,
) -> None:
    """Render every document of the given decisions (or the documents the codes name) to
    <out>/<KIND>-<position>-<code>.pdf; the same events always give the same bytes."""
    from infra.bootstrap import build
    from infra.documents.render import documents_of, find_document, render_document
    from infra.tenancy.tenants import current_settings

    if not ids and not codes:
        console.print("[red]Give at least one --id or --code.[/red]")
        raise typer.Exit(2)
    out.mkdir(parents=True, exist_ok=True)
    system = build(current_settings(), migrate=True)
    written = 0
    try:
        refs = [ref for key in ids or [] for ref in documents_of(system, key.strip())]
        for code in codes or []:
            found = find_document(system, code)
            if found is None:
                console.print(f"[red]No document has the code {code}.[/red]")
                raise typer.Exit(2)
            refs.append(found)
        for ref in refs:
            doc = render_document(system, ref)
            path = out / f"{doc.kind}-{doc.position}-{doc.verify_code}.pdf"
            path.write_bytes(doc.pdf)
            console.print(f"{path}  {doc.kind} {doc.number}", highlight=False)
            written += 1
    finally:
        system.close()
    console.print(f"Wrote {written} document(s) to {out}")
