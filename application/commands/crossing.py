"""Commands the cross-tenant relay hands a receiving tenant (infra.crossing): never a mutation.
`sender`: {tenant, government, position, hash} of the sender's event (its chain position)."""

from dataclasses import dataclass

from application.pipeline import Command


@dataclass(frozen=True, kw_only=True)
class OpenCrossing(Command):
    """The other tenant opened a native request: open its mirror here, same id, sides reversed.
    `requested`: the Requested event's fields as the sender recorded them."""

    sender: dict
    assignment_id: str
    requested: dict
    decision: dict


@dataclass(frozen=True, kw_only=True)
class MirrorStep(Command):
    """The other tenant took step `fields.step` (or withdrew): record it here as the same step.
    `event`: StepApproved, OfficialsNamed, LetterIssued, Accepted, StepRejected or Withdrawn."""

    sender: dict
    assignment_id: str
    event: str
    fields: dict
    decision: dict
