"""The write side's aggregate cache, kept fresh by one query per command instead of one per load
(docs/adr/0013-command-cost.md).

eventsourcing's own cache "fast-forwards" every cached aggregate it hands out: one query per
load, five for a placement. Here the cache knows up to which store position it has been checked
(`seen`); before a command, one query reads the store's last position, and only when another
process (or thread) has recorded something since are those events read, their aggregates
evicted where the cached copy is older. An aggregate is put back only by a load from the store
or by the save that wrote its new events, and never over a newer version of itself. The cache
keeps each aggregate pickled and every load unpickles a fresh copy: no thread or half-failed
handler can change what the cache holds, and unpickling costs a third of the deep copy that
eventsourcing would make.

Safe because the recorders insert under a table lock (PostgreSQL EXCLUSIVE, SQLite's write lock):
positions commit in order, so "nothing after `seen`" means nothing was missed.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PAGE = 1000  # notifications read at a time when other writers recorded many


class FreshAggregates:
    """An LRU cache with eventsourcing's Cache interface (get raises KeyError, put)."""

    def __init__(self, recorder: Any, maxsize: int):
        self._recorder = recorder
        self._maxsize = maxsize
        self._items: OrderedDict[Any, tuple[int, bytes]] = OrderedDict()  # id -> (version, pickle)
        # The newest version each refresh read of an aggregate: a load or save that read the
        # store before that event committed, and puts its copy only after, is refused.
        self._newest: OrderedDict[Any, int] = OrderedDict()
        self._lock = threading.Lock()
        self._local = threading.local()
        self.seen = recorder.max_notification_id() or 0  # the cache is empty: fresh as of now
        self.refreshes = self.evictions = 0  # for tests and diagnostics

    def __bool__(self) -> bool:  # eventsourcing tests `if self.cache`
        return True

    def __contains__(self, key: Any) -> bool:
        return key in self._items

    def get(self, key: Any, *, evict: bool = False) -> Any:
        if not getattr(self._local, "fresh", False):  # a load outside a command: check first
            self.refresh()
        with self._lock:
            _, frozen = self._items.pop(key) if evict else self._items[key]
            if not evict:
                self._items.move_to_end(key)
        return pickle.loads(frozen)  # noqa: S301 - bytes this process pickled itself

    def put(self, key: Any, value: Any) -> None:
        version = value.version
        try:
            frozen = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            self.evict(key)  # not cacheable: always loaded from the store
            return
        with self._lock:
            cached = self._items.get(key)
            if cached is not None and cached[0] > version:
                return  # a slower thread's older copy never replaces a newer one
            if self._newest.get(key, 0) > version:
                return  # read before another writer's event that a refresh has already passed
            self._items[key] = (version, frozen)
            self._items.move_to_end(key)
            while len(self._items) > self._maxsize:
                self._items.popitem(last=False)

    def evict(self, key: Any) -> None:
        with self._lock:
            self._items.pop(key, None)

    def refresh(self) -> None:
        """Evict what other writers changed since the last check (one query when nothing did)."""
        self.refreshes += 1
        latest = self._recorder.max_notification_id() or 0
        position = self.seen
        while position < latest:  # in pages: another process may have recorded many
            changed = self._recorder.select_notifications(
                start=position, stop=latest, limit=PAGE, inclusive_of_start=False
            )
            if not changed:
                break
            self._forget_older(changed)
            position = changed[-1].id
        with self._lock:
            self.seen = max(self.seen, latest)

    def recorded(self, previous: int, last: int) -> None:
        """A transaction of this process committed positions after `previous` up to `last`: if
        the cache was checked up to `previous`, it is fresh up to `last` (the save put its
        aggregates), and the next command need not read them back."""
        with self._lock:
            if self.seen == previous:
                self.seen = last

    def _forget_older(self, changed: list[Any]) -> None:
        with self._lock:
            for notification in changed:
                key, version = notification.originator_id, notification.originator_version
                cached = self._items.get(key)
                if cached is not None and cached[0] < version:
                    del self._items[key]
                    self.evictions += 1
                self._newest[key] = max(version, self._newest.pop(key, 0))
            while len(self._newest) > self._maxsize:
                self._newest.popitem(last=False)

    @contextmanager
    def command(self) -> Iterator[None]:
        """One refresh for a whole command's loads (they are all made in this thread)."""
        if getattr(self._local, "fresh", False):  # nested: already fresh
            yield
            return
        self.refresh()
        self._local.fresh = True
        try:
            yield
        finally:
            self._local.fresh = False
