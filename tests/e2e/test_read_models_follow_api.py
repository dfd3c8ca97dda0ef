"""Read models that catch up on their own (issue 13, part 5), over real HTTP on both stores.

A crash between the save and the projection is simulated by a second system over the same store
whose projection hooks are removed: its commands are recorded, and nobody projects them. The live
server's follower (projections.engine.follower) must make them visible with no new command;
without a follower they stay invisible. The tests assert that, not how fast: the deadlines below
are generous (the follower polls every 0.5 s; the NOTIFY test polls every 60 s, so only the
notification explains a view that moves inside its 15 s), and speed belongs in `make bench`."""

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


def _visible_within(server: LiveServer, timeout: float) -> bool:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if server.gql(UNIT)["unit"] is not None:
            return True
        time.sleep(0.05)
    return False


def test_an_event_saved_but_not_projected_becomes_visible_with_no_command(live_server):
    assert live_server.gql(UNIT)["unit"] is None
    _save_without_projecting(live_server.settings)
    assert _visible_within(live_server, timeout=15)
    assert live_server.gql(UNIT)["unit"] == {"code": "DINKES", "name": "Dinas Kesehatan"}


def test_without_the_follower_the_views_stay_behind_until_the_next_command(settings):
    with running_server(settings.model_copy(update={"follow_events": False})) as server:
        _save_without_projecting(server.settings)
        assert not _visible_within(server, timeout=2)


def test_on_postgresql_the_recorders_notify_wakes_the_follower_long_before_its_poll(
    postgres_url, postgres_schema
):
    """Polling every 60 s: only the NOTIFY sent in the recorder's transaction can explain a view
    that moves within 15 s."""
    settings = Settings(
        database_url=postgres_url,
        SISTEMKERJA_SCHEMA=postgres_schema,
        jwt_secret="test-secret-of-at-least-32-bytes-long",
        follow_interval_seconds=60,
    )
    with running_server(settings) as server:
        time.sleep(0.3)  # the follower has caught up once and is listening
        _save_without_projecting(server.settings)
        assert _visible_within(server, timeout=15)
