"""The hook through which a chained recorder lets the read models be written in the transaction
that records the events (docs/adr/0013-command-cost.md): one commit per command instead of two.

The recorder calls `apply_within` after the events and their chain rows are written, with the
transaction's own cursor (SQLite) or connection (PostgreSQL), and `committed` once the
transaction has committed; `after_commit` listeners (the aggregate cache) learn which positions
a committed transaction recorded and which came just before. The hook must leave nothing in the
transaction when it does not apply them (it works under a savepoint), so the events are recorded
whatever the views do.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, Protocol

from eventsourcing.persistence import Notification, StoredEvent


class ViewsInTransaction(Protocol):
    def apply_within(self, handle: Any, notifications: Sequence[Notification], previous: int) -> bool:
        """Apply the events if the views are at `previous` (the event recorded before them)."""
        ...

    def committed(self, position: int) -> None:
        """The transaction in which `apply_within` applied them committed."""
        ...

    def abandoned(self) -> None:
        """It did not (the recorder raises its error)."""
        ...


def notifications(ids: Sequence[int], stored_events: Sequence[StoredEvent]) -> list[Notification]:
    """The events as the read models receive them, paired with their positions in order."""
    return sorted(
        (
            Notification(
                id=nid,
                originator_id=s.originator_id,
                originator_version=s.originator_version,
                topic=s.topic,
                state=s.state,
            )
            for nid, s in zip(ids, stored_events, strict=True)
        ),
        key=lambda n: n.id,
    )


class Committing(NamedTuple):
    previous: int  # the position recorded just before this transaction's events
    last: int  # the last of them
    applied_by: ViewsInTransaction | None  # the hook that applied them in the transaction, if any


class Pending:
    """Per thread: what the transaction now committing recorded, told to the views and the
    listeners once it has committed, or to the views that it has not."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _take(self) -> Committing | None:
        committing, self._local.committing = getattr(self._local, "committing", None), None
        return committing

    def start(self) -> None:
        """Before an insert (each attempt of it): nothing pending."""
        self.abandoned()  # never left over, but a view hook must never stay locked

    def set(self, committing: Committing) -> None:
        self._local.committing = committing

    def abandoned(self) -> None:
        committing = self._take()
        if committing is not None and committing.applied_by is not None:
            committing.applied_by.abandoned()

    def committed(self, listeners: Sequence[Callable[[int, int], None]]) -> None:
        committing = self._take()
        if committing is None:
            return
        if committing.applied_by is not None:
            committing.applied_by.committed(committing.last)
        for listener in listeners:
            listener(committing.previous, committing.last)
