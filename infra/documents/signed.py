"""Signing a rendered document and recording the signature: whether the actor holds the deciding
role is checked first, then the signer's PAdES signature, `SignDocument` through the pipeline
(which checks again), and the signed file kept by its SHA-256."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from application.commands.documents import SignDocument
from application.handlers.documents import signing_capacity
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
    # Refuse before anything is signed (BSrE signs with the official's own certificate); the
    # handler checks again when recording, against the state it then reads.
    decision = getattr(app.repo.decision_at(position), "decision", None)
    if isinstance(decision, dict) and "capacity" in decision:
        signing_capacity(actor, decision, app.roles)
    signed = signer.sign(pdf, SignRequest(code, signer_name, location=location))
    digest = sha256(signed)
    app.handle(
        actor,
        SignDocument(
            verify_code=code, kind=kind, position=position, sha256=digest, signer_backend=signer.backend
        ),
    )
    files.mkdir(parents=True, exist_ok=True)
    path = kept(files, digest)  # only once recorded: a refused signature leaves no file behind
    path.write_bytes(signed)
    return SignedFile(code, digest, signed, path)
