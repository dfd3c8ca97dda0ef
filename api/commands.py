"""The one way a mutation runs: check the input's limits, build the command from it, hand it to
the pipeline (application.pipeline), and answer a success read back from the read models — or the
refusal as a `CommandError`."""

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from strawberry.types import Info

from api.context import blocking, context
from api.errors import CommandError, command_error
from api.input_limits import check_input
from api.observability import COMMANDS
from application.pipeline import Command
from domain.errors import DomainError

S = TypeVar("S")


async def run(
    info: Info, command: type[Command], input: Any, answer: Callable[[Info, Any], Awaitable[S]]
) -> S | CommandError:
    """`answer(info, result)` reads the success back once the command's events are visible."""
    ctx = context(info)
    try:
        check_input(input)  # domain.limits on every field (text normalised to NFC in place)
        outcome = await blocking(ctx.app.handle, ctx.principal, command(**dataclasses.asdict(input)))
    except DomainError as error:
        COMMANDS.labels(command.__name__, error.code).inc()
        return command_error(error)
    COMMANDS.labels(command.__name__, "ok").inc()
    return await answer(info, outcome.result)
