"""Commands on documents: the signature on a letter rendered from a decision (issue 12)."""

from dataclasses import dataclass

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class SignDocument(Command):
    verify_code: str  # infra.documents.codes: derived from the decision's position and chain hash
    kind: str  # the document kind (REQUEST_LETTER, REPLY, SURAT_TUGAS, KEPUTUSAN_TIM, LAPORAN)
    position: int  # the decision event's position in the store
    sha256: str  # of the signed PDF
    signer_backend: str  # "local", "bsre"
