"""Naming a problem in people's terms, once the verifier has found where the chain breaks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from infra.audit.chain import ChainEvent, ChainRow, link

if TYPE_CHECKING:
    from infra.audit.checkpoint import Checkpoint
    from infra.audit.store import AuditTables


@dataclass(frozen=True)
class Problem:
    kind: str  # altered | deleted | inserted | reordered | chain_altered | checkpoint_*
    message: str
    seq: int | None = None
    event: ChainEvent | None = None
    notification_id: int | None = None


def record_id(stored_id: str) -> str:
    """The id as people see it elsewhere (SQLite stores UUIDs as bare hex)."""
    try:
        return str(UUID(stored_id))
    except ValueError:
        return stored_id


def describe(e: ChainEvent) -> str:
    # "domain.assignment:Assignment.Approved" -> "Assignment.Approved"
    name = e.topic.rpartition(":")[2] or "event"
    return (
        f"#{e.notification_id}, {name} of record {record_id(e.originator_id)} version {e.originator_version}"
    )


def inserted(e: ChainEvent, where: str) -> Problem:
    return Problem(
        "inserted",
        f"Event {describe(e)} was inserted: it has no entry in the chain ({where}), "
        "so the application never stored it.",
        event=e,
        notification_id=e.notification_id,
    )


def missing(c: ChainRow) -> Problem:
    return Problem(
        "deleted",
        f"Event #{c.notification_id} was deleted: the chain recorded it at position {c.seq}, "
        "but the event table no longer holds it.",
        seq=c.seq,
        notification_id=c.notification_id,
    )


def mismatch(
    tables: AuditTables, e: ChainEvent, c: ChainRow, prev_hash: bytes, prev_nid: int, window: int
) -> Problem:
    """Event e does not hash to chain row c. Tell an edit of the event from an edit of the
    chain entry and from events that changed places, by looking a window ahead."""
    events = tables.events_after(prev_nid, window)  # events[0] is e
    chain = tables.chain_after(c.seq - 1, window)  # chain[0] is c
    recomputed = link(prev_hash, e)
    found = dict(seq=c.seq, event=e, notification_id=e.notification_id)
    if (
        len(events) > 1
        and len(chain) > 1
        and chain[1].notification_id == events[1].notification_id
        and link(recomputed, events[1]) == chain[1].hash
    ):  # the next entry still links from the true hash: only the stored hash was edited
        return Problem(
            "chain_altered",
            f"The chain entry at position {c.seq} (event #{e.notification_id}) was edited; "
            "the event itself is intact.",
            **found,
        )
    prev_of = {c.seq: prev_hash} | {row.seq + 1: row.hash for row in chain}
    by_nid = {row.notification_id: row for row in chain}
    for other in events[1:]:
        row = by_nid.get(other.notification_id)
        before = prev_of.get(row.seq) if row else None
        if row is None or before is None:
            continue
        if link(before, e._replace(notification_id=other.notification_id)) == row.hash:
            return Problem(
                "reordered",
                f"Event {describe(e)} was moved: the chain recorded it as "
                f"#{other.notification_id}. The order of events was changed.",
                **found,
            )
        for swapped in (other._replace(state=e.state), other._replace(topic=e.topic, state=e.state)):
            if link(before, swapped) != row.hash:
                continue
            if link(before, other) == row.hash:  # #other is intact: #e was overwritten, not swapped
                return Problem(
                    "altered",
                    f"Event {describe(e)} was altered: its content was replaced with a copy "
                    f"of event #{other.notification_id}'s.",
                    **found,
                )
            return Problem(
                "reordered",
                f"Events #{e.notification_id} and #{other.notification_id} had their contents "
                f"swapped: event {describe(e)} now holds what was saved as "
                f"#{other.notification_id}.",
                **found,
            )
    jump = ""
    if e.notification_id > prev_nid + 1:
        jump = (
            f" (Or events #{prev_nid + 1}…#{e.notification_id - 1} were deleted together with "
            "their chain entries and the chain renumbered.)"
        )
    return Problem(
        "altered",
        f"Event {describe(e)} was altered: its stored content no longer matches the chain "
        f"entry written when it was saved.{jump}",
        **found,
    )


def gap(first: int, last: int, after_nid: int) -> Problem:
    span = f"position {first} is" if first == last else f"positions {first}…{last} are"
    return Problem(
        "deleted",
        f"Chain {span} missing: the events recorded there (after #{after_nid}) were deleted "
        "together with their chain entries.",
        seq=first,
    )


def truncated(cp: Checkpoint, seq: int) -> Problem:
    return Problem(
        "deleted",
        f"The checkpoint signed at {cp.signed_at} covers {cp.seq} events, but the chain now "
        f"ends at position {seq}: the last {cp.seq - seq} events were deleted together with "
        "their chain entries.",
        seq=seq + 1,
    )


def rewritten(cp: Checkpoint, head: bytes) -> Problem:
    return Problem(
        "checkpoint_mismatch",
        f"The record was rewritten: at position {cp.seq} the chain head is now "
        f"{head.hex()[:16]}…, but the checkpoint signed at {cp.signed_at} states "
        f"{cp.head_hash[:16]}…. One or more of the first {cp.seq} events were changed and the "
        "chain recomputed to hide it.",
        seq=cp.seq,
    )
