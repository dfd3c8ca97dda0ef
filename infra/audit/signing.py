"""Signing a checkpoint: only once the chain verifies (so the signature never vouches for a
tampered chain). Apart from `checkpoint`, which `verify` reads, so the two never import each other."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from infra.audit.checkpoint import Checkpoint, fingerprint, statement
from infra.audit.store import writing
from infra.audit.verify import verify_chain

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from infra.audit.chained import ChainedRecorder


def sign_checkpoint(
    recorder: ChainedRecorder,
    private_key: Ed25519PrivateKey,
    *,
    full: bool = True,
    now: datetime | None = None,
) -> Checkpoint:
    """Sign the current head, but only once the chain verifies: from the first event (full),
    or from the latest checkpoint (enough to extend a signed chain soundly, and quick)."""
    result = verify_chain(recorder, private_key.public_key(), since_checkpoint=not full)
    if not result.ok:
        raise ValueError(f"refusing to sign: {result.first_problem}")
    signed_at = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    head = result.head_hash or bytes(32).hex()
    signature = private_key.sign(statement(result.head_seq, head, signed_at))
    checkpoint = Checkpoint(
        result.head_seq, head, signed_at, signature, fingerprint(private_key.public_key())
    )
    with writing(recorder) as tables:
        tables.insert_checkpoint(*checkpoint.__dict__.values())
    return checkpoint
