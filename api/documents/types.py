"""`documents { kind number signedBy signedAt downloadUrl verifyCode }` on Assignment, Team and
Report: the letters a decision has, generated from its events (infra.documents)."""

from datetime import datetime
from typing import Any

import strawberry
from strawberry.types import Info

from api.context import blocking, context
from api.scalars import instant
from infra.documents.content import build
from infra.documents.kinds import DocumentKind, documents_of
from infra.documents.letterhead import letterhead
from infra.documents.render import chain_hashes, code_of

DocumentKindType = strawberry.enum(
    DocumentKind,
    name="DocumentKind",
    description="REQUEST_LETTER (surat permohonan), REPLY (surat jawaban: officials named or the "
    "refusal), SURAT_TUGAS, KEPUTUSAN_TIM (the team's Keputusan), LAPORAN (laporan pelaksanaan tugas).",
)


@strawberry.type(description="A document (naskah dinas) generated from the events of its decision.")
class Document:
    kind: DocumentKindType  # type: ignore[valid-type]
    number: str = strawberry.field(description="Its number: the register's, or the letterhead's template.")
    verify_code: str = strawberry.field(description="Printed on it with its QR code: GET /verify/<code>.")
    download_url: str = strawberry.field(description="GET it with the same token: the PDF.")
    signed_by: str | None = strawberry.field(description="The signer's NIP; null until signed.")
    signed_at: datetime | None = strawberry.field(description="Null until signed.")


def _signatures(store: Any, codes: list[str]) -> dict[str, dict]:
    """The latest signature of each code, from the signatures' read model where it exists."""
    exists = (
        "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name = 'document_signatures'"
        if store.dialect == "sqlite"
        else "SELECT to_regclass('document_signatures') AS t"
    )
    if not codes or not (rows := store.query(exists)) or rows[0]["t"] is None:
        return {}
    names = {f"c{i}": code for i, code in enumerate(codes)}
    found = store.query(
        "SELECT verify_code, signer_nip, signed_at FROM document_signatures"
        f" WHERE verify_code IN ({', '.join(':' + n for n in names)}) ORDER BY signed_at",
        names,
    )
    return {row["verify_code"]: row for row in found}


def list_documents(system: Any, aggregate_id: str) -> list[Document]:
    refs = documents_of(system, aggregate_id)
    head = letterhead(system.app.letterhead_id)
    hashes = chain_hashes(system, [ref.position for ref in refs])
    codes = [code_of(system, ref, hashes.get(ref.position, bytes(32))) for ref in refs]
    signed = _signatures(system.store, codes)
    out = []
    for ref, code in zip(refs, codes, strict=True):
        letter, _ = build(system, ref, head)
        signature = signed.get(code) or {}
        out.append(
            Document(
                kind=ref.kind,
                number=letter.number,
                verify_code=code,
                download_url=f"/documents/{code}.pdf",
                signed_by=signature.get("signer_nip"),
                signed_at=instant(signature["signed_at"]) if signature.get("signed_at") else None,
            )
        )
    return out


async def documents(info: Info, aggregate_id: str) -> list[Document]:
    return await blocking(list_documents, context(info), aggregate_id)
