"""`sistemkerja documents sign|verify|identity`: signing letters in batch, and checking one offline.

`verify` reads the tenant's store directly (SISTEMKERJA_DATABASE_URL), not the server's answer,
and checks checkpoints with the inspectorate's public key. Exit codes: 0 genuine / done,
1 a fault found (or the signature refused), 2 cannot run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from application.principal import ADMIN_ROLE, Principal
from domain.errors import DomainError
from infra.audit.checkpoint import load_public_key
from infra.documents.bsre import BsreSigner
from infra.documents.codes import normalise
from infra.documents.signed import code_for, sign_and_record
from infra.documents.signing import DocumentSigner, LocalSigner, SigningError, code_of, generate_identity
from infra.documents.verify import GENUINE, verify_document
from projections.documents.view import signature_of

console = Console()
errors = Console(stderr=True, soft_wrap=True)


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[red]{message}[/red]", highlight=False)
    raise typer.Exit(code)


def _system():  # noqa: ANN202 - infra.bootstrap.System
    from infra.bootstrap import build
    from infra.tenancy.tenants import current_settings

    return build(current_settings(), migrate=False)


def identity(
    name: Annotated[str, typer.Option(help="The signer's name (the certificate's common name).")],
    out: Annotated[Path, typer.Option(help="Directory for signer-key.pem and signer-cert.pem.")],
) -> None:
    """A key and self-signed certificate for development and tests (never for real letters)."""
    key, cert = generate_identity(name)
    out.mkdir(parents=True, exist_ok=True)
    (out / "signer-key.pem").write_bytes(key)
    (out / "signer-key.pem").chmod(0o600)
    (out / "signer-cert.pem").write_bytes(cert)
    console.print(f"Wrote {out / 'signer-key.pem'} and {out / 'signer-cert.pem'}")


def _signer(
    key: Path | None,
    cert: Path | None,
    bsre_url: str | None,
    client_id: str,
    secret: str,
    nik: str,
    passphrase: str,
) -> DocumentSigner:
    if bsre_url:
        if not (client_id and secret and nik and passphrase):
            _fail("BSrE needs --bsre-client-id, BSRE_CLIENT_SECRET, --nik and BSRE_PASSPHRASE.")
        return BsreSigner(bsre_url, client_id, secret, nik, passphrase)
    if key is None or cert is None:
        _fail("Give --key and --cert (a local signer), or --bsre-url (BSrE's signing API).")
    assert key is not None and cert is not None
    return LocalSigner.from_files(key, cert)


def sign(
    file: Annotated[Path | None, typer.Argument(help="A PDF to sign instead of rendering one.")] = None,
    code: Annotated[
        str | None, typer.Option(help="The document's verification code: render it and sign.")
    ] = None,
    position: Annotated[int | None, typer.Option(help="With FILE: the decision event's position.")] = None,
    kind: Annotated[str | None, typer.Option(help="With FILE: REQUEST_LETTER, REPLY, SURAT_TUGAS, …")] = None,
    signer_nip: Annotated[str, typer.Option("--as", help="NIP of the official signing.")] = "",
    signer_name: Annotated[str, typer.Option("--name", help="The signer's name, as on the letter.")] = "",
    out: Annotated[Path | None, typer.Option(help="Where to write the signed PDF.")] = None,
    admin: Annotated[bool, typer.Option(help="Sign as the administrator (an ADMIN decision).")] = False,
    key: Annotated[Path | None, typer.Option(help="Local signer: private key (PEM).")] = None,
    cert: Annotated[Path | None, typer.Option(help="Local signer: certificate (PEM).")] = None,
    bsre_url: Annotated[str | None, typer.Option(envvar="BSRE_URL", help="BSrE's signing API.")] = None,
    bsre_client_id: Annotated[str, typer.Option(envvar="BSRE_CLIENT_ID")] = "",
    bsre_client_secret: Annotated[str, typer.Option(envvar="BSRE_CLIENT_SECRET", hidden=True)] = "",
    nik: Annotated[str, typer.Option(help="BSrE: the signer's NIK.")] = "",
    passphrase: Annotated[str, typer.Option(envvar="BSRE_PASSPHRASE", hidden=True)] = "",
) -> None:
    """Sign a document of a decision (rendered from its events, by --code) and record the
    signature: who, when, the signed file's hash."""
    if not signer_nip or not signer_name:
        _fail("Give --as NIP and --name of the official signing.")
    if code is None and (file is None or position is None or kind is None):
        _fail("Give --code (render the document), or FILE with --position and --kind.")
    signer = _signer(key, cert, bsre_url, bsre_client_id, bsre_client_secret, nik, passphrase)
    system = _system()
    try:
        pdf, kind, position, found = _document(system, code, file, position, kind)
        actor = Principal(signer_nip, frozenset({ADMIN_ROLE}) if admin else frozenset())
        signed = sign_and_record(
            system.app,
            actor,
            pdf,
            kind=kind,
            position=position,
            code=found,
            signer=signer,
            signer_name=signer_name,
            files=system.settings.documents_dir,
        )
    except (DomainError, SigningError) as e:
        _fail(str(e), 1)
    finally:
        system.close()
    target = out or (file.with_name(f"{file.stem}.signed.pdf") if file else Path(f"{kind}-{found}.pdf"))
    target.write_bytes(signed.pdf)
    console.print(f"Signed {target}: verification code {signed.verify_code}, SHA-256 {signed.sha256}")


def _document(
    system: Any, code: str | None, file: Path | None, position: int | None, kind: str | None
) -> tuple[bytes, str, int, str]:
    """(pdf, kind, position, code): rendered from the events, or the given file."""
    if code is not None:
        from infra.documents.render import find_document, render_document

        ref = find_document(system, code)
        if ref is None:
            _fail(f"No document has the code {code}.", 1)
        doc = render_document(system, ref)
        return doc.pdf, doc.kind, doc.position, doc.verify_code
    assert file is not None and position is not None and kind is not None
    derived = code_for(system.app, kind, position)
    if derived is None:
        _fail(f"No event at position {position} is in the hash chain.", 1)
    assert derived is not None
    return file.read_bytes(), kind, position, derived


def verify(
    file: Annotated[Path, typer.Argument(help="The signed document (PDF).")],
    public_key: Annotated[
        Path | None, typer.Option(help="The inspectorate's Ed25519 public key (checkpoints).")
    ] = None,
    trust: Annotated[
        list[Path] | None, typer.Option(help="Trusted signer certificate(s) (PEM), e.g. BSrE's root.")
    ] = None,
    code: Annotated[str | None, typer.Option(help="The verification code, if the file names none.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The verdict as JSON.")] = False,
) -> None:
    """Is this document genuine? Checked against the ledger and its latest signed checkpoint."""
    pdf = file.read_bytes()
    found = normalise(code) if code else code_of(pdf)
    if not found:
        _fail("The file names no verification code (give --code).")
    assert found is not None
    system = _system()
    try:
        verdict = verify_document(
            system.app.recorder,  # type: ignore[arg-type]
            system.app.profile.id,
            found,
            signature_of(system.store, found),
            pdf=pdf,
            public_key=load_public_key(public_key) if public_key else None,
            trust_roots=[p.read_bytes() for p in trust or []],
        )
    finally:
        system.close()
    if as_json:
        console.print_json(json.dumps(verdict.public()))
    else:
        colour = "green" if verdict.status == GENUINE else "red"
        console.print(f"[{colour}]{verdict.status}[/] {found}", highlight=False)
        for line in verdict.faults + verdict.notes:
            console.print(f"  {line}", highlight=False)
    raise typer.Exit(0 if verdict.status == GENUINE else 1)
