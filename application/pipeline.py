"""The one road every command travels (docs/adr/0007-decision-pipeline.md):

idempotency key (a known key answers the first outcome) → the handler decides (loads what it
needs through the repository, asks the role resolver in which capacity the actor acts, lets the
aggregates check their invariants) → save the changed aggregates and the key in one transaction
(`BaseApp.save_decision`, which also waits for the read models) → `Outcome`.

Handlers are plain functions `handler(command, actor) -> Decided`, their collaborators bound by
the composition root (application.wiring); the pipeline finds one by the command's type.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from eventsourcing.domain import Aggregate

from application.idempotency import IdempotencyKey
from application.principal import Principal
from domain.errors import Conflict, DomainError, InvalidInput

if TYPE_CHECKING:
    from application.app import BaseApp


@dataclass(frozen=True, kw_only=True)
class Command:
    """A mutation as a value. `idempotency_key`: a client key; a retry answers the first outcome
    and records nothing new, the same key with another command is refused."""

    idempotency_key: str | None = None


class Decided:
    """What a handler decided: the aggregates it changed (saved together, or none when the command
    changes nothing) and the result the caller reads back (ids; JSON, kept with the key)."""

    def __init__(self, *changed: Aggregate, result: Any = None):
        self.changed = changed
        self.result = result


@dataclass(frozen=True)
class Outcome:
    result: Any
    position: int  # of the last event saved (0: nothing was saved)
    replayed: bool = False


Handler = Callable[[Any, Principal], Decided]


def fingerprint(command: Command) -> str:
    """The command's type and every field but the key (sorted; dates as ISO strings)."""
    fields = {k: v for k, v in dataclasses.asdict(command).items() if k != "idempotency_key"}
    body = orjson.dumps(
        {"command": type(command).__name__, "arguments": fields}, option=orjson.OPT_SORT_KEYS, default=str
    )
    return hashlib.sha256(body).hexdigest()


def _checked_key(key: str) -> str:
    key = key.strip()
    if not 1 <= len(key) <= 200:
        raise InvalidInput("INVALID_IDEMPOTENCY_KEY", field="idempotencyKey")
    return key


@dataclass(frozen=True)
class _Claim:
    nip: str
    key: str
    command: str
    fingerprint: str


class Pipeline:
    def __init__(self, app: BaseApp, handlers: Mapping[type[Command], Handler]):
        self._app = app
        self._handlers = dict(handlers)

    def handle(self, actor: Principal, command: Command) -> Outcome:
        cache = self._app.aggregates
        if cache is None:
            return self._handle(actor, command)
        with cache.command():  # one freshness check for all the command's loads
            return self._handle(actor, command)

    def _handle(self, actor: Principal, command: Command) -> Outcome:
        handler = self._handlers.get(type(command))
        if handler is None:  # a wiring fault, never the client's
            raise LookupError(f"no handler registered for {type(command).__name__}")
        if command.idempotency_key is None:
            return self._decide(handler, actor, command, None)
        claim = _Claim(
            actor.nip, _checked_key(command.idempotency_key), type(command).__name__, fingerprint(command)
        )
        earlier = self._earlier(claim)
        if earlier is not None:
            return self._replay(earlier)
        try:
            return self._decide(handler, actor, command, claim)
        except DomainError:
            # A copy sent at the same moment may have recorded the key first: its effect is what
            # refused this one (CONCURRENT_UPDATE, STEP_ALREADY_TAKEN…), so answer as it was answered.
            earlier = self._earlier(claim)
            if earlier is None:
                raise
            return self._replay(earlier)

    def _decide(self, handler: Handler, actor: Principal, command: Command, claim: _Claim | None) -> Outcome:
        decided = handler(command, actor)
        if not decided.changed:  # nothing to record (e.g. revoking what is already revoked)
            return Outcome(decided.result, 0)
        key = (
            []
            if claim is None
            else [
                IdempotencyKey(
                    nip=claim.nip,
                    key=claim.key,
                    command=claim.command,
                    fingerprint=claim.fingerprint,
                    result_ids=[str(a.id) for a in decided.changed],
                    result=decided.result,
                )
            ]
        )
        return Outcome(decided.result, self._app.save_decision(*decided.changed, *key))

    def _earlier(self, claim: _Claim) -> IdempotencyKey | None:
        record = self._app.repo.idempotency_key(claim.nip, claim.key)
        if record is None:
            return None
        if record.fingerprint != claim.fingerprint:
            raise Conflict("IDEMPOTENCY_KEY_REUSED", field="idempotencyKey", command=record.command)
        return record

    def _replay(self, record: IdempotencyKey) -> Outcome:
        """The first command may still be bringing its events into the read models (its copy is
        answered from them): catch up to everything stored so far, which includes its key."""
        up_to = self._app.recorder.max_notification_id() or 0
        self._app.visibility.before_replay(up_to, record.result_ids)
        return Outcome(record.result, up_to, replayed=True)


def bind(handler: Callable[..., Decided], **collaborators: Any) -> Handler:
    """The handler with the collaborators its signature names (cosmicpython's bootstrap)."""
    wanted = {
        name: collaborators[name] for name in inspect.signature(handler).parameters if name in collaborators
    }
    return lambda command, actor: handler(command, actor, **wanted)
