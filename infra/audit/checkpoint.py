"""Signed checkpoints: "at position <seq> the chain head was <hash>", signed with Ed25519.

A checkpoint pins every event up to <seq>: rewriting any of them, even with a recomputed chain,
changes the head. Checkpoints are stored in `chain_checkpoint` and printed as JSON lines, which
the inspectorate should archive outside the database (`verify --archive`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature

from infra.audit.keys import (  # re-exported: the key functions belong to this feature's API
    fingerprint,
    generate_keypair,
    load_private_key,
    load_public_key,
)
from infra.audit.store import reading

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from infra.audit.chained import ChainedRecorder

__all__ = [
    "ArchiveError",
    "Checkpoint",
    "fingerprint",
    "generate_keypair",
    "latest_checkpoint",
    "load_private_key",
    "load_public_key",
    "read_archive",
    "signature_problem",
    "statement",
    "verify_checkpoint",
]


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head_hash: str  # hex
    signed_at: str  # ISO 8601, UTC; stored as text so the signed bytes survive the round trip
    signature: bytes
    public_key_fingerprint: str

    def statement(self) -> bytes:
        return statement(self.seq, self.head_hash, self.signed_at)

    def to_json(self) -> str:
        return json.dumps(self.__dict__ | {"signature": self.signature.hex()})

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Checkpoint:
        signature = row["signature"]
        signature = bytes.fromhex(signature) if isinstance(signature, str) else bytes(signature)
        return cls(
            int(row["seq"]),
            row["head_hash"],
            row["signed_at"],
            signature,
            row["public_key_fingerprint"],
        )


CHECKPOINT_FIELDS = ("seq", "head_hash", "signed_at", "signature", "public_key_fingerprint")


def statement(seq: int, head_hash: str, signed_at: str) -> bytes:
    return (
        f"sistemkerja event chain checkpoint v1\nseq: {seq}\nhead: {head_hash}\nsigned_at: {signed_at}\n"
    ).encode()


def verify_checkpoint(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> bool:
    return signature_problem(checkpoint, public_key) is None


def signature_problem(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> str | None:
    """None if the checkpoint was signed by this key and not changed since, else why not."""
    where = f"The checkpoint at position {checkpoint.seq} signed at {checkpoint.signed_at}"
    mine = fingerprint(public_key)
    if checkpoint.public_key_fingerprint != mine:
        return (
            f"{where} was not signed with the key you hold (it names key "
            f"{checkpoint.public_key_fingerprint[:16]}…, yours is {mine[:16]}…)."
        )
    try:
        public_key.verify(checkpoint.signature, checkpoint.statement())
    except InvalidSignature:
        return f"{where} has an invalid signature: it was forged or edited."
    return None


def latest_checkpoint(recorder: ChainedRecorder) -> Checkpoint | None:
    with reading(recorder) as tables:
        row = tables.latest_checkpoint()
    return Checkpoint.from_row(row) if row else None


class ArchiveError(ValueError):
    """The archive cannot be read: which file, which line, and why."""


def read_archive(path: str | Path) -> list[Checkpoint]:
    """Checkpoints kept outside the database: one JSON object per line, as printed on signing.
    Blank lines are skipped; any other line that is not a checkpoint is an ArchiveError naming
    its line number, since a verification that skipped it would trust less than it says."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ArchiveError(f"Cannot read the archive {path}: {e}") from None
    checkpoints = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            checkpoints.append(_archived(path, number, line))
    return checkpoints


def _archived(path: str | Path, number: int, line: str) -> Checkpoint:
    where = f"{path}, line {number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise ArchiveError(f"{where} is not JSON ({e.msg}): {line[:60]!r}") from None
    if not isinstance(row, dict):
        raise ArchiveError(f"{where} is not a checkpoint object: {line[:60]!r}")
    missing = [name for name in CHECKPOINT_FIELDS if name not in row]
    if missing:
        raise ArchiveError(f"{where} is not a checkpoint: it has no {', '.join(missing)}.")
    try:
        return Checkpoint.from_row(row)
    except (TypeError, ValueError) as e:
        raise ArchiveError(f"{where} is not a valid checkpoint: {e}") from None
