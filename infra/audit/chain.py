"""The hash chain itself: pure functions, no I/O.

hash(seq) = SHA-256(hash(seq - 1) || canonical(event)), hash(0) = 32 zero bytes.
The canonical form length-prefixes every field, so no two different events share an encoding.
"""

from __future__ import annotations

import hashlib
import struct
from typing import NamedTuple

GENESIS = bytes(32)
CHAIN_TABLE = "event_chain"
CHECKPOINT_TABLE = "chain_checkpoint"

_ID = struct.Struct(">qQ")  # notification_id (signed 64-bit, a BIGINT), then a length
_VERSION = struct.Struct(">qQ")  # originator_version, then the topic's length
_LEN = struct.Struct(">Q")


class ChainEvent(NamedTuple):
    """A stored event as the chain sees it: originator_id is the text the database holds."""

    notification_id: int
    originator_id: str
    originator_version: int
    topic: str
    state: bytes


def canonical(event: ChainEvent) -> bytes:
    """notification_id (8 bytes) | len, originator_id (UTF-8) | originator_version (8 bytes) |
    len, topic (UTF-8) | len, state. Integers big-endian; lengths are 8-byte unsigned."""
    oid, topic, state = event.originator_id.encode(), event.topic.encode(), bytes(event.state)
    return b"".join(
        (
            _ID.pack(event.notification_id, len(oid)),
            oid,
            _VERSION.pack(event.originator_version, len(topic)),
            topic,
            _LEN.pack(len(state)),
            state,
        )
    )


def link(prev_hash: bytes, event: ChainEvent) -> bytes:
    return hashlib.sha256(prev_hash + canonical(event)).digest()


def extend(head_seq: int, head_hash: bytes, events: list[ChainEvent]) -> list[tuple[int, int, bytes]]:
    """Chain rows (seq, notification_id, hash) for events appended after the head."""
    rows = []
    for event in sorted(events, key=lambda e: e.notification_id):
        head_seq += 1
        head_hash = link(head_hash, event)
        rows.append((head_seq, event.notification_id, head_hash))
    return rows


class ChainRow(NamedTuple):
    seq: int
    notification_id: int
    hash: bytes
