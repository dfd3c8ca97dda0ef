"""Client idempotency keys: a retried command returns its first result and records nothing new;
the same key with a different command is refused.

The key is an aggregate whose id is derived from the caller and the key, created in the SAME
save as the command's events (BaseApp.save_decision picks it up). A retry collides on version 1,
so on both stores the key and the command's effect are recorded together or not at all.
"""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar
from uuid import UUID, uuid5

import orjson
from eventsourcing.domain import Aggregate, event

from domain.errors import Conflict, DomainError, InvalidInput

T = TypeVar("T")
_NAMESPACE = UUID("1d3c8a52-52c4-4a8f-8f6b-6b1c3c1e2a10")
_pending: ContextVar["IdempotencyKey | None"] = ContextVar("pending_idempotency_key", default=None)


def key_id(nip: str, key: str) -> UUID:
    return uuid5(_NAMESPACE, f"{nip}\x00{key}")


def fingerprint(command: str, arguments: dict[str, Any]) -> str:
    """A hash of the command's name and arguments (sorted, dates as ISO strings)."""
    body = orjson.dumps({"command": command, "arguments": arguments},
                        option=orjson.OPT_SORT_KEYS, default=str)
    return hashlib.sha256(body).hexdigest()


class IdempotencyKey(Aggregate):
    @staticmethod
    def create_id(nip: str, key: str, **_: Any):  # type: ignore[override]
        return key_id(nip, key)

    @event("Used")
    def __init__(self, nip: str, key: str, command: str, fingerprint: str, result_ids: list[str],
                 result: Any = None):
        # `result`: what the pipeline answered (keys recorded before it existed carry only the ids).
        self.nip, self.key, self.command = nip, key, command
        self.fingerprint, self.result_ids, self.result = fingerprint, result_ids, result


def claim_pending(aggregates: tuple[object, ...]) -> list[object]:
    """Called by save_decision: the command's key (if any) joins the command's save, once."""
    pending = _pending.get()
    if pending is None:
        return []
    _pending.set(None)
    ids = [str(a.id) for a in aggregates if hasattr(a, "id")]
    return [IdempotencyKey(nip=pending.nip, key=pending.key, command=pending.command,
                           fingerprint=pending.fingerprint, result_ids=ids)]


class _Pending:
    def __init__(self, nip: str, key: str, command: str, fingerprint: str):
        self.nip, self.key, self.command, self.fingerprint = nip, key, command, fingerprint


def _check_key(key: str) -> str:
    key = key.strip()
    if not 1 <= len(key) <= 200:
        raise InvalidInput("INVALID_IDEMPOTENCY_KEY", field="idempotencyKey")
    return key


class Idempotency:
    """Mixin for the application: `run_once(...)` wraps any command."""

    def idempotency_record(self, nip: str, key: str) -> IdempotencyKey | None:
        record_id = key_id(nip, key)
        return self.repository.get(record_id) if self.repo.exists(record_id) else None  # type: ignore[attr-defined]

    def run_once(self, nip: str, key: str | None, command: str, arguments: dict[str, Any],
                 run: Callable[[], T], replay: Callable[[list[str]], T]) -> T:
        """Run `run()` unless this caller already ran the same command under `key`; then
        `replay(result_ids)` answers with the first result."""
        if key is None:
            return run()
        key = _check_key(key)
        print_ = fingerprint(command, arguments)
        earlier = self._earlier(nip, key, print_)
        if earlier is not None:
            return self._replay(replay, earlier)
        with _claim(_Pending(nip, key, command, print_)):
            try:
                return run()
            except DomainError:
                # A copy sent at the same moment may have recorded the key first: its effect is what
                # refused this one (CONCURRENT_UPDATE, STEP_ALREADY_TAKEN…), so answer as it was answered.
                earlier = self._earlier(nip, key, print_)
                if earlier is None:
                    raise
                return self._replay(replay, earlier)

    def _replay(self, replay: Callable[[list[str]], T], result_ids: list[str]) -> T:
        """The first command may still be bringing its events into the read models (its copy is
        answered from them): catch up to everything stored so far, which includes its key."""
        up_to = self.recorder.max_notification_id() or 0  # type: ignore[attr-defined]
        self.visibility.before_replay(up_to, result_ids)  # type: ignore[attr-defined]
        return replay(result_ids)

    def _earlier(self, nip: str, key: str, print_: str) -> list[str] | None:
        record = self.idempotency_record(nip, key)
        if record is None:
            return None
        if record.fingerprint != print_:
            raise Conflict("IDEMPOTENCY_KEY_REUSED", field="idempotencyKey", command=record.command)
        return record.result_ids


@contextmanager
def _claim(pending: _Pending) -> Iterator[None]:
    token = _pending.set(pending)  # type: ignore[arg-type]
    try:
        yield
    finally:
        _pending.reset(token)
