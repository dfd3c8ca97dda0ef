"""Handlers: plain functions `handler(command, actor, <collaborators>) -> Decided`, one per command.
Each feature module lists its own in `HANDLERS`; `registry` binds them to their collaborators."""

from typing import Any

from application.handlers import (
    assignment_request,
    assignments,
    crossing,
    documents,
    escalation,
    evaluation,
    external,
    organisation,
    performance,
    placement,
    reporting,
    team_head,
    team_leader,
    teams,
    transformation_team,
    work_plan,
)
from application.pipeline import Command, Handler, bind

FEATURES = (
    organisation,
    placement,
    assignment_request,
    assignments,
    external,
    crossing,
    teams,
    team_leader,
    team_head,
    transformation_team,
    reporting,
    escalation,
    evaluation,
    performance,
    work_plan,
    documents,
)


def registry(**collaborators: Any) -> dict[type[Command], Handler]:
    """Every command type → its handler, handed the collaborators its signature names."""
    return {
        command: bind(handler, **collaborators)
        for feature in FEATURES
        for command, handler in feature.HANDLERS.items()
    }
