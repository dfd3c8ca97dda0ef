"""Read models that catch up on their own (issue 13, part 5), over real HTTP on both stores.

A crash between the save and the projection is simulated by a second system over the same store
whose projection hooks are removed: its commands are recorded, and nobody projects them. The live
server's follower (projections.engine.follower) must make them visible within about a second,
with no new command; without a follower they stay invisible."""

import time

from application.commands.organisation import EstablishUnit
from infra.bootstrap import build
from infra.settings import Settings
from tests.e2e.conftest import LiveServer, running_server
from tests.integration.assignment_walk import ADMIN

UNIT = '{ unit(code: "DINKES") { code name } }'


def _save_without_projecting(settings: Settings, code: str = "DINKES") -> int:
    """Record a unit as a process that crashed right after the save would have: not projected."""
    crashed = build(settings, migrate=False)
    try:
        crashed.app.after_save.clear()
        crashed.app.visibility.projections.clear()
        crashed.app.handle(
            ADMIN,
            EstablishUnit(
                code=code,
                name="Dinas Kesehatan",
                kind="DINAS",
                head_position="JPT_PRATAMA",
                legal_basis="Perbup SOTK",
            ),
        )
        return crashed.app.recorder.max_notification_id() or 0
    finally:
        crashed.close()


def _seconds_until_visible(server: LiveServer, timeout: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if server.gql(UNIT)["unit"] is not None:
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def test_an_event_saved_but_not_projected_is_visible_within_a_second_with_no_command(live_server):
    assert live_server.gql(UNIT)["unit"] is None
    _save_without_projecting(live_server.settings)
    elapsed = _seconds_until_visible(live_server, timeout=1.5)
    assert elapsed is not None and elapsed < 1.2, elapsed
    assert live_server.gql(UNIT)["unit"] == {"code": "DINKES", "name": "Dinas Kesehatan"}


def test_without_the_follower_the_views_stay_behind_until_the_next_command(settings):
    with running_server(settings.model_copy(update={"follow_events": False})) as server:
        _save_without_projecting(server.settings)
        assert _seconds_until_visible(server, timeout=1.2) is None


def test_on_postgresql_the_recorders_notify_wakes_the_follower_long_before_its_poll(
    postgres_url, postgres_schema
):
    """Polling every 30 s: only the NOTIFY sent in the recorder's transaction can explain a view
    that moves within a second."""
    settings = Settings(
        database_url=postgres_url,
        SISTEMKERJA_SCHEMA=postgres_schema,
        jwt_secret="test-secret-of-at-least-32-bytes-long",
        follow_interval_seconds=30,
    )
    with running_server(settings) as server:
        time.sleep(0.3)  # the follower has caught up once and is listening
        _save_without_projecting(server.settings)
        elapsed = _seconds_until_visible(server, timeout=1.5)
        assert elapsed is not None and elapsed < 1.0, elapsed
