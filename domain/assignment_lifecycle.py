"""The assignment's lifecycle, once: where a request stands after each of its events.

The aggregate (domain.assignment) applies it to itself; the read model
(projections.assignments.state) applies it to its row. Both therefore show the same status and the
same open step after every event (issue 9: the state machine was written twice).
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum


class AssignmentStatus(str, Enum):
    PENDING = "PENDING"  # walking its route
    FIXED = "FIXED"  # the letter is issued; the officials have not all accepted
    ACTIVE = "ACTIVE"  # in force
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"
    ENDED = "ENDED"


PENDING, FIXED, ACTIVE, REJECTED, WITHDRAWN, ENDED = (s.value for s in AssignmentStatus)
OPEN = {PENDING, FIXED, ACTIVE}
ENDING = {"StepRejected": REJECTED, "Withdrawn": WITHDRAWN, "Ended": ENDED}  # event name → final status


@dataclass(frozen=True)
class Standing:
    status: str = PENDING
    done: int = 1  # steps taken; the request itself is step 1
    accepted: frozenset[str] = frozenset()  # officials who accepted the letter

    def open_step(self, total: int) -> int | None:
        """The number of the step to be taken next, while the route is being walked."""
        return self.done + 1 if self.status in (PENDING, FIXED) and self.done < total else None


def evolve(
    standing: Standing,
    event: str,
    *,
    total: int,
    step: int | None = None,
    nip: str | None = None,
    officials: Iterable[str] = (),
) -> Standing:
    """`standing` after the event named `event` (the aggregate's event class name) of a request
    with `total` steps: a refusal, withdrawal or end closes it; a step taken moves it on (the
    letter fixes it); the accept step is taken once every official has accepted; the last step
    taken makes it ACTIVE."""
    if event in ENDING:
        return replace(standing, status=ENDING[event])
    if event == "Requested":
        return standing
    if event == "Accepted":
        accepted = standing.accepted | {nip} if nip else standing.accepted
        if not accepted >= set(officials):
            return replace(standing, accepted=accepted)
        standing = replace(standing, accepted=accepted)
    status = FIXED if event == "LetterIssued" else standing.status
    moved = replace(standing, status=status, done=step if step is not None else standing.done)
    if moved.done >= total and moved.status in (PENDING, FIXED):
        return replace(moved, status=ACTIVE)
    return moved
