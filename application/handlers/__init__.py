"""Handlers: plain functions `handler(command, actor, <collaborators>) -> Decided`, one per command.
Each feature module lists its own in `HANDLERS`; `registry` binds them to their collaborators."""

from typing import Any

from application.handlers import (
    assignment_request,
    assignments,
    escalation,
    evaluation,
    external,
    organisation,
    placement,
    reporting,
    team_leader,
    teams,
)
from application.pipeline import Command, Handler, bind

FEATURES = (
    organisation,
    placement,
    assignment_request,
    assignments,
    external,
    teams,
    team_leader,
    reporting,
    escalation,
    evaluation,
)


def registry(**collaborators: Any) -> dict[type[Command], Handler]:
    """Every command type → its handler, handed the collaborators its signature names."""
    return {
        command: bind(handler, **collaborators)
        for feature in FEATURES
        for command, handler in feature.HANDLERS.items()
    }
