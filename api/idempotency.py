"""Every mutation accepts an optional client `idempotencyKey`: a retried command returns its
first result and records nothing new; the same key with a different command is refused
(application.idempotency does the work, atomically with the command's own events)."""

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from strawberry.types import Info

from api.context import blocking, context
from api.input_limits import checked_command

T = TypeVar("T")


def first_aggregate(info: Info) -> Callable[[list[str]], Any]:
    """Replay: the first aggregate the original command saved (the unit, the official…)."""
    app = context(info).app
    return lambda ids: app.repository.get(UUID(ids[0]))


async def once(info: Info, input: Any, replay: Callable[[list[str]], T], fn: Callable[..., T],
               *args: Any, **kwargs: Any) -> T:
    """Run `fn(*args, **kwargs)` under the input's idempotency key (if any). The fingerprint is
    the command's name and every argument of its input except the key."""
    args, kwargs = checked_command(input, args, kwargs)  # domain.limits on every field, before anything runs
    ctx = context(info)
    arguments = {k: v for k, v in dataclasses.asdict(input).items() if k != "idempotency_key"}
    return await blocking(ctx.app.run_once, ctx.principal.nip, getattr(input, "idempotency_key", None),
                          fn.__name__, arguments, lambda: fn(*args, **kwargs), replay)
