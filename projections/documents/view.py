"""Read model of the signatures on documents rendered from decisions: one row per signed
document, by its verification code. The render feature reads signedBy/signedAt from it;
`GET /verify/<code>` finds here which events to check in the chain (the decision's position and
the signature's own, `event_position`)."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.document import SignedDocument
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS document_signatures (verify_code TEXT PRIMARY KEY, kind TEXT NOT NULL,"
    " position BIGINT NOT NULL, decision_id TEXT NOT NULL, signer_nip TEXT NOT NULL,"
    " signed_at TEXT NOT NULL, sha256 TEXT NOT NULL, signer_backend TEXT NOT NULL,"
    " event_position BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS document_signatures_decision ON document_signatures (decision_id)",
]


class DocumentsView:
    tables = ["document_signatures"]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor, notification)

    @eventmethod
    def on(self, event: Any, cursor: Cursor, notification: Notification) -> None:
        """Other events sign nothing."""

    @on.register
    def _(self, e: SignedDocument.Signed, cursor: Cursor, notification: Notification) -> None:
        cursor.execute(
            "INSERT INTO document_signatures (verify_code, kind, position, decision_id, signer_nip,"
            " signed_at, sha256, signer_backend, event_position) VALUES (:code, :kind, :position,"
            " :decision, :signer, :at, :sha256, :backend, :event_position)",
            {
                "code": e.verify_code,
                "kind": e.kind,
                "position": e.position,
                "decision": e.decision_id,
                "signer": e.signer_nip,
                "at": e.timestamp.isoformat(),
                "sha256": e.sha256,
                "backend": e.signer_backend,
                "event_position": notification.id,
            },
        )


def signature_of(store: Any, verify_code: str) -> dict[str, Any] | None:
    rows = store.query("SELECT * FROM document_signatures WHERE verify_code = :code", {"code": verify_code})
    return rows[0] if rows else None
