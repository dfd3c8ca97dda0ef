"""The write side: an eventsourcing Application whose commands load aggregates from the event
store, ask the domain, and save the new events atomically.

Read models are kept by projections that the composition root (infra.bootstrap) hooks onto
`after_save`, so that a command returns only once its effect is visible to queries
(read-your-writes).
"""

from collections.abc import Callable
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.application import Repository as EventsourcingRepository
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from application.aggregate_cache import FreshAggregates
from application.repository import Repository
from application.roles import Roles
from application.transcoder import OrjsonTranscoder
from application.visibility import Visibility
from domain import limits
from domain.errors import Conflict
from domain.profile import Profile


class BaseApp(Application[UUID]):
    name = "sistemkerja"
    aggregates: FreshAggregates | None = None  # the aggregate cache, if AGGREGATE_CACHE_MAXSIZE > 0

    def __init__(self, profile: Profile, env: dict[str, str] | None = None):
        super().__init__(env)
        self.profile = profile
        self.letterhead_id = profile.id  # the folder under domain/documents/ (the registry may name another)
        self.after_save: list[Callable[[int], None]] = []
        self.visibility = Visibility()  # the read models' quarantine, wired by infra.bootstrap
        self.repo = Repository(self)
        self.roles = Roles(self.repo, profile)

    def construct_repository(self) -> EventsourcingRepository[UUID]:
        """With AGGREGATE_CACHE_MAXSIZE, the cache checked once per command, not once per load
        (application.aggregate_cache), which keeps aggregates pickled and hands out copies."""
        repository: EventsourcingRepository[UUID] = EventsourcingRepository(
            event_store=self.events,
            snapshot_store=self.snapshots,
            fastforward=False,
            deepcopy_from_cache=False,  # the cache hands out fresh copies itself
        )
        size = int(self.env.get(self.AGGREGATE_CACHE_MAXSIZE) or 0)
        self.aggregates = FreshAggregates(self.recorder, size) if size > 0 else None
        if self.aggregates is not None:
            repository.cache = self.aggregates  # type: ignore[assignment]
            if hasattr(self.recorder, "after_commit"):  # a chained recorder (infra.audit)
                self.recorder.after_commit = (*self.recorder.after_commit, self.aggregates.recorded)
        return repository

    def construct_transcoder(self) -> OrjsonTranscoder:
        return OrjsonTranscoder()

    def register_transcodings(self, transcoder: object) -> None:
        """The orjson transcoder needs no registrations (see application.transcoder)."""

    def save_decision(self, *aggregates: Aggregate) -> int:
        """Save all pending events in one transaction and wait for the read models.

        Two officials racing on the same aggregate both pass their checks, but only one
        version can be stored: the other gets a typed conflict and nothing of its command
        is recorded.
        """
        for aggregate in aggregates:  # the last line of defence: nothing unrecordable enters the chain
            for event in getattr(aggregate, "pending_events", ()):
                for name, value in vars(event).items():
                    limits.recordable(value, name)
        try:
            recordings = self.save(*aggregates)
        except IntegrityError as error:
            if self.aggregates is not None:  # its copy was older than the store's: load it afresh
                for aggregate in aggregates:
                    self.aggregates.evict(aggregate.id)
            raise Conflict("CONCURRENT_UPDATE") from error
        position = max((r.notification.id for r in recordings), default=0)
        for hook in self.after_save:
            hook(position)
        # Recorded either way; a typed answer (not a success) if a read model quarantined it.
        self.visibility.saved(min((r.notification.id for r in recordings), default=0), position)
        return position
