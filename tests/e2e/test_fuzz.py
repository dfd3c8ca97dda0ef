"""Fuzzing the GraphQL API over real HTTP, on SQLite and PostgreSQL (issue 8, "Done when").

Queries and mutations generated from the served schema (see tests/fuzz_support.py) are sent
by the administrator, an ordinary official and a unit head to a seeded world (agencies, a
staffed team, fixed and pending assignments, a report, an escalation, a delegation), so
generated ids, NIPs and unit codes often exist and commands get past their first checks.

Every answer must hold: no 5xx, no `INTERNAL`, every error typed (`extensions.code`), and
no event written by a call that answered an error (nor by a query). Derandomised (the same
cases every run); SISTEMKERJA_FUZZ_EXAMPLES sets the number of cases per store (`make fuzz`
runs thousands). All failure classes are reported together, each with its smallest request.
"""

import logging
import os
from datetime import date

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from api.auth import mint_token
from infra.audit.env import open_chained_recorder
from infra.bootstrap import build
from tests.e2e.conftest import ADMIN_NIP
from tests.fuzz_support import Fuzzer, Generator, Vocabulary
from tests.integration.team_world import (
    TeamWorld, _build, as_, fixed_team_assignment, form, lead, open_team_assignment,
)

EXAMPLES = int(os.environ.get("SISTEMKERJA_FUZZ_EXAMPLES", "150"))
APP_NAME = "sistemkerja"  # application.app.BaseApp.name: its events table (PostgreSQL)


def _seed(app) -> tuple[TeamWorld, list[str]]:
    """The team world, with one of each kind of record, and the ids of them all."""
    world = _build(app)
    team = form(app, world)
    lead(app, team, world.leader)
    fixed = fixed_team_assignment(app, owning_unit=team.owning_unit, nips=[world.w.official, world.w.second])
    app.admit_team_members(as_(team.formed_by_nip), team_id=str(team.id), assignment_id=str(fixed.id))
    pending = open_team_assignment(app, owning_unit=world.w.a.unit, nips=[world.w.official])
    report = app.submit_report(as_(world.w.official), subject_id=str(team.id), period=date.today().strftime("%Y-%m"),
                               text="12 desa terpetakan")
    escalation = app.raise_escalation(as_(world.leader), subject_id=str(team.id), problems="Data desa belum ada",
                                      alternatives=["Minta data ke Dinas B"], other_units=["A.U2"])
    delegation = app.grant_delegation(as_(world.w.a.unit_head), grantor_nip=world.w.a.unit_head,
                                      delegate_nip=world.w.a.subunit_head, valid_from=date(2024, 1, 1),
                                      valid_until=date(2099, 1, 1))
    ids = [str(team.id), str(fixed.id), str(pending.id), str(report.id), str(escalation.id), str(delegation)]
    return world, ids


@pytest.fixture
def fuzzer(live_server):
    setup = build(live_server.settings, migrate=False)
    try:
        world, ids = _seed(setup.app)
    finally:
        setup.close()
    nips = sorted({world.w.official, world.w.second, world.w.bystander, world.leader, world.ppk, ADMIN_NIP,
                   *world.heads.values()})
    vocab = Vocabulary(ids=ids, nips=nips, units=sorted(world.heads))
    secret, tenant = live_server.settings.jwt_secret, live_server.settings.profile
    tokens = {"admin": mint_token(secret, nip=ADMIN_NIP, tenant=tenant, admin=True),
              "official": mint_token(secret, nip=world.w.official, tenant=tenant),
              "unit head": mint_token(secret, nip=world.heads[world.w.a.unit], tenant=tenant)}
    factory, recorder = open_chained_recorder(live_server.settings.database_url, live_server.settings.db_schema,
                                              APP_NAME)
    fuzzer = Fuzzer(live_server.url, tokens, events=lambda: recorder.max_notification_id() or 0)
    server_log = logging.getLogger("sistemkerja.api")
    server_log.addHandler(fuzzer.causes)
    yield fuzzer, Generator(vocab)
    server_log.removeHandler(fuzzer.causes)
    fuzzer.close()
    factory.close()


def test_no_generated_call_breaks_the_api_or_writes_on_an_error(fuzzer):
    runner, generator = fuzzer

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(operation=generator.operations(), role=st.sampled_from(sorted(runner.tokens)))
    def call(operation, role):
        runner.call(operation, role)

    call()
    print(f"fuzz: {runner.findings.calls} calls; answers: {runner.findings.summary()}")
    assert not runner.findings.classes, runner.findings.report()

