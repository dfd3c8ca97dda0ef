"""Client idempotency keys: a retried command returns its first result and records nothing new;
the same key with a different command is refused (application.pipeline does the work).

The key is an aggregate whose id is derived from the caller and the key, saved in the SAME
transaction as the command's events. A retry collides on version 1, so on both stores the key and
the command's effect are recorded together or not at all.
"""

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

_NAMESPACE = UUID("1d3c8a52-52c4-4a8f-8f6b-6b1c3c1e2a10")


def key_id(nip: str, key: str) -> UUID:
    return uuid5(_NAMESPACE, f"{nip}\x00{key}")


class IdempotencyKey(Aggregate):
    @staticmethod
    def create_id(nip: str, key: str, **_: Any):
        return key_id(nip, key)

    @event("Used")
    def __init__(
        self, nip: str, key: str, command: str, fingerprint: str, result_ids: list[str], result: Any = None
    ):
        # `result`: what the pipeline answered (keys recorded before it existed carry only the ids).
        self.nip, self.key, self.command = nip, key, command
        self.fingerprint, self.result_ids, self.result = fingerprint, result_ids, result
