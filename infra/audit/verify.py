"""Recompute the chain from the first event and report the first thing that does not match."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from infra.audit import diagnose
from infra.audit.chain import GENESIS, ChainEvent, ChainRow, link
from infra.audit.checkpoint import Checkpoint, signature_problem
from infra.audit.diagnose import Problem
from infra.audit.store import AuditTables, paged, reading

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from infra.audit.chained import ChainedRecorder


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int  # chain positions recomputed and found matching
    first_problem: str | None = None  # in people's terms
    kind: str | None = None  # see diagnose.Problem.kind
    notification_id: int | None = None
    seq: int | None = None  # chain position of the problem
    originator_id: str | None = None
    originator_version: int | None = None
    head_seq: int = 0
    head_hash: str | None = None  # hex, of the last position checked
    checkpoint: Checkpoint | None = None  # the latest one whose signature verified
    uncovered: int = 0  # events after that checkpoint, not yet covered by a signature
    notes: tuple[str, ...] = ()


def verify_chain(
    recorder: ChainedRecorder,
    public_key: Ed25519PublicKey | None,
    *,
    archived: Sequence[Checkpoint] = (),
    batch_size: int = 5000,
    since_checkpoint: bool = False,
) -> VerifyResult:
    """Everything is read in one snapshot. The head is compared with the latest checkpoint in
    the database and with any archived ones. With since_checkpoint, start from the latest valid
    checkpoint's head instead of the first event (enough before signing the next one)."""
    with reading(recorder) as tables:
        row = tables.latest_checkpoint()
        checkpoints = ([Checkpoint.from_row(row)] if row else []) + list(archived)
        trusted, invalid, notes = trusted_checkpoints(checkpoints, public_key)
        walk = _Walk(tables, batch_size, trusted)
        problem = walk.start_at(max(trusted, key=_seq)) if since_checkpoint and trusted else None
        # Positional problems first: the earliest broken position is the one to report.
        problem = problem or walk.run() or walk.truncated() or invalid
    return _result(walk, max(trusted, key=_seq, default=None), problem, notes)


def _seq(cp: Checkpoint) -> int:
    return cp.seq


class _Walk:
    def __init__(self, tables: AuditTables, batch: int, checkpoints: list[Checkpoint]) -> None:
        self.tables, self.batch = tables, batch
        self.checkpoints: dict[int, list[Checkpoint]] = {}
        for cp in checkpoints:
            self.checkpoints.setdefault(cp.seq, []).append(cp)
        self.seq, self.hash, self.nid, self.checked = 0, GENESIS, 0, 0

    def start_at(self, cp: Checkpoint) -> diagnose.Problem | None:
        rows = self.tables.chain_after(cp.seq - 1, 1) if cp.seq else []
        if cp.seq and (not rows or rows[0].seq != cp.seq or rows[0].hash.hex() != cp.head_hash):
            return diagnose.rewritten(cp, rows[0].hash if rows else b"")
        if rows:
            self.seq, self.hash, self.nid = cp.seq, rows[0].hash, rows[0].notification_id
        return None

    def run(self) -> diagnose.Problem | None:
        events = paged(self.tables.events_after, "notification_id", self.batch, self.nid)
        chain = paged(self.tables.chain_after, "seq", self.batch, self.seq)
        e, c = next(events, None), next(chain, None)
        while e is not None or c is not None:
            problem = self._step(e, c)
            if problem is not None:
                return problem
            e, c = next(events, None), next(chain, None)
        return None

    def _step(self, e: ChainEvent | None, c: ChainRow | None) -> diagnose.Problem | None:
        if c is None:
            assert e is not None
            return diagnose.inserted(e, "it comes after the last chain entry")
        if c.seq != self.seq + 1:
            return diagnose.gap(self.seq + 1, c.seq - 1, self.nid)
        if e is None or e.notification_id > c.notification_id:
            return diagnose.missing(c)
        if e.notification_id < c.notification_id:
            return diagnose.inserted(e, f"the chain goes from #{self.nid} to #{c.notification_id}")
        h = link(self.hash, e)
        if h != c.hash:
            return diagnose.mismatch(self.tables, e, c, self.hash, self.nid, self.batch)
        self.seq, self.hash, self.nid, self.checked = c.seq, h, e.notification_id, self.checked + 1
        for cp in self.checkpoints.get(c.seq, ()):
            if h.hex() != cp.head_hash:
                return diagnose.rewritten(cp, h)
        return None

    def truncated(self) -> diagnose.Problem | None:
        cp = max((cps[0] for cps in self.checkpoints.values()), key=_seq, default=None)
        return diagnose.truncated(cp, self.seq) if cp and self.seq < cp.seq else None


def _result(
    walk: _Walk, cp: Checkpoint | None, problem: diagnose.Problem | None, notes: list[str]
) -> VerifyResult:
    uncovered = walk.seq - cp.seq if cp and problem is None else 0
    if uncovered > 0 and cp:
        notes.append(
            f"{uncovered} events after the latest checkpoint (position {cp.seq}, signed at "
            f"{cp.signed_at}) are not yet covered by a signature."
        )
    e = problem.event if problem else None
    return VerifyResult(
        ok=problem is None,
        checked=walk.checked,
        first_problem=problem.message if problem else None,
        kind=problem.kind if problem else None,
        notification_id=problem.notification_id if problem else None,
        seq=problem.seq if problem else None,
        originator_id=diagnose.record_id(e.originator_id) if e else None,
        originator_version=e.originator_version if e else None,
        head_seq=walk.seq,
        head_hash=walk.hash.hex() if walk.seq else None,
        checkpoint=cp,
        uncovered=max(uncovered, 0),
        notes=tuple(notes),
    )


def trusted_checkpoints(
    checkpoints: list[Checkpoint], public_key: Ed25519PublicKey | None
) -> tuple[list[Checkpoint], Problem | None, list[str]]:
    """The checkpoints signed by the inspectorate's key; the first that is not, as a problem."""
    if not checkpoints:
        return [], None, ["No checkpoint has been signed yet: the chain is anchored by no signature."]
    if public_key is None:
        return [], None, ["Checkpoints were not checked: no public key was given."]
    trusted, invalid = [], None
    for cp in checkpoints:
        reason = signature_problem(cp, public_key)
        if reason is None:
            trusted.append(cp)
        elif invalid is None:
            invalid = Problem("checkpoint_invalid", reason, seq=cp.seq)
    return trusted, invalid, []
