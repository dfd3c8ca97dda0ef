"""The rules that keep a tenant movable by Citus schema-based sharding (README "Scaling out"):
a tenant's schema must stay whole on one node, so nothing of a tenant may reach outside it.

Proved on the real thing rather than by reading the code: a PostgreSQL role that owns one schema
and may touch nothing else, whose search_path is that schema alone, migrates the tenant (every
table, index and sequence), loads the demo government, answers every README example over HTTP
(queries and commands), rebuilds every read model, and verifies the hash chain. Any statement
that named another schema, a table of the registry or of another tenant, or a sequence elsewhere
would be refused by PostgreSQL. Then the catalogue is asked what the rules forbid: foreign keys,
sequences or views that cross into another schema.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from infra.audit.env import open_chained_recorder
from infra.audit.verify import verify_chain
from infra.bootstrap import build
from infra.demo import load_demo
from infra.settings import Settings
from tests.e2e.conftest import running_server
from tests.e2e.test_readme_examples import README, readme_examples, run_example

SECRET = "test-secret-of-at-least-32-bytes-long"


@pytest.fixture
def confined(postgres_url: str) -> Iterator[Settings]:
    """A tenant schema owned by a role that can reach nothing else."""
    schema = f"citus_{uuid.uuid4().hex[:10]}"
    role = f"{schema}_app"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(sql.Identifier(schema), sql.Identifier(role))
        )
        conn.execute(
            sql.SQL("ALTER ROLE {} SET search_path TO {}").format(
                sql.Identifier(role), sql.Identifier(schema)
            )
        )
    host = postgres_url.split("@", 1)[1]
    try:
        yield Settings(
            database_url=f"postgresql://{role}@{host}", SISTEMKERJA_SCHEMA=schema, jwt_secret=SECRET
        )
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def _crossing(postgres_url: str, schema: str) -> dict[str, list[Any]]:
    """What in the catalogue ties the schema to another one."""
    queries = {
        "foreign keys": "SELECT conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.confrelid "
        "WHERE c.contype = 'f' AND c.connamespace = %(s)s::regnamespace "
        "AND t.relnamespace <> %(s)s::regnamespace",
        "sequences": "SELECT seq.relname FROM pg_depend d JOIN pg_class seq ON seq.oid = d.objid "
        "JOIN pg_class tab ON tab.oid = d.refobjid WHERE seq.relkind = 'S' "
        "AND (seq.relnamespace = %(s)s::regnamespace) <> (tab.relnamespace = %(s)s::regnamespace)",
        "defaults": "SELECT pg_get_expr(a.adbin, a.adrelid) FROM pg_attrdef a "
        "JOIN pg_class t ON t.oid = a.adrelid "
        "WHERE t.relnamespace = %(s)s::regnamespace AND pg_get_expr(a.adbin, a.adrelid) LIKE '%%nextval%%' "
        "AND pg_get_expr(a.adbin, a.adrelid) NOT LIKE '%%' || %(s)s || '.%%' "
        "AND pg_get_expr(a.adbin, a.adrelid) NOT LIKE 'nextval(''%%'",
        "views": "SELECT DISTINCT v.relname FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
        "JOIN pg_class v ON v.oid = r.ev_class JOIN pg_class t ON t.oid = d.refobjid "
        "WHERE v.relnamespace = %(s)s::regnamespace AND t.relnamespace <> %(s)s::regnamespace "
        "AND t.relnamespace <> 'pg_catalog'::regnamespace",
    }
    with psycopg.connect(postgres_url) as conn:
        return {name: conn.execute(query, {"s": schema}).fetchall() for name, query in queries.items()}


def test_a_tenant_lives_whole_inside_its_own_schema(confined: Settings, postgres_url: str):
    system = build(confined, migrate=True)  # every table, index and sequence, as the confined role
    try:
        load_demo(system.app)
        tables = system.store.query(
            "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = :s",
            {"s": confined.db_schema},
        )[0]["n"]
    finally:
        system.close()
    with running_server(confined) as server:
        values: dict[str, Any] = {}
        failures = [
            f"README line {example.line}: {reason}"
            for example in readme_examples(README.read_text())
            if (reason := run_example(server, example, values))
        ]
    assert failures == []
    system = build(confined, migrate=False)
    try:
        assert system.projector.rebuild() == system.app.recorder.max_notification_id()
    finally:
        system.close()
    factory, recorder = open_chained_recorder(confined.database_url, confined.db_schema, "sistemkerja")
    try:
        assert verify_chain(recorder, None).ok
    finally:
        factory.close()
    assert tables >= 20  # the tenant's tables were made, all in its schema
    assert _crossing(postgres_url, confined.db_schema) == {
        "foreign keys": [],
        "sequences": [],
        "defaults": [],
        "views": [],
    }


def test_the_confined_role_really_cannot_reach_another_schema(confined: Settings, postgres_url: str):
    """The proof above is only as good as the confinement: a statement naming the registry or the
    public schema is refused for this role."""
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS platform")
        conn.execute("CREATE TABLE IF NOT EXISTS public.citus_rules_probe (x int)")
    user_url = confined.database_url
    with psycopg.connect(user_url, autocommit=True) as conn:
        for statement in (
            "SELECT * FROM public.citus_rules_probe",
            "CREATE TABLE platform.intruder (x int)",
            "CREATE TABLE public.intruder (x int)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
        assert conn.execute("SHOW search_path").fetchone()[0] == confined.db_schema
