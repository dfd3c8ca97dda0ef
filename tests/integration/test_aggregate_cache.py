"""The write side's aggregate cache (application.aggregate_cache, ADR 0013): checked once per
command, never stale after another process writes, and never replacing a newer copy."""

from datetime import date
from types import SimpleNamespace
from uuid import uuid4

from application.aggregate_cache import FreshAggregates
from application.commands.organisation import PlaceOfficial
from domain.ids import official_id
from infra.bootstrap import build
from tests.support import build_agency, register


def _place(app, admin, nip: str, unit: str, appraiser: str, day: date) -> None:
    app.handle(admin, PlaceOfficial(nip=nip, unit_code=unit, appraiser_nip=appraiser, effective_date=day))


def test_a_cached_aggregate_is_fresh_after_another_process_writes(system, settings, admin):
    app = system.app
    agency = build_agency(app, admin)
    official = register(app, admin, position_type="PELAKSANA")
    _place(app, admin, official, agency.subunit, agency.unit_head, date(2025, 1, 2))
    assert official_id(official) in app.aggregates  # cached by the save
    other = build(settings, migrate=False)  # another process: its own application and cache
    try:
        _place(other.app, admin, official, agency.unit, agency.agency_head, date(2025, 2, 3))
    finally:
        other.close()
    # Outside a command, a load checks first; the other process's placement is seen.
    assert app.repo.official(official).placement["unit_code"] == agency.unit
    # A command on the aggregate decides on its newest version: no CONCURRENT_UPDATE.
    _place(app, admin, official, agency.subunit, agency.unit_head, date(2025, 3, 4))
    placed = app.repo.official(official)
    assert placed.placement["unit_code"] == agency.subunit and placed.version == 4
    assert app.aggregates.evictions >= 1


def test_one_freshness_check_per_command_and_none_per_load(system, admin):
    app = system.app
    agency = build_agency(app, admin)
    official = register(app, admin, position_type="PELAKSANA")
    _place(app, admin, official, agency.subunit, agency.unit_head, date(2025, 1, 2))
    before = app.aggregates.refreshes
    _place(app, admin, official, agency.subunit, agency.unit_head, date(2025, 1, 3))  # loads 5 aggregates
    assert app.aggregates.refreshes == before + 1


def test_loads_hand_out_copies_so_a_failed_handler_leaves_the_cache_untouched(system, admin):
    app = system.app
    official = register(app, admin, position_type="PELAKSANA")
    first, second = app.repo.official(official), app.repo.official(official)
    assert first is not second
    first.name = "changed by a handler that then failed"
    assert app.repo.official(official).name != first.name


class _Recorder:
    def __init__(self):
        self.notifications: list = []

    def max_notification_id(self) -> int:
        return len(self.notifications)

    def select_notifications(self, start, limit, stop=None, inclusive_of_start=True):
        return [n for n in self.notifications if start < n.id <= (stop or n.id)][:limit]


def _aggregate(key, version):
    return SimpleNamespace(id=key, version=version)


def test_an_older_copy_never_replaces_a_newer_one():
    cache = FreshAggregates(_Recorder(), maxsize=10)
    key = uuid4()
    cache.put(key, _aggregate(key, 3))
    cache.put(key, _aggregate(key, 2))  # a slower thread's load
    assert cache.get(key).version == 3


def test_a_copy_read_before_another_writers_event_is_not_cached_after_the_refresh_passed_it():
    recorder = _Recorder()
    cache = FreshAggregates(recorder, maxsize=10)
    key = uuid4()
    # Another process records version 5 while this one's load (version 4) is still in flight.
    recorder.notifications.append(SimpleNamespace(id=1, originator_id=key, originator_version=5))
    cache.refresh()
    cache.put(key, _aggregate(key, 4))  # the in-flight load lands after the refresh
    assert key not in cache
