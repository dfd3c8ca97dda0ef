"""Read-your-writes, honestly: a command returns once its events are visible to queries, and
says so when one of them could not be made visible (the read model quarantined it).

The composition root (infra.bootstrap) gives the application its projections; without any (a
bare application in a test) there is nothing to wait for.
"""

from collections.abc import Iterable
from typing import Any, Protocol

from domain.errors import DomainError


class RecordedNotYetVisible(DomainError):
    """The decision IS recorded (it stays in the event store and the hash chain), but a read model
    could not apply it: queries do not show it until a fixed release re-applies it."""

    def __init__(self, positions: list[int]):
        super().__init__("RECORDED_NOT_YET_VISIBLE", positions=positions)


class Projection(Protocol):
    def catch_up(self, up_to: int | None = None) -> int: ...
    def quarantined(self, first: int, last: int, originator_ids: Iterable[str] = ()) -> list[Any]: ...


class Visibility:
    def __init__(self) -> None:
        self.projections: list[Projection] = []

    def saved(self, first: int, last: int) -> None:
        """After a save whose events are at positions first..last (already caught up by the
        `after_save` hooks): refuse to claim success when one of them was quarantined."""
        self._raise_if_quarantined(first, last, ())

    def before_replay(self, up_to: int, originator_ids: Iterable[str]) -> None:
        """Before answering a retried command from the read models: the first command's events
        (at most `up_to`) must be in them, or reported as not yet visible."""
        ids = list(originator_ids)
        for projection in self.projections:
            projection.catch_up(up_to)
        self._raise_if_quarantined(0, -1, ids)

    def _raise_if_quarantined(self, first: int, last: int, originator_ids: Iterable[str]) -> None:
        ids = list(originator_ids)
        positions = sorted({q.position for p in self.projections for q in p.quarantined(first, last, ids)})
        if positions:
            raise RecordedNotYetVisible(positions)
