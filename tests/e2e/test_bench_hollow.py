"""bench.hollow: the server behind target 4's ceiling answers a placement as a real one would
be answered, and records nothing (else the ceiling would include a command's cost)."""

from api.auth import mint_token
from bench.__main__ import targets_of
from bench.command import HOLLOW
from bench.server import running_server
from bench.stores import SECRET, load, sqlite_store
from bench.workload import client, hollow_placement
from infra.bootstrap import build
from infra.demo import ADMIN_NIP


def events_recorded(settings) -> int:
    system = build(settings, migrate=False)
    try:
        return system.app.recorder.max_notification_id() or 0
    finally:
        system.close()


def test_a_hollow_placement_answers_with_the_official_and_records_nothing():
    with sqlite_store() as store:
        load(store)
        placements, _ = targets_of(store)
        before = events_recorded(store.settings)
        token = mint_token(SECRET, nip=ADMIN_NIP, tenant=store.settings.profile, admin=True, hours=1)
        env = {**store.env(), "SISTEMKERJA_FOLLOW_EVENTS": "false"}
        with running_server(env, factory=HOLLOW) as (base, _), client(base, token) as http:
            for target in placements[:3]:
                hollow_placement(http, target)  # raises unless the answer names him
        assert before > 0
        assert events_recorded(store.settings) == before
