"""Fuzzing the GraphQL API over real HTTP, on SQLite and PostgreSQL (issue 8, "Done when").

Queries and mutations generated from the served schema, and commands that succeed with one
value made hostile (see tests/fuzz_support.py), are sent by the administrator, an ordinary
official, a team leader and heads to a seeded world (agencies, a staffed team, fixed and
pending assignments, a report, an escalation, a delegation), so generated ids, NIPs and unit
codes often exist and commands get past their first checks.

Every answer must hold: no 5xx, no `INTERNAL`, every error typed (`extensions.code`), no
event written by a call that answered an error (nor by a query), and no event recorded that a
read model could not apply (`RECORDED_NOT_YET_VISIBLE`). Derandomised (the same
cases every run); SISTEMKERJA_FUZZ_EXAMPLES sets the number of cases per store (`make fuzz`
runs thousands). All failure classes are reported together, each with its smallest request.
"""

import logging
import os
from datetime import date

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings

from api.auth import mint_token
from application.commands.organisation import GrantDelegation
from application.commands.reporting import RaiseEscalation, SubmitReport
from application.commands.teams import AdmitTeamMembers
from infra.audit.env import open_chained_recorder
from infra.bootstrap import build
from tests.e2e.conftest import ADMIN_NIP
from tests.fuzz_support import (
    ERROR_ALIAS,
    FRESH_NIP,
    FRESH_UNIT,
    Findings,
    Fuzzer,
    Generator,
    Operation,
    Seed,
    Vocabulary,
)
from tests.integration.team_world import (
    TeamWorld,
    _build,
    as_,
    fixed_team_assignment,
    form,
    lead,
    open_team_assignment,
)

EXAMPLES = int(os.environ.get("SISTEMKERJA_FUZZ_EXAMPLES", "300"))
PERIOD = date.today().strftime("%Y-%m")
APP_NAME = "sistemkerja"  # application.app.BaseApp.name: its events table (PostgreSQL)


def _world(app) -> tuple[TeamWorld, dict[str, list[str]], dict[str, str]]:
    """The team world with one record of each kind: the world, the ids by kind, and the NIPs
    of who requests an assignment and who forms a team in A.U1."""
    world = _build(app)
    team = form(app, world)
    lead(app, team, world.leader)
    fixed = fixed_team_assignment(app, owning_unit=team.owning_unit, nips=[world.w.official, world.w.second])
    app.handle(as_(team.formed_by_nip), AdmitTeamMembers(team_id=str(team.id), assignment_id=str(fixed.id)))
    pending = open_team_assignment(app, owning_unit=world.w.a.unit, nips=[world.w.official])
    report = app.handle(
        as_(world.w.official), SubmitReport(subject_id=str(team.id), period=PERIOD, text="12 desa terpetakan")
    ).result["report_id"]
    escalation = app.handle(
        as_(world.leader),
        RaiseEscalation(
            subject_id=str(team.id),
            problems="Data desa belum ada",
            alternatives=["Minta data ke Dinas B"],
            other_units=["A.U2"],
        ),
    ).result["escalation_id"]
    delegation = app.handle(
        as_(world.w.a.unit_head),
        GrantDelegation(
            grantor_nip=world.w.a.unit_head,
            delegate_nip=world.w.a.subunit_head,
            valid_from=date(2024, 1, 1),
            valid_until=date(2099, 1, 1),
        ),
    ).result["delegation_id"]
    ids = {
        "team": [str(team.id)],
        "assignment": [str(fixed.id), str(pending.id)],
        "report": [report],
        "escalation": [escalation],
        "delegation": [str(delegation)],
    }
    return world, ids, {"requester": pending.requester_nip, "team former": team.formed_by_nip}


def _seeds(world: TeamWorld, team_id: str) -> list[Seed]:
    """Commands that succeed in the world (before a value is made hostile), by who may send them."""
    official = world.w.official
    return [
        Seed(
            "requester",
            "requestAssignment",
            {
                "mode": "APPOINTMENT",
                "scope": "WITHIN_UNIT",
                "owningUnitCode": world.w.a.unit,
                "work": "Percepatan penurunan stunting",
                "periodStart": "2025-01-01",
                "periodEnd": "2025-12-31",
                "officialNips": [official],
                "team": True,
                "requestLetter": {
                    "purpose": "Tim percepatan",
                    "competencies": "Analisis data",
                    "expectedTarget": "Peta",
                },
            },
        ),
        Seed(
            "admin",
            "registerOfficial",
            {
                "nip": FRESH_NIP,
                "name": "Dr. Siti Aminah, S.Kep., M.Kes.",
                "positionType": "PELAKSANA",
                "positionTitle": "Pengadministrasi Umum",
                "rank": "II/c",
                "education": "SMA",
                "legalBasis": "SK pengangkatan",
                "employeeType": "PNS",
            },
        ),
        Seed(
            "admin",
            "establishUnit",
            {
                "code": FRESH_UNIT,
                "name": "Seksi Baru",
                "kind": "SEKSI",
                "headPosition": "PENGAWAS",
                "parentCode": world.w.a.unit,
                "legalBasis": "Perbup SOTK",
            },
        ),
        Seed(
            "team former",
            "formTeam",
            {
                "owningUnit": world.w.a.unit,
                "scope": "WITHIN_UNIT",
                "name": "Tim Pendataan Desa",
                "tasks": ["Menyusun peta sebaran"],
                "targets": [{"description": "Peta per desa", "measure": "1 dokumen"}],
                "plannedMembers": [{"nip": official, "role": "Analis data"}],
                "periodStart": "2025-01-01",
                "periodEnd": "2025-12-31",
            },
        ),
        Seed(
            "official",
            "submitReport",
            {
                "subjectId": team_id,
                "period": PERIOD,
                "text": "Pendataan 12 desa selesai",
                "progress": [{"target": "T1", "progress": "40%"}],
            },
        ),
        Seed(
            "team leader",
            "raiseEscalation",
            {
                "subjectId": team_id,
                "problems": "Data desa belum tersedia",
                "alternatives": ["Minta data ke Dinas B", "Survei lapangan"],
                "otherUnits": ["A.U2"],
            },
        ),
        Seed(
            "unit head",
            "grantDelegation",
            {
                "grantorNip": world.w.a.unit_head,
                "delegateNip": world.w.a.subunit_head,
                "validFrom": "2025-01-01",
                "validUntil": "2025-12-31",
                "legalBasis": "Cuti tahunan",
            },
        ),
    ]


@pytest.fixture
def fuzzer(live_server):
    setup = build(live_server.settings, migrate=False)
    try:
        world, ids, actors = _world(setup.app)
    finally:
        setup.close()
    nips = sorted(
        {
            world.w.official,
            world.w.second,
            world.w.bystander,
            world.leader,
            ADMIN_NIP,
            *world.heads.values(),
        }
    )
    vocab = Vocabulary(ids=ids, nips=nips, units=sorted(world.heads))
    secret, tenant = live_server.settings.jwt_secret, live_server.settings.profile
    people = {
        "official": world.w.official,
        "team leader": world.leader,
        "subunit head": world.w.a.subunit_head,
        "unit head": world.w.a.unit_head,
        "agency head": world.w.a.agency_head,
        "Sekda": world.heads["SETDA"],
        **actors,
    }
    tokens = {
        "admin": mint_token(secret, nip=ADMIN_NIP, tenant=tenant, admin=True),
        **{role: mint_token(secret, nip=nip, tenant=tenant) for role, nip in people.items()},
    }
    factory, recorder = open_chained_recorder(
        live_server.settings.database_url, live_server.settings.db_schema, APP_NAME
    )
    fuzzer = Fuzzer(live_server.url, tokens, events=lambda: recorder.max_notification_id() or 0)
    server_log = logging.getLogger("sistemkerja.api")
    server_log.addHandler(fuzzer.causes)
    yield fuzzer, Generator(vocab, sorted(tokens), _seeds(world, ids["team"][0]))
    server_log.removeHandler(fuzzer.causes)
    fuzzer.close()
    factory.close()


def test_no_generated_call_breaks_the_api_or_writes_on_an_error(fuzzer):
    runner, generator = fuzzer
    seeded = generator.seeded_calls(EXAMPLES)
    whole, hostile = seeded[: len(generator.seeds)], seeded[len(generator.seeds) :]
    for operation, role in whole:  # the seeds must work, or their hostile variants test little
        answer = runner.call(operation, role).json()
        assert answer.get("data") and answer["data"][operation.field]["__typename"].endswith("Success"), (
            answer
        )

    for calls, examples in generator.plan(EXAMPLES):  # every root field gets its share

        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(call=calls)
        def send(call):
            runner.call(*call)

        send()
    for operation, role in hostile:
        runner.call(operation, role)
    print(f"fuzz: {runner.findings.calls} calls; answers: {runner.findings.summary()}")
    if runner.findings.classes:
        pytest.fail(runner.findings.report(), pytrace=False)


def test_the_checks_see_each_kind_of_failure():
    """The fuzz assertion itself: a 5xx, an INTERNAL, an untyped error, an event written by a
    refused command or by a query, and an event a view could not apply are each a failure; a
    typed refusal that wrote nothing, and a command that succeeded and wrote, are not."""
    checker = Fuzzer("http://unused", {}, events=lambda: 0)
    command = Operation("mutation", "formTeam", "mutation { formTeam { __typename } }", {})
    query = Operation("query", "teams", "query { teams { __typename } }", {})
    refused = {"data": {"formTeam": {"__typename": "CommandError", ERROR_ALIAS: "NOT_YOUR_STEP"}}}
    internal = {
        "data": None,
        "errors": [{"message": "x", "path": ["formTeam"], "extensions": {"code": "INTERNAL"}}],
    }
    cases = [
        (command, httpx.Response(200, json=refused), 0, set()),
        (command, httpx.Response(200, json={"data": {"formTeam": {"__typename": "TeamSuccess"}}}), 1, set()),
        (command, httpx.Response(200, json=refused), 1, {"event-written"}),
        (command, httpx.Response(200, json=internal), 1, {"INTERNAL", "event-written"}),
        (
            command,
            httpx.Response(200, json={"errors": [{"message": "Variable '$i' got invalid value"}]}),
            0,
            {"untyped"},
        ),
        (command, httpx.Response(502, text="Bad Gateway"), 0, {"5xx"}),
        (
            query,
            httpx.Response(200, json={"data": {"teams": {"__typename": "TeamConnection"}}}),
            1,
            {"event-written"},
        ),
        (
            command,
            httpx.Response(
                200,
                json={
                    "data": {
                        "formTeam": {"__typename": "CommandError", ERROR_ALIAS: "RECORDED_NOT_YET_VISIBLE"}
                    }
                },
            ),
            1,
            {"quarantined"},
        ),
    ]
    for operation, response, written, expected in cases:
        checker.findings = Findings()
        checker.check(operation, "admin", response, written)
        assert {kind for kind, _ in checker.findings.classes} == expected, (response.text, written)
