"""A signed document (naskah dinas): the fact that the official holding the deciding role signed
the letter rendered from a decision, with the signed file's SHA-256 and the signer's backend.

One stream per document, named by its verification code, so a document is signed once: a
second signature collides on version 1 (DOCUMENT_ALREADY_SIGNED). The signed PDF itself is kept
outside the event (content-addressed by its SHA-256); the event pins which file is genuine.
"""

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from domain.ids import _NAMESPACE


def document_id(verify_code: str) -> UUID:
    return uuid5(_NAMESPACE, f"document:{verify_code}")


class SignedDocument(Aggregate):
    @staticmethod
    def create_id(verify_code: str, **_: Any) -> UUID:
        return document_id(verify_code)

    @event("Signed")
    def __init__(
        self,
        verify_code: str,
        kind: str,
        position: int,
        decision_id: str,
        signer_nip: str,
        sha256: str,
        signer_backend: str,
        decision: dict,
    ):
        self.verify_code, self.kind, self.position = verify_code, kind, position
        self.decision_id, self.signer_nip = decision_id, signer_nip
        self.sha256, self.signer_backend = sha256, signer_backend
        self.legal_basis = decision["legal_basis"]
