"""Many tenants in one deployment (issue 13 part 1): the registry and its command, the settings a
tenant is served with, one shared pool whose connections carry no tenant between transactions,
and one follower that keeps every served tenant's read models moving (both stores where they
apply)."""

import time
import uuid
from contextlib import contextmanager

import httpx
import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from api.auth import mint_token
from application.commands.organisation import EstablishUnit
from domain.errors import InvalidInput
from infra.bootstrap import build
from infra.cli import app as cli
from infra.settings import Settings
from infra.tenancy.registry import Registry, new_tenant
from infra.tenancy.tenants import Tenants, current_settings, tenant_settings
from tests.e2e.conftest import ADMIN_NIP, running_server
from tests.integration.assignment_walk import ADMIN

SECRET = "test-secret-of-at-least-32-bytes-long"
UNIT = '{ unit(code: "DINKES") { code } }'


def _unit(code: str = "DINKES") -> EstablishUnit:
    return EstablishUnit(
        code=code, name="Dinas Kesehatan", kind="DINAS", head_position="JPT_PRATAMA", legal_basis="SOTK"
    )


@contextmanager
def _deployment(url: str):
    settings = Settings(
        database_url=url, multi_tenant=True, jwt_secret=SECRET, follow_interval_seconds=0.2, pool_size=3
    )
    suffix = uuid.uuid4().hex[:8]
    tenants = Tenants(settings)
    added = [
        tenants.add(new_tenant(f"t{i}-{suffix}", profile, schema=f"t{i}_{suffix}"))
        for i, profile in enumerate(("kab-serang-2024", "kota-serang-2023", "banyumas-2024"))
    ]
    tenants.close()
    try:
        yield settings, added
    finally:
        if not settings.is_sqlite:
            with psycopg.connect(url, autocommit=True) as conn:
                for tenant in added:
                    conn.execute(
                        sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(tenant.schema))
                    )
                conn.execute("DELETE FROM platform.tenants WHERE id = ANY(%s)", ([t.id for t in added],))


@pytest.fixture(params=["sqlite", "postgres"])
def deployment(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'platform.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    with _deployment(url) as made:
        yield made


@pytest.fixture
def postgres_deployment(postgres_url):
    """One pool for all tenants is PostgreSQL's; each SQLite tenant is its own file."""
    with _deployment(postgres_url) as made:
        yield made


def test_a_registry_entry_is_checked_field_by_field(tmp_path):
    for kwargs, case in (
        ({"tenant_id": "X"}, "id"),
        ({"schema": "public"}, "schema"),
        ({"schema": "pg_x"}, "schema"),
        ({"time_zone": "GMT"}, "time_zone"),
        ({"letterhead": "nowhere"}, "letterhead"),
    ):
        args = {"tenant_id": "kab-serang", "profile": "kab-serang-2024"} | kwargs
        with pytest.raises(InvalidInput) as refused:
            new_tenant(args.pop("tenant_id"), args.pop("profile"), **args)
        assert refused.value.code == "TENANT_INVALID" and refused.value.details["case"] == case
    tenant = new_tenant("kab-serang", "kab-serang-2024")
    assert (tenant.schema, tenant.time_zone, tenant.letterhead) == ("kab_serang", "WIB", "kab-serang-2024")
    registry = Registry(f"sqlite:///{tmp_path / 'r.db'}")
    registry.add(tenant)
    with pytest.raises(InvalidInput) as taken:
        registry.add(new_tenant("other", "kota-serang-2023", schema="kab_serang"))
    assert taken.value.code == "TENANT_EXISTS"


def test_the_tenants_command_adds_lists_and_disables(tmp_path, monkeypatch):
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", f"sqlite:///{tmp_path / 'platform.db'}")
    monkeypatch.setenv("SISTEMKERJA_MULTI_TENANT", "true")
    runner = CliRunner()
    added = runner.invoke(cli, ["tenants", "add", "kota-serang", "--profile", "kota-serang-2023"])
    assert added.exit_code == 0, added.output
    assert (tmp_path / "kota_serang.db").is_file()  # its own store, migrated
    listing = runner.invoke(cli, ["tenants", "list"])
    assert "kota-serang" in listing.output and "active" in listing.output
    monkeypatch.setenv("SISTEMKERJA_TENANT", "kota-serang")
    settings = current_settings()
    assert (settings.profile, settings.db_schema, settings.database_url) == (
        "kota-serang-2023",
        "kota_serang",
        f"sqlite:///{tmp_path / 'kota_serang.db'}",
    )
    token = runner.invoke(cli, ["token", ADMIN_NIP, "--admin"])
    assert token.exit_code == 0 and token.output.strip()
    assert runner.invoke(cli, ["tenants", "disable", "kota-serang"]).exit_code == 0
    with pytest.raises(SystemExit, match="no active tenant"):
        current_settings()


def test_each_tenant_is_served_with_its_own_profile_store_and_settings(deployment):
    settings, added = deployment
    with running_server(settings) as server:
        for tenant in added:
            token = mint_token(SECRET, nip=ADMIN_NIP, tenant=tenant.id, admin=True)
            body = httpx.post(
                f"{server.url}/graphql",
                json={"query": "{ regulation { profileId } }"},
                headers={"authorization": f"Bearer {token}"},
            ).json()
            assert body["data"]["regulation"]["profileId"] == tenant.profile
        served = {s.tenant: s for s in server.api.state.tenancy.served()}
        assert set(served) == {t.id for t in added}
        assert {s.app.profile.time_zone.value for s in served.values()} == {"WIB"}
        metrics = httpx.get(f"{server.url}/metrics").text
        assert all(f'sistemkerja_projector_lag_events{{tenant="{t.id}"}}' in metrics for t in added)


def test_the_shared_pool_leaves_no_tenant_on_a_connection(postgres_deployment):
    settings, added = postgres_deployment
    tenants = Tenants(settings)
    try:
        for tenant in added:
            system = tenants.system(tenant.id)
            system.app.handle(ADMIN, _unit())
            assert system.store.query("SELECT code FROM units") == [{"code": "DINKES"}]
            assert system.projector.rebuild() == system.app.recorder.max_notification_id()
        assert tenants.pool is not None
        assert tenants.pool.get_stats()["pool_size"] <= settings.pool_size
        for _ in range(settings.pool_size):  # every connection, as the next transaction finds it
            with tenants.pool.connection() as conn:
                assert conn.execute("SHOW search_path").fetchone()["search_path"] == '"$user", public'
    finally:
        tenants.close()


def test_tenants_writing_in_turn_on_one_connection_each_write_their_own_schema(postgres_url):
    """One connection in the pool, taken by each tenant in turn: the event store's composite type
    of each schema must be the one used (the bench found this: infra.tenancy.pool.Borrowed)."""
    with _deployment(postgres_url) as (settings, added):
        tenants = Tenants(settings.model_copy(update={"pool_size": 1}))
        try:
            systems = [tenants.system(t.id) for t in added]
            for turn in range(3):
                for system in systems:
                    system.app.handle(ADMIN, _unit(f"DINAS{turn}"))
            for system in systems:
                codes = [r["code"] for r in system.store.query("SELECT code FROM units ORDER BY code")]
                assert codes == ["DINAS0", "DINAS1", "DINAS2"]
        finally:
            tenants.close()


def test_one_follower_keeps_every_served_tenants_views_moving(deployment):
    settings, added = deployment
    with running_server(settings) as server:
        tokens = {t.id: mint_token(SECRET, nip=ADMIN_NIP, tenant=t.id, admin=True) for t in added}

        def unit(tenant: str):
            body = httpx.post(
                f"{server.url}/graphql",
                json={"query": UNIT},
                headers={"authorization": f"Bearer {tokens[tenant]}"},
            ).json()
            return body["data"]["unit"]

        assert all(unit(t.id) is None for t in added)  # each tenant built and followed
        registry = Registry(settings.database_url)
        for tenant in added:  # recorded by another process that crashed before projecting
            crashed = build(tenant_settings(settings, registry, tenant), migrate=False)
            crashed.app.after_save.clear()
            crashed.app.visibility.projections.clear()
            crashed.app.handle(ADMIN, _unit())
            crashed.close()
        deadline = time.monotonic() + 15  # generous: this asserts that they catch up, not how fast
        while time.monotonic() < deadline and not all(unit(t.id) for t in added):
            time.sleep(0.05)
        assert all(unit(t.id) == {"code": "DINKES"} for t in added)
