"""Signed checkpoints: "at position <seq> the chain head was <hash>", signed with Ed25519.

The inspectorate holds the public key; the server holds the private key. A checkpoint pins
every event up to <seq>: rewriting any of them, even with a recomputed chain, changes the head.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from infra.audit.diagnose import Problem
from infra.audit.store import reading, writing

if TYPE_CHECKING:
    from infra.audit.chained import ChainedRecorder
    from infra.audit.store import AuditTables

PRIVATE_KEY_FILE, PUBLIC_KEY_FILE = "checkpoint-signing.key", "checkpoint-signing.pub"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head_hash: str  # hex
    signed_at: str  # ISO 8601, UTC; stored as text so the signed bytes survive the round trip
    signature: bytes
    public_key_fingerprint: str

    def statement(self) -> bytes:
        return statement(self.seq, self.head_hash, self.signed_at)


def statement(seq: int, head_hash: str, signed_at: str) -> bytes:
    return (
        "sistemkerja event chain checkpoint v1\n"
        f"seq: {seq}\nhead: {head_hash}\nsigned_at: {signed_at}\n"
    ).encode()


def generate_keypair(out_dir: str | Path) -> tuple[Path, Path]:
    """Write an unencrypted PKCS#8 private key (mode 0600) and its public key; never overwrite."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    private_path, public_path = out / PRIVATE_KEY_FILE, out / PUBLIC_KEY_FILE
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    # O_EXCL: refuse to replace an existing key, whose checkpoints would then stop verifying.
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(private_pem)
    with open(public_path, "xb") as f:
        f.write(public_pem)
    return private_path, public_path


def load_private_key(path: str | Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key


def load_public_key(path: str | Path) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(Path(path).read_bytes())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} is not an Ed25519 public key")
    return key


def fingerprint(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def verify_checkpoint(checkpoint: Checkpoint, public_key: Ed25519PublicKey) -> bool:
    try:
        public_key.verify(checkpoint.signature, checkpoint.statement())
    except InvalidSignature:
        return False
    return True


def latest_checkpoint(recorder: ChainedRecorder) -> Checkpoint | None:
    with reading(recorder) as tables:
        rows = tables.checkpoints()
    return _checkpoint(rows[0]) if rows else None


def _checkpoint(row: dict) -> Checkpoint:
    return Checkpoint(
        row["seq"], row["head_hash"], row["signed_at"], bytes(row["signature"]),
        row["public_key_fingerprint"],
    )


def trusted_checkpoint(
    tables: AuditTables, public_key: Ed25519PublicKey | None
) -> tuple[Checkpoint | None, Problem | None, list[str]]:
    """The latest checkpoint if it verifies with the inspectorate's key, else the problem."""
    rows = tables.checkpoints()
    if not rows:
        return None, None, ["No checkpoint has been signed yet: the chain is anchored by no signature."]
    if public_key is None:
        return None, None, ["Checkpoints were not checked: no public key was given."]
    cp = _checkpoint(rows[0])
    where = f"The latest checkpoint (position {cp.seq}, signed at {cp.signed_at})"
    if cp.public_key_fingerprint != fingerprint(public_key):
        reason = (
            f"{where} was not signed with the key you hold (it names key "
            f"{cp.public_key_fingerprint[:16]}…, yours is {fingerprint(public_key)[:16]}…)."
        )
    elif not verify_checkpoint(cp, public_key):
        reason = f"{where} has an invalid signature: it was forged or edited."
    else:
        return cp, None, []
    return None, Problem("checkpoint_invalid", reason, seq=cp.seq), []


def sign_checkpoint(
    recorder: ChainedRecorder, private_key: Ed25519PrivateKey, now: datetime | None = None
) -> Checkpoint:
    """Sign the current head, after checking that the chain since the last checkpoint is
    intact: signing a tampered chain would launder the tampering."""
    from infra.audit.verify import verify_chain  # verify imports this module

    result = verify_chain(recorder, private_key.public_key(), since_checkpoint=True)
    if not result.ok:
        raise ValueError(f"refusing to sign: {result.first_problem}")
    signed_at = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")
    head = result.head_hash or bytes(32).hex()
    signature = private_key.sign(statement(result.head_seq, head, signed_at))
    checkpoint = Checkpoint(
        result.head_seq, head, signed_at, signature, fingerprint(private_key.public_key())
    )
    with writing(recorder) as tables:
        tables.insert_checkpoint(
            checkpoint.seq, checkpoint.head_hash, checkpoint.signed_at,
            checkpoint.signature, checkpoint.public_key_fingerprint,
        )
    return checkpoint
