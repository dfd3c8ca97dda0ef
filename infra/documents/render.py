"""The package's public API: `documents_of` (infra.documents.kinds) lists a decision's documents,
`render_document` makes one as a PDF from the events, `find_document` finds one by its code."""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from infra.audit.chain import CHAIN_TABLE
from infra.documents import lookup
from infra.documents.codes import verify_code
from infra.documents.content import build
from infra.documents.kinds import DocumentRef, another_governments, documents_of
from infra.documents.layout import draw
from infra.documents.letterhead import letterhead

__all__ = ["Rendered", "documents_of", "find_document", "render_document", "code_of"]


@dataclass(frozen=True)
class Rendered:
    kind: str
    number: str
    pdf: bytes
    position: int
    verify_code: str
    signer_nip: str | None
    signer_role: str


def chain_hashes(system: Any, positions: list[int]) -> dict[int, bytes]:
    """{position: hash} from the event chain (written in the same transaction as the event)."""
    recorder: Any = getattr(system.app, "recorder", None)
    if not positions or not hasattr(recorder, "audit_transaction"):
        return {}  # a store without the chain (in-memory, tests): no hash to derive from
    with recorder.audit_transaction(commit=False) as cursor:
        cursor.execute(*_hashes_query(recorder, positions))
        return {row["notification_id"]: bytes(row["hash"]) for row in cursor.fetchall()}


def _hashes_query(recorder: Any, positions: list[int]) -> tuple[Any, Any]:
    datastore = getattr(recorder, "datastore", None)
    schema = getattr(datastore, "schema", None)
    if schema is not None:  # PostgreSQL: the chain table in the store's schema
        from psycopg.sql import SQL, Identifier

        query = SQL("SELECT notification_id, hash FROM {}.{} WHERE notification_id = ANY(%s)")
        return query.format(Identifier(schema), Identifier(CHAIN_TABLE)), [positions]
    marks = ", ".join("?" * len(positions))
    return f"SELECT notification_id, hash FROM {CHAIN_TABLE} WHERE notification_id IN ({marks})", positions


def code_of(system: Any, ref: DocumentRef, event_hash: bytes | None = None) -> str:
    if event_hash is None:
        event_hash = chain_hashes(system, [ref.position]).get(ref.position, bytes(32))
    return verify_code(system.app.profile.id, ref.kind.value, ref.position, event_hash)


def render_document(system: Any, ref: DocumentRef | str) -> Rendered:
    """The document, from the events of its decision; `ref` may be a verification code."""
    if isinstance(ref, str):
        found = find_document(system, ref)
        if found is None:
            raise LookupError(ref)
        ref = found
    head = letterhead(system.app.letterhead_id)
    letter, event = build(system, ref, head)
    code = code_of(system, ref)
    pdf = draw(letter, head, code, event.timestamp)
    return Rendered(
        ref.kind.value, letter.number, pdf, ref.position, code, letter.signer.nip, letter.signer.role
    )


def find_document(system: Any, code: str) -> DocumentRef | None:
    """The document a verification code names (infra.documents.lookup), or None."""
    ref = lookup.find(system, code, chain_hashes)
    if ref is None:
        return None
    [event] = system.app.events.get(UUID(ref.aggregate_id), gt=ref.version - 1, lte=ref.version)
    return None if another_governments(event) else ref


def aggregate_uuid(ref: DocumentRef) -> UUID:
    return UUID(ref.aggregate_id)
