"""Many governments in one deployment (issue 13 parts 1-2, README "Tenants"), over real HTTP on
SQLite and PostgreSQL: one server, a registry of two tenants, the tenant taken from each token.

Government B holds the read-permission world (tests/e2e/test_read_permissions.py); government A is
registered on the same server and holds nothing of it. With A's tokens, every query of the MATRIX
answers nothing of B, and every mutation of the schema (generated for each root field, and the
fuzz's seeds, which succeed in B's world) changes nothing in B: its events, its hash chain and its
read models stay as they were. The same questions asked with B's tokens do see B's data, so the
check can fail.
"""

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import httpx
import psycopg
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from psycopg import sql

from api.auth import mint_token
from application.commands.evaluation import SubmitResults
from application.commands.reporting import (
    RaiseEscalation,
    ReportMemberPerformance,
    RequestReport,
    SubmitReport,
)
from application.commands.work_plan import FixWorkPlan
from domain.work_plan import plan_item_id
from infra.bootstrap import System, build
from infra.settings import Settings
from infra.tenancy.registry import Registry, new_tenant
from infra.tenancy.tenants import Tenants, tenant_settings
from tests.e2e.conftest import ADMIN_NIP, running_server
from tests.e2e.test_fuzz import _seeds
from tests.e2e.test_read_permissions import MATRIX, _operation
from tests.fuzz_support import Generator, Vocabulary
from tests.integration.team_world import _build, as_, staffed_team

PERIOD = date.today().strftime("%Y-%m")
SECRET = "test-secret-of-at-least-32-bytes-long"


@dataclass
class Platform:
    settings: Settings
    registry: Registry
    a: str
    b: str

    def system(self, tenant: str) -> System:
        entry = self.registry.get(tenant)
        assert entry is not None
        return build(tenant_settings(self.settings, self.registry, entry), migrate=False)

    def token(self, tenant: str, nip: str = ADMIN_NIP, *, admin: bool = True) -> str:
        return mint_token(SECRET, nip=nip, tenant=tenant, admin=admin)


def _drop(url: str, tenants: list[str], schemas: list[str]) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for schema in schemas:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
        conn.execute("DELETE FROM platform.tenants WHERE id = ANY(%s)", (tenants,))


@pytest.fixture(params=["sqlite", "postgres"])
def platform(request: pytest.FixtureRequest, tmp_path) -> Iterator[Platform]:
    suffix = uuid.uuid4().hex[:8]
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    settings = Settings(database_url=url, multi_tenant=True, jwt_secret=SECRET, follow_interval_seconds=0.2)
    tenants = Tenants(settings)
    a = tenants.add(new_tenant(f"a-{suffix}", "kab-serang-2024", schema=f"ta_{suffix}"))
    b = tenants.add(new_tenant(f"b-{suffix}", "pemalang-2023", schema=f"tb_{suffix}"))
    tenants.close()
    try:
        yield Platform(settings, tenants.registry, a.id, b.id)
    finally:
        if request.param == "postgres":
            _drop(url, [a.id, b.id], [a.schema, b.schema])


def _activity(app, w, team_id: str) -> None:
    """Reports, a request for one, an escalation, a work plan and results: what the MATRIX reads."""
    app.handle(as_(w.w.official), SubmitReport(subject_id=team_id, period=PERIOD, text="12 desa"))
    app.handle(
        as_(w.heads["A.U1"]), RequestReport(official_nip=w.w.official, subject_id=team_id, about="Progres")
    )
    app.handle(
        as_(w.leader),
        ReportMemberPerformance(
            team_id=team_id, period=PERIOD, nip=w.w.official, contribution="Analisis 12 desa"
        ),
    )
    app.handle(
        as_(w.w.official), RaiseEscalation(subject_id=team_id, problems="Data", alternatives=["Minta"])
    )
    app.handle(
        as_(w.heads["A.U1"]),
        FixWorkPlan(
            unit_code="A.U1",
            year=date.today().year,
            items=[{"description": "Peta", "indicator": "Peta", "target": "1", "budget_activity": "X"}],
        ),
    )
    app.handle(
        as_(w.leader),
        SubmitResults(
            subject_id=team_id, summary="Selesai", results=[{"target": "T1", "achieved": "Peta 120 desa"}]
        ),
    )


def _world_in_b(platform: Platform):
    """B's world, and what only B's data can show: its officials' names and its units' names."""
    system = platform.system(platform.b)
    try:
        w = _build(system.app)
        team = staffed_team(system.app, w)
        _activity(system.app, w, str(team.id))
        names = {
            r["name"] for r in system.store.query("SELECT name FROM officials UNION SELECT name FROM units")
        }
    finally:
        system.close()
    return w, str(team.id), names


def _fingerprint(platform: Platform, tenant: str) -> tuple[int, str]:
    """The tenant's last event position and a digest of every read-model row."""
    system = platform.system(tenant)
    try:
        position = system.app.recorder.max_notification_id() or 0
        digest = hashlib.sha256()
        for view in system.projector.views:
            for table in view.tables:
                rows = system.store.query(f"SELECT * FROM {table}")
                digest.update(json.dumps(sorted(map(str, rows))).encode())
        return position, digest.hexdigest()
    finally:
        system.close()


def _leaves(value) -> set[str]:
    """Every scalar of an answer, as text (keys aside)."""
    if isinstance(value, dict):
        return {leaf for item in value.values() for leaf in _leaves(item)}
    if isinstance(value, list):
        return {leaf for item in value for leaf in _leaves(item)}
    return set() if value is None else {str(value)}


def _ask(url: str, token: str, document: str, variables: dict) -> dict:
    body = {"query": _operation(document), "variables": variables}
    response = httpx.post(
        f"{url}/graphql", json=body, headers={"authorization": f"Bearer {token}"}, timeout=30
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_a_token_of_one_government_reads_nothing_of_another(platform):
    w, team_id, names = _world_in_b(platform)
    with running_server(platform.settings) as server:
        assignments = _ask(
            server.url, platform.token(platform.b), '{ assignments(unitCode: "A.U1") { nodes { id } } }', {}
        )["data"]["assignments"]["nodes"]
        variables = {
            "self": w.w.official,
            "team": team_id,
            "period": PERIOD,
            "asOf": "2100-01-01T00:00:00Z",
            "assignment": assignments[0]["id"],
            "workPlanId": "none",
            "planItem": plan_item_id("A.U1", date.today().year, "K1"),
            "year": date.today().year,
        }
        seen_by_b, leaked = [], []
        for name, (document, _) in MATRIX.items():
            # A value the question itself names may be echoed back (officialDashboard's nip): not B's data.
            asked = {str(v) for v in variables.values()} | {"true", "false"}
            in_b = _leaves(_ask(server.url, platform.token(platform.b), document, variables).get("data"))
            in_a = _leaves(_ask(server.url, platform.token(platform.a), document, variables).get("data"))
            b_data = {v for v in in_b if v not in asked and v not in document}
            if b_data:
                seen_by_b.append(name)
            if in_a & b_data:
                leaked.append((name, sorted(in_a & b_data)))
        unit_in_a = _ask(server.url, platform.token(platform.a), '{ unit(code: "A.U1") { code } }', {})
        unit_in_b = _ask(server.url, platform.token(platform.b), '{ unit(code: "A.U1") { code } }', {})
    assert leaked == []
    # The questions do reach B's data with B's tokens (23 of 48 here: the others select only ids
    # the question names, or nothing B's administrator has).
    assert len(seen_by_b) >= 20, seen_by_b
    assert unit_in_a["data"]["unit"] is None and unit_in_b["data"]["unit"] == {"code": "A.U1"}


def test_no_mutation_sent_with_a_token_of_one_government_changes_another(platform):
    w, team_id, _ = _world_in_b(platform)
    b_before = _fingerprint(platform, platform.b)
    a_before = _fingerprint(platform, platform.a)
    people = {
        "official": w.w.official,
        "team leader": w.leader,
        "unit head": w.w.a.unit_head,
        "requester": w.heads["A.U1"],
        "team former": w.heads["A.U1"],
    }
    tokens = {"admin": platform.token(platform.a)} | {
        role: platform.token(platform.a, nip, admin=False) for role, nip in people.items()
    }
    vocab = Vocabulary(ids={"team": [team_id]}, nips=sorted(set(people.values())), units=sorted(w.heads))
    generator = Generator(vocab, sorted(tokens), _seeds(w, team_id))
    mutations = [(kind, name) for kind, name in generator.fields if kind == "mutation"]
    with running_server(platform.settings) as server, httpx.Client(timeout=60) as client:

        def send(operation, role) -> dict:
            headers = {"authorization": f"Bearer {tokens[role]}"}
            response = client.post(f"{server.url}/graphql", json=operation.body(), headers=headers)
            assert response.status_code < 500, response.text
            return response.json()

        answered = {
            send(operation, role).get("data") is not None for operation, role in generator.seeded_calls(0)
        }
        for _, name in mutations:

            @settings(
                max_examples=2,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(call=generator.generated("mutation", name))
            def mutate(call):
                send(call, "admin")

            mutate()
    assert True in answered
    assert _fingerprint(platform, platform.b) == b_before
    # What A's administrator may do in his own government did land there: the seeded
    # registerOfficial and establishUnit succeed in A, not in B.
    assert _fingerprint(platform, platform.a)[0] > a_before[0]


def test_an_unknown_or_disabled_tenant_is_refused_with_a_typed_answer(platform):
    with running_server(platform.settings) as server:
        query = {"query": "{ regulation { profileId } }"}
        ok = httpx.post(
            f"{server.url}/graphql",
            json=query,
            headers={"authorization": f"Bearer {platform.token(platform.a)}"},
        )
        assert ok.status_code == 200 and ok.json()["data"]["regulation"]["profileId"] == "kab-serang-2024"
        unknown = httpx.post(
            f"{server.url}/graphql",
            json=query,
            headers={"authorization": f"Bearer {platform.token('nowhere')}"},
        )
        assert unknown.status_code == 401
        error = unknown.json()["errors"][0]
        assert error["extensions"]["code"] == "UNAUTHENTICATED" and "nowhere" in error["extensions"]["pesan"]
        platform.registry.set_status(platform.a, "disabled")
        server.api.state.tenancy._entries.clear()  # re-read now, not after REGISTRY_REFRESH
        disabled = httpx.post(
            f"{server.url}/graphql",
            json=query,
            headers={"authorization": f"Bearer {platform.token(platform.a)}"},
        )
        assert (
            disabled.status_code == 401
            and "dinonaktifkan" in disabled.json()["errors"][0]["extensions"]["pesan"]
        )
        ready = httpx.get(f"{server.url}/ready").json()
        assert {t["tenant"] for t in ready["tenants"]} == {platform.a}
