"""Signing a rendered document and recording the signature: the signer's PAdES signature, the
signed file kept by its SHA-256, then `SignDocument` through the pipeline (which refuses anyone
not holding the deciding role now; the kept file is then simply never referenced)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from application.commands.documents import SignDocument
from application.principal import Principal
from infra.audit.store import reading
from infra.documents.codes import verify_code
from infra.documents.signing import DocumentSigner, SignRequest, sha256

if TYPE_CHECKING:
    from application.sistemkerja import SistemKerja
    from infra.audit.chained import ChainedRecorder


@dataclass(frozen=True)
class SignedFile:
    verify_code: str
    sha256: str
    pdf: bytes
    path: Path


def chain_hash(recorder: ChainedRecorder, position: int) -> bytes | None:
    with reading(recorder) as tables:
        row = tables.chain_of_event(position)
    return row.hash if row else None


def code_for(app: SistemKerja, kind: str, position: int) -> str | None:
    """The document's verification code: tenant = the profile's id (as render uses it)."""
    found = chain_hash(app.recorder, position)  # type: ignore[arg-type]
    return verify_code(app.profile.id, kind, position, found) if found else None


def kept(files: Path, digest: str) -> Path:
    return files / f"{digest}.pdf"


def sign_and_record(
    app: SistemKerja,
    actor: Principal,
    pdf: bytes,
    *,
    kind: str,
    position: int,
    code: str,
    signer: DocumentSigner,
    signer_name: str,
    files: Path,
    location: str | None = None,
) -> SignedFile:
    signed = signer.sign(pdf, SignRequest(code, signer_name, location=location))
    digest = sha256(signed)
    files.mkdir(parents=True, exist_ok=True)
    path = kept(files, digest)
    path.write_bytes(signed)
    app.handle(
        actor,
        SignDocument(
            verify_code=code, kind=kind, position=position, sha256=digest, signer_backend=signer.backend
        ),
    )
    return SignedFile(code, digest, signed, path)
