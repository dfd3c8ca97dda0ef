"""Several followers at once (threads of one process, and systems standing for separate
processes, each with its own connections) never apply an event twice: the projector's position
row, moved with `UPDATE ... WHERE position = <the one read>` in the views' transaction, lets one
of them apply a batch and makes the others roll back (issue 13, part 5)."""

import multiprocessing
import time
from typing import Any

import pytest

from infra.bootstrap import build
from infra.settings import Settings
from projections.engine.follower import Follower
from tests.support import build_agency, register


class CountingView:
    """Appends one row per event applied: applying an event twice leaves two rows."""

    tables = ["follow_applied"]
    ddl = ["CREATE TABLE IF NOT EXISTS follow_applied (position BIGINT NOT NULL)"]

    def apply(self, cursor: Any, event: Any, notification: Any) -> None:
        cursor.execute("INSERT INTO follow_applied (position) VALUES (:p)", {"p": notification.id})


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> None:
    import infra.bootstrap

    real = infra.bootstrap.all_views
    monkeypatch.setattr(infra.bootstrap, "all_views", lambda: [*real(), CountingView()])


def _wait_until(predicate: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "the followers did not catch up"
        time.sleep(0.05)


def test_several_followers_apply_each_event_exactly_once(settings, admin, counting):  # noqa: ARG001
    writer = build(settings)
    writer.app.after_save.clear()  # the writer "crashes" after each save: nobody projects in-request
    writer.app.visibility.projections.clear()
    processes = [build(settings, migrate=False) for _ in range(3)]
    # Two threads following through the same projector, and one follower per other "process".
    followers = [Follower(writer.projector, interval=0.02), Follower(writer.projector, interval=0.02)]
    followers += [Follower(p.projector, interval=0.02) for p in processes]
    for follower in followers:
        follower.start()
    try:
        build_agency(writer.app, admin)
        for _ in range(5):
            register(writer.app, admin, position_type="PELAKSANA")
        last = writer.app.recorder.max_notification_id() or 0
        _wait_until(lambda: writer.projector.stored_position() == last)
        _wait_until(lambda: all(p.projector.catch_up() == last for p in processes))
        rows = writer.store.query("SELECT COUNT(*) AS n, COUNT(DISTINCT position) AS d FROM follow_applied")[
            0
        ]
        assert rows["n"] == rows["d"] == last
        assert sum(f.wakeups for f in followers) > len(followers)  # they really raced
    finally:
        for follower in followers:
            follower.stop()
        for system in processes:
            system.close()
        writer.close()


def test_a_follower_stops_promptly_and_keeps_going_after_a_failed_catch_up(settings, monkeypatch):
    system = build(settings)
    calls: list[int] = []

    def flaky() -> int:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the database went away")
        return 0

    monkeypatch.setattr(system.projector, "catch_up", flaky)
    follower = Follower(system.projector, interval=0.02)  # polling, whatever the store
    follower.start()
    try:
        _wait_until(lambda: len(calls) >= 3, timeout=5)
        assert not follower.failing  # it recovered after the failure
    finally:
        started = time.monotonic()
        follower.stop()
        system.close()
    assert not follower.running and time.monotonic() - started < 10  # not a speed test: it stops


def _follow_in_a_process(settings: Settings, until: int, seconds: float) -> None:
    """A server process's follower, in its own interpreter (its own connections and position)."""
    import infra.bootstrap

    real = infra.bootstrap.all_views
    infra.bootstrap.all_views = lambda: [*real(), CountingView()]
    system = build(settings, migrate=False)
    follower = Follower(
        system.projector, interval=0.02, conninfo=system.follower.conninfo, channel=system.follower.channel
    )
    follower.start()
    deadline = time.monotonic() + seconds
    while system.projector.stored_position() < until and time.monotonic() < deadline:
        time.sleep(0.05)
    follower.stop()
    system.close()


def test_followers_in_separate_processes_apply_each_event_exactly_once(settings, admin, counting):  # noqa: ARG001
    writer = build(settings)
    writer.app.after_save.clear()
    writer.app.visibility.projections.clear()
    try:
        build_agency(writer.app, admin)
        for _ in range(10):
            register(writer.app, admin, position_type="PELAKSANA")
        last = writer.app.recorder.max_notification_id() or 0
        assert writer.projector.stored_position() < last  # nothing projected these events
        context = multiprocessing.get_context("spawn")
        children = [context.Process(target=_follow_in_a_process, args=(settings, last, 60)) for _ in range(3)]
        for child in children:
            child.start()
        for child in children:
            child.join(90)
        assert [child.exitcode for child in children] == [0, 0, 0]
        assert writer.projector.stored_position() == last
        rows = writer.store.query("SELECT COUNT(*) AS n, COUNT(DISTINCT position) AS d FROM follow_applied")[
            0
        ]
        assert rows["n"] == rows["d"] == last
    finally:
        writer.close()


def test_a_listening_follower_stops_promptly_whatever_its_polling_interval(postgres_url, postgres_schema):
    settings = Settings(
        database_url=postgres_url, SISTEMKERJA_SCHEMA=postgres_schema, follow_interval_seconds=30
    )
    system = build(settings)
    system.follow()
    try:
        _wait_until(lambda: system.follower.wakeups >= 1)
        started = time.monotonic()
        system.follower.stop()
        assert not system.follower.running and time.monotonic() - started < 10  # far below the 30 s poll
    finally:
        system.close()
