"""`sistemkerja projections rebuild` reproduces exactly the incrementally maintained read models,
on SQLite and on a real PostgreSQL, whatever the batch size."""

import uuid
from datetime import date
from urllib.parse import urlsplit

import psycopg
import pytest
from psycopg import sql
from typer.testing import CliRunner

from application.commands.organisation import AppointHead, GrantDelegation, PlaceOfficial, RevokeDelegation
from application.principal import Principal
from infra.bootstrap import all_views, build
from infra.cli import app as cli
from infra.settings import Settings
from projections.engine import rebuild as rebuild_module
from tests.support import build_agency, register


def dump(store) -> dict[str, list]:
    """Every row of every view table, in a stable order."""
    tables = [table for view in all_views() for table in view.tables]
    return {
        table: sorted((tuple(sorted(row.items())) for row in store.query(f"SELECT * FROM {table}")), key=repr)
        for table in tables
    }


def history(system, admin) -> None:
    """Units, heads replaced, officials placed and moved, delegations granted and revoked."""
    app = system.app
    dinkes, bappeda = (
        build_agency(app, admin, code="DINKES"),
        build_agency(app, admin, code="BAPPEDA", kind="BADAN"),
    )
    successor = register(app, admin, position_type="ADMINISTRATOR", rank="IV/a")
    app.handle(
        admin,
        AppointHead(unit_code=dinkes.unit, nip=successor, effective_date=date(2024, 6, 1), legal_basis="SK"),
    )
    for i in range(4):
        staff = register(app, admin, position_type="FUNGSIONAL", grade="AHLI_PERTAMA")
        app.handle(
            admin,
            PlaceOfficial(
                nip=staff,
                unit_code=dinkes.subunit,
                appraiser_nip=dinkes.agency_head,
                effective_date=date(2024, 2, 1 + i),
            ),
        )
        app.handle(
            admin,
            PlaceOfficial(
                nip=staff,
                unit_code=bappeda.unit,
                appraiser_nip=bappeda.unit_head,
                effective_date=date(2024, 8, 1 + i),
            ),
        )
    head = Principal(nip=bappeda.unit_head)
    delegation = app.handle(
        head,
        GrantDelegation(
            grantor_nip=bappeda.unit_head,
            delegate_nip=bappeda.subunit_head,
            valid_from=date(2024, 9, 1),
            valid_until=date(2024, 9, 30),
        ),
    ).result["delegation_id"]
    app.handle(
        admin, RevokeDelegation(grantor_nip=bappeda.unit_head, delegation_id=delegation, reason="Kembali")
    )


def indexes(store) -> set[tuple[str, str]]:
    """Every index of the read-model schema, by table and name."""
    if store.dialect == "postgres":
        sql = "SELECT tablename AS t, indexname AS i FROM pg_indexes WHERE schemaname = current_schema()"
    else:
        sql = "SELECT tbl_name AS t, name AS i FROM sqlite_master WHERE type = 'index'"
    return {(row["t"], row["i"]) for row in store.query(sql)}


@pytest.fixture
def one_transaction_swaps(monkeypatch) -> list[int]:
    """Counts the swaps done without a staging schema (projections.engine.rebuild)."""
    calls: list[int] = []
    original = rebuild_module._swap_in_one_transaction
    monkeypatch.setattr(
        rebuild_module, "_swap_in_one_transaction", lambda *args: (calls.append(1), original(*args))
    )
    return calls


def schemas_like(store, pattern: str) -> list[str]:
    rows = store.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE :p", {"p": pattern})
    return [row["nspname"] for row in rows]


# On PostgreSQL the views are replayed by `workers` processes (one: all in this one; three: two
# forked helpers beside it), each into its own scratch file; copied side by side into a staging
# schema, and moved into the tenant's schema in one transaction.
@pytest.mark.parametrize(("batch", "workers"), [(2000, None), (3, 1), (7, 3)])
def test_a_rebuild_equals_the_incremental_read_models(
    system, admin, batch, workers, one_transaction_swaps, caplog
):
    history(system, admin)
    incremental, indexed = dump(system.store), indexes(system.store)
    assert incremental["decision_ledger"] and incremental["placement_history"]  # the views did real work
    position = system.projector.rebuild(batch=batch, workers=workers)
    assert position == system.app.recorder.max_notification_id() == system.projector.stored_position()
    assert dump(system.store) == incremental
    assert indexes(system.store) == indexed  # the swap builds the secondary indexes after the rows
    assert "rebuilding in place" not in caplog.text  # the fast path held (on PostgreSQL)
    if system.store.dialect == "postgres":
        assert one_transaction_swaps == []  # through the staging schema, which is gone again
        assert schemas_like(system.store, system.settings.db_schema + "%") == [system.settings.db_schema]


@pytest.mark.parametrize("settings", ["postgres"], indirect=True)
def test_the_staging_schema_never_takes_a_schema_that_is_not_a_rebuilds(system, admin, one_transaction_swaps):
    """`<schema>$rebuild` left by a crashed rebuild (it carries the staging comment) is replaced; a
    schema of that name made by anyone else is left as it was, and the rebuild swaps in one
    transaction instead."""
    history(system, admin)
    incremental = dump(system.store)
    staging = sql.Identifier(system.settings.db_schema + "$rebuild")
    with system.store.transaction() as cursor:  # a crashed rebuild's leftovers
        cursor.execute(sql.SQL("CREATE SCHEMA {}").format(staging).as_string())
        cursor.execute(
            sql.SQL("COMMENT ON SCHEMA {} IS {}")
            .format(staging, sql.Literal(rebuild_module.STAGING_MARK))
            .as_string()
        )
        cursor.execute(sql.SQL("CREATE TABLE {}.units (stale TEXT)").format(staging).as_string())
    system.projector.rebuild()
    assert one_transaction_swaps == [] and dump(system.store) == incremental
    assert schemas_like(system.store, system.settings.db_schema + "%") == [system.settings.db_schema]

    with system.store.transaction() as cursor:  # someone else's schema of that name
        cursor.execute(sql.SQL("CREATE SCHEMA {}").format(staging).as_string())
        cursor.execute(sql.SQL("CREATE TABLE {}.kept (note TEXT)").format(staging).as_string())
        cursor.execute(sql.SQL("INSERT INTO {}.kept VALUES ('milik orang lain')").format(staging).as_string())
    system.projector.rebuild()
    assert one_transaction_swaps == [1] and dump(system.store) == incremental
    kept = system.store.query(sql.SQL("SELECT note FROM {}.kept").format(staging).as_string())
    assert kept == [{"note": "milik orang lain"}]


def test_a_role_that_may_not_create_a_schema_rebuilds_in_one_transaction(
    postgres_url, admin, one_transaction_swaps, caplog
):
    """A tenant's role that owns its schema but has no right to create schemas (README, "Scaling
    out"): the swap cannot stage, and does everything in one transaction instead."""
    role, schema = f"tenant_{uuid.uuid4().hex[:8]}", f"t_{uuid.uuid4().hex[:12]}"
    url = urlsplit(postgres_url)
    role_url = url._replace(netloc=f"{role}@{url.hostname}:{url.port or 5432}").geturl()
    with psycopg.connect(postgres_url, autocommit=True) as owner:
        owner.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        owner.execute(
            sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(sql.Identifier(schema), sql.Identifier(role))
        )
    try:
        with psycopg.connect(role_url) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE SCHEMA this_role_may_not")  # the premise
        system = build(
            Settings(
                database_url=role_url,
                SISTEMKERJA_SCHEMA=schema,
                profile="kab-serang-2024",
                jwt_secret="test-secret-of-at-least-32-bytes-long",
            )
        )
        try:
            history(system, admin)
            incremental, indexed = dump(system.store), indexes(system.store)
            assert system.projector.rebuild(workers=2) == system.app.recorder.max_notification_id()
            assert one_transaction_swaps == [1] and "rebuilding in place" not in caplog.text
            assert dump(system.store) == incremental and indexes(system.store) == indexed
        finally:
            system.close()
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as owner:
            owner.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
            owner.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_the_rebuild_command_shows_progress_and_reproduces_the_read_models(system, admin, monkeypatch):
    history(system, admin)
    incremental = dump(system.store)
    with system.store.transaction() as cursor:  # a damaged read model, as after a faulty release
        cursor.execute("DELETE FROM decision_ledger WHERE position > 3")
        cursor.execute("UPDATE officials SET unit_code = NULL")
    assert dump(system.store) != incremental
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", system.settings.database_url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", system.settings.db_schema)
    monkeypatch.setenv("SISTEMKERJA_PROFILE", system.settings.profile)
    result = CliRunner().invoke(cli, ["projections", "rebuild", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "Rebuilding read models" in result.output
    assert f"up to event {system.app.recorder.max_notification_id()}" in result.output
    assert dump(system.store) == incremental


def test_commands_after_a_rebuild_are_projected_once(system, admin):
    agency = build_agency(system.app, admin)
    system.projector.rebuild()
    staff = register(system.app, admin, position_type="PELAKSANA", rank="II/c")
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=staff,
            unit_code=agency.subunit,
            appraiser_nip=agency.agency_head,
            effective_date=date(2024, 3, 1),
        ),
    )
    ledger = system.store.query("SELECT position FROM decision_ledger ORDER BY position")
    assert [row["position"] for row in ledger] == list(
        range(1, system.app.recorder.max_notification_id() + 1)
    )


def test_a_rebuild_brings_a_table_an_older_release_created_up_to_date(system, admin):
    """An upgrade whose read-model table gained columns (units: the declared structure type, the
    head's decree): `migrate` keeps the old table, the rebuild recreates it from today's DDL."""
    history(system, admin)
    expected = dump(system.store)
    with system.store.transaction() as cursor:  # the table as an older release created it
        cursor.execute("DROP TABLE units")
        cursor.execute("CREATE TABLE units (code TEXT PRIMARY KEY, name TEXT NOT NULL)")
    system.projector.rebuild()
    assert dump(system.store) == expected


def test_read_models_of_an_older_release_are_named_by_migrate_and_brought_up_to_date_by_rebuild(
    system, admin, monkeypatch
):
    history(system, admin)
    incremental = dump(system.store)
    with system.store.transaction() as cursor:  # the ledger as a release before its period index made it
        cursor.execute("DROP INDEX IF EXISTS ledger_recorded_max")
        cursor.execute("ALTER TABLE decision_ledger DROP COLUMN recorded_max")
    for name, value in (
        ("SISTEMKERJA_DATABASE_URL", system.settings.database_url),
        ("SISTEMKERJA_SCHEMA", system.settings.db_schema),
        ("SISTEMKERJA_PROFILE", system.settings.profile),
    ):
        monkeypatch.setenv(name, value)
    migrated = CliRunner().invoke(cli, ["migrate"])
    assert migrated.exit_code == 1, migrated.output
    assert "projections rebuild" in migrated.output and "recorded_max" in migrated.output
    assert "Traceback" not in migrated.output
    rebuilt = CliRunner().invoke(cli, ["projections", "rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert dump(system.store) == incremental
    assert CliRunner().invoke(cli, ["migrate"]).exit_code == 0
