"""Is this document genuine? Checked against the ledger itself, not against what the server says.

A document is GENUINE when (1) its decision's event and its signature's event are both in the
hash chain as recorded (each event's state still hashes to its chain entry), (2) the verification
code still derives from the decision's chain hash (a rewritten chain changes it), (3) the
signature event names the file's SHA-256, and, where a file is presented, (4) its PAdES
signature is intact over the whole file. The latest signed checkpoint is reported with whether
it covers the decision and still matches the chain (and its signature, given the inspectorate's
public key). Faults are named: ALTERED (the file differs from the one signed), NOT_IN_CHAIN (an
event missing or changed in the store, or the chain rewritten), UNKNOWN (no signed document has
this code). The read model only says where to look; every fact is re-read from the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any

import orjson
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from infra.audit.chain import GENESIS, link
from infra.audit.checkpoint import Checkpoint, signature_problem
from infra.audit.store import AuditTables, reading
from infra.documents.codes import verify_code
from infra.documents.signing import FIELD_PREFIX, sha256

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from infra.audit.chained import ChainedRecorder

GENUINE, ALTERED, NOT_IN_CHAIN, UNKNOWN = "GENUINE", "ALTERED", "NOT_IN_CHAIN", "UNKNOWN"


@dataclass
class Verdict:
    status: str
    verify_code: str
    faults: list[str] = field(default_factory=list)  # in people's terms, English
    notes: list[str] = field(default_factory=list)
    kind: str | None = None
    signed_at: str | None = None
    signer_backend: str | None = None
    sha256: str | None = None  # of the signed file, as the ledger records it
    checkpoint: dict[str, Any] | None = None

    def public(self) -> dict[str, Any]:
        """What `GET /verify/<code>` answers: nothing personal beyond what the document shows."""
        return {
            "status": self.status,
            "verifyCode": self.verify_code,
            "kind": self.kind,
            "signedAt": self.signed_at,
            "signerBackend": self.signer_backend,
            "sha256": self.sha256,
            "faults": self.faults,
            "notes": self.notes,
            "checkpoint": self.checkpoint,
        }


def verify_document(
    recorder: ChainedRecorder,
    tenant: str,
    code: str,
    signature: dict[str, Any] | None,
    *,
    pdf: bytes | None = None,
    presented_sha256: str | None = None,
    public_key: Ed25519PublicKey | None = None,
    trust_roots: list[bytes] | None = None,
) -> Verdict:
    """`signature`: the document_signatures row for `code` (None: never signed)."""
    if signature is None:
        return Verdict(UNKNOWN, code, ["No signed document carries this verification code."])
    verdict = Verdict(GENUINE, code)
    with reading(recorder) as tables:
        recorded = _signature_event(tables, int(signature["event_position"]), verdict)
        facts = recorded or signature
        verdict.kind, verdict.sha256 = facts["kind"], facts["sha256"]
        verdict.signed_at, verdict.signer_backend = signature["signed_at"], facts["signer_backend"]
        position = int(facts["position"])
        decision = _in_chain(tables, position, "the decision's event", verdict)
        if decision and verify_code(tenant, facts["kind"], position, decision[1]) != code:
            _fault(
                verdict,
                NOT_IN_CHAIN,
                f"The chain was rewritten at the decision (position {position}): the verification "
                "code no longer derives from its hash.",
            )
        seqs = [decision[0]] if decision else []
        verdict.checkpoint = _checkpoint(tables, max(seqs, default=0), public_key, verdict)
    if presented_sha256 is not None and presented_sha256.lower() != verdict.sha256:
        _fault(verdict, ALTERED, "The file's SHA-256 is not the one recorded when it was signed.")
    if pdf is not None:
        _check_file(pdf, code, verdict, trust_roots)
    return verdict


def _fault(verdict: Verdict, status: str, message: str) -> None:
    verdict.faults.append(message)
    if verdict.status == GENUINE or (status == NOT_IN_CHAIN and verdict.status == ALTERED):
        verdict.status = status  # the ledger's fault outranks the file's: nothing can be trusted then


def _in_chain(tables: AuditTables, position: int, what: str, verdict: Verdict) -> tuple[int, bytes] | None:
    """(seq, chain hash) of the event at `position` if its state still hashes to its entry."""
    row = tables.chain_of_event(position)
    events = tables.events_after(position - 1, 1)
    if row is None or not events or events[0].notification_id != position:
        _fault(verdict, NOT_IN_CHAIN, f"{what.capitalize()} (position {position}) is not in the chain.")
        return None
    previous = GENESIS if row.seq == 1 else _hash_at(tables, row.seq - 1)
    if previous is None or link(previous, events[0]) != row.hash:
        _fault(
            verdict,
            NOT_IN_CHAIN,
            f"{what.capitalize()} (position {position}) was changed in the store after it was recorded: "
            "it no longer matches its entry in the hash chain.",
        )
        return None
    return row.seq, row.hash


def _hash_at(tables: AuditTables, seq: int) -> bytes | None:
    rows = tables.chain_after(seq - 1, 1)
    return rows[0].hash if rows and rows[0].seq == seq else None


def _signature_event(tables: AuditTables, position: int, verdict: Verdict) -> dict[str, Any] | None:
    """The signature's own event, re-read from the store (the read model only says where)."""
    if _in_chain(tables, position, "the signature's event", verdict) is None:
        return None
    state = tables.events_after(position - 1, 1)[0].state
    try:
        recorded = orjson.loads(state)
        return {k: recorded[k] for k in ("kind", "position", "sha256", "signer_backend", "verify_code")}
    except (orjson.JSONDecodeError, KeyError, TypeError):
        _fault(verdict, NOT_IN_CHAIN, f"The event at position {position} is not a signature.")
        return None


def _checkpoint(
    tables: AuditTables, seq: int, public_key: Ed25519PublicKey | None, verdict: Verdict
) -> dict[str, Any] | None:
    row = tables.latest_checkpoint()
    if row is None:
        verdict.notes.append("No checkpoint has been signed yet: the chain is anchored by no signature.")
        return None
    cp = Checkpoint.from_row(row)
    covers = bool(seq) and cp.seq >= seq
    answer: dict[str, Any] = {
        "seq": cp.seq,
        "headHash": cp.head_hash,
        "signedAt": cp.signed_at,
        "publicKeyFingerprint": cp.public_key_fingerprint,
        "coversDecision": covers,
        "signatureChecked": public_key is not None,
    }
    if not covers:
        verdict.notes.append(
            f"The latest checkpoint (position {cp.seq}, signed at {cp.signed_at}) does not cover the "
            "decision yet: it is in the chain, not yet under a signed checkpoint."
        )
    head = _hash_at(tables, cp.seq) if cp.seq else GENESIS
    if head is None or head.hex() != cp.head_hash:
        _fault(verdict, NOT_IN_CHAIN, f"The chain was rewritten since the checkpoint at position {cp.seq}.")
    if public_key is not None:
        problem = signature_problem(cp, public_key)
        if problem:
            _fault(verdict, NOT_IN_CHAIN, problem)
    return answer


def _check_file(pdf: bytes, code: str, verdict: Verdict, trust_roots: list[bytes] | None) -> None:
    if sha256(pdf) != verdict.sha256:
        _fault(
            verdict, ALTERED, "This file is not the one signed: its SHA-256 differs from the one recorded."
        )
    problem = signature_fault(pdf, code, trust_roots)
    if problem:
        _fault(verdict, ALTERED, problem)


def signature_fault(pdf: bytes, code: str, trust_roots: list[bytes] | None = None) -> str | None:
    """None if the file's PAdES signature for `code` is intact over the whole file (and, given
    trust roots, chains to one of them), else what is wrong."""
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        sigs = [s for s in reader.embedded_signatures if s.field_name == FIELD_PREFIX + code]
        if not sigs:
            return "The file carries no signature for this verification code."
        roots = [_der(pem) for pem in trust_roots or []]
        # Without trust roots only integrity is checked: the signer's own certificate stands in,
        # so the validator does not log a "self-signed" path failure that is not a fault here.
        context = ValidationContext(trust_roots=roots or [sigs[0].signer_cert], allow_fetching=False)
        status = validate_pdf_signature(sigs[0], context)
    except (PdfError, ValueError, KeyError, TypeError) as e:  # a broken file is a fault, not a crash
        return f"The file's signature cannot be read: {e}"
    if not (status.intact and status.valid):
        return "The file was altered after signing: its signature no longer matches its content."
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "Content was added to the file after it was signed."
    if roots and not status.trusted:
        return "The signature does not chain to a trusted certificate."
    return None


def _der(pem: bytes) -> asn1_x509.Certificate:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)
    )
