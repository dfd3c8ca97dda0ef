"""Tamper evidence (issue 5, point 4): the hash chain, checkpoints and verification, on SQLite
and on a real PostgreSQL. Tampering is done with raw SQL, as a database administrator would."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event
from eventsourcing.persistence import IntegrityError, StoredEvent, Tracking
from psycopg import sql
from typer.testing import CliRunner

from infra.audit.chain import GENESIS, ChainEvent, link
from infra.audit.checkpoint import (
    generate_keypair,
    load_private_key,
    load_public_key,
    read_archive,
)
from infra.audit.cli import audit_app
from infra.audit.env import eventsourcing_env
from infra.audit.signing import sign_checkpoint
from infra.audit.verify import verify_chain


class Thing(Aggregate):
    @event("Noted")
    def note(self, text: str) -> None:
        self.text = text


class ChainTestApp(Application):
    name = "chaintest"  # PostgreSQL events table: chaintest_events


@dataclass
class Store:
    backend: str
    url: str
    schema: str | None
    app: ChainTestApp
    raw: Any  # sqlite3 or psycopg connection, autocommit, for tampering

    @property
    def events(self) -> str:
        return "stored_events" if self.backend == "sqlite" else "chaintest_events"

    @property
    def nid(self) -> str:
        return "rowid" if self.backend == "sqlite" else "notification_id"

    def run(self, statement: str, *params: Any) -> list[Any]:
        statement = statement.format(events=self.events, nid=self.nid)
        if self.backend == "postgres":
            statement = statement.replace("?", "%s")
        cursor = self.raw.execute(statement, params)
        return cursor.fetchall() if cursor.description else []

    def stored_id(self, originator_id: uuid.UUID) -> str:
        return originator_id.hex if self.backend == "sqlite" else str(originator_id)

    def verify(self, public_key: Any = None) -> Any:
        return verify_chain(self.app.recorder, public_key, batch_size=4)  # small: crosses pages


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:
    if request.param == "sqlite":
        url, schema = f"sqlite:///{tmp_path / 'events.db'}", None
        raw: Any = sqlite3.connect(tmp_path / "events.db", isolation_level=None)
    else:
        url, schema = request.getfixturevalue("postgres_url"), request.getfixturevalue("postgres_schema")
        raw = psycopg.connect(url, autocommit=True)
        raw.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        raw.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
    app = ChainTestApp(env=eventsourcing_env(url, schema))
    yield Store(request.param, url, schema, app, raw)
    app.close()
    raw.close()


def save_history(app: ChainTestApp) -> list[Thing]:
    """Six events: #1-2 first thing, #3-5 second, #6 third."""
    first, second, third = Thing(), Thing(), Thing()
    first.note("a")
    app.save(first)
    second.note("b")
    second.note("c")
    app.save(second)
    app.save(third)
    return [first, second, third]


def chain_rows(store: Store) -> list[tuple[int, int]]:
    return [tuple(r) for r in store.run("SELECT seq, notification_id FROM event_chain ORDER BY seq")]


def test_each_event_gets_one_chain_row_in_order(store: Store) -> None:
    save_history(store.app)
    assert chain_rows(store) == [(n, n) for n in range(1, 7)]
    result = store.verify()
    assert result.ok and result.checked == 6 and result.head_seq == 6


def test_failed_save_leaves_no_chain_row(store: Store) -> None:
    first, *_ = save_history(store.app)
    stale = store.app.repository.get(first.id)
    current = store.app.repository.get(first.id)
    current.note("wins")
    store.app.save(current)
    stale.note("loses")  # same version as "wins": the optimistic concurrency check refuses it
    with pytest.raises(IntegrityError):
        store.app.save(stale)
    assert len(chain_rows(store)) == 7
    assert store.verify().ok


def test_failed_chain_insert_rolls_back_the_events(store: Store) -> None:
    save_history(store.app)
    store.run("INSERT INTO event_chain VALUES (100, 7, ?)", bytes(32))  # claims the next event
    with pytest.raises(IntegrityError):
        store.app.save(Thing())
    assert store.run("SELECT COUNT(*) FROM {events}")[0][0] == 6


def test_process_recorder_is_chained_too(store: Store) -> None:
    save_history(store.app)
    recorder = store.app.factory.process_recorder()
    recorder.insert_events(
        [StoredEvent(uuid.uuid4(), 1, "t:Thing.Created", b"{}")], tracking=Tracking("upstream", 1)
    )
    assert len(chain_rows(store)) == 7 and recorder.max_tracking_id("upstream") == 1
    assert store.verify().ok


def test_altered_event(store: Store) -> None:
    things = save_history(store.app)
    store.run("UPDATE {events} SET state = ? WHERE {nid} = 4", b'{"text":"forged"}')
    result = store.verify()
    assert (result.ok, result.kind, result.notification_id, result.seq) == (False, "altered", 4, 4)
    assert result.originator_id == str(things[1].id) and result.originator_version == 2
    assert "#4" in result.first_problem and "altered" in result.first_problem
    assert result.checked == 3


def test_deleted_event(store: Store) -> None:
    save_history(store.app)
    store.run("DELETE FROM {events} WHERE {nid} = 3")
    result = store.verify()
    assert (result.kind, result.notification_id, result.seq) == ("deleted", 3, 3)
    assert "deleted" in result.first_problem


def test_deleted_last_event_and_chain_row_is_caught_by_checkpoint(store: Store, tmp_path) -> None:
    save_history(store.app)
    private_path, public_path = generate_keypair(tmp_path / "keys")
    sign_checkpoint(store.app.recorder, load_private_key(private_path))
    store.run("DELETE FROM {events} WHERE {nid} = 6")
    store.run("DELETE FROM event_chain WHERE seq = 6")
    assert store.verify().ok  # without the signed head, a clean cut at the end is invisible
    result = store.verify(load_public_key(public_path))
    assert (result.kind, result.seq) == ("deleted", 6)
    assert "covers 6 events" in result.first_problem


def test_inserted_event(store: Store) -> None:
    things = save_history(store.app)
    store.run(
        "INSERT INTO {events} (originator_id, originator_version, topic, state) VALUES (?, ?, ?, ?)",
        store.stored_id(things[2].id),
        2,
        "tests.integration.test_hash_chain:Thing.Noted",
        b'{"text":"x"}',
    )
    result = store.verify()
    assert (result.kind, result.notification_id, result.originator_version) == ("inserted", 7, 2)
    assert result.checked == 6


def test_swapped_event_contents(store: Store) -> None:
    save_history(store.app)
    (state2,), (state4,) = store.run("SELECT state FROM {events} WHERE {nid} IN (2, 4) ORDER BY {nid}")
    store.run("UPDATE {events} SET state = ? WHERE {nid} = 2", state4)
    store.run("UPDATE {events} SET state = ? WHERE {nid} = 4", state2)
    result = store.verify()
    assert (result.kind, result.notification_id) == ("reordered", 2)
    assert "#2 and #4" in result.first_problem


def test_events_moved_in_the_order(store: Store) -> None:
    save_history(store.app)
    store.run("UPDATE {events} SET {nid} = -1 WHERE {nid} = 2")
    store.run("UPDATE {events} SET {nid} = 2 WHERE {nid} = 5")
    store.run("UPDATE {events} SET {nid} = 5 WHERE {nid} = -1")
    result = store.verify()
    assert (result.kind, result.notification_id) == ("reordered", 2)
    assert "recorded it as #5" in result.first_problem


def test_edited_chain_entry(store: Store) -> None:
    save_history(store.app)
    store.run("UPDATE event_chain SET hash = ? WHERE seq = 3", bytes(32))
    result = store.verify()
    assert (result.kind, result.seq, result.notification_id) == ("chain_altered", 3, 3)


def test_consistent_rewrite_after_checkpoint(store: Store, tmp_path) -> None:
    save_history(store.app)
    private_path, public_path = generate_keypair(tmp_path / "keys")
    checkpoint = sign_checkpoint(store.app.recorder, load_private_key(private_path))
    assert checkpoint.seq == 6
    store.app.save(Thing())  # one more event after the checkpoint
    public_key = load_public_key(public_path)
    result = store.verify(public_key)
    assert result.ok and result.checkpoint == checkpoint and result.uncovered == 1
    assert any("not yet covered by a signature" in note for note in result.notes)

    # An administrator who knows the algorithm edits event #2 and recomputes the whole chain.
    store.run("UPDATE {events} SET state = ? WHERE {nid} = 2", b'{"text":"rewritten"}')
    rehash_whole_chain(store)
    result = store.verify(public_key)
    assert (result.ok, result.kind, result.seq) == (False, "checkpoint_mismatch", 6)
    assert "rewritten" in result.first_problem
    with pytest.raises(ValueError, match="refusing to sign"):
        sign_checkpoint(store.app.recorder, load_private_key(private_path))


def test_archived_checkpoint_survives_emptied_checkpoint_table(store: Store, tmp_path) -> None:
    save_history(store.app)
    private_path, public_path = generate_keypair(tmp_path / "keys")
    archive = tmp_path / "archive.jsonl"
    archive.write_text(sign_checkpoint(store.app.recorder, load_private_key(private_path)).to_json() + "\n")
    store.run("UPDATE {events} SET state = ? WHERE {nid} = 1", b"{}")
    rehash_whole_chain(store)
    store.run("DELETE FROM chain_checkpoint")
    public_key = load_public_key(public_path)
    assert store.verify(public_key).ok  # nothing left in the database to contradict it
    result = verify_chain(store.app.recorder, public_key, archived=read_archive(archive))
    assert (result.kind, result.seq) == ("checkpoint_mismatch", 6)


def test_forged_checkpoint(store: Store, tmp_path) -> None:
    save_history(store.app)
    private_path, public_path = generate_keypair(tmp_path / "keys")
    sign_checkpoint(store.app.recorder, load_private_key(private_path))
    store.run("UPDATE chain_checkpoint SET head_hash = ?", "00" * 32)
    result = store.verify(load_public_key(public_path))
    assert result.kind == "checkpoint_invalid" and "invalid signature" in result.first_problem
    _, other_public = generate_keypair(tmp_path / "other")
    result = store.verify(load_public_key(other_public))
    assert result.kind == "checkpoint_invalid" and "not signed with the key you hold" in result.first_problem


def rehash_whole_chain(store: Store) -> None:
    prev = GENESIS
    rows = store.run(
        "SELECT {nid}, originator_id, originator_version, topic, state FROM {events} ORDER BY {nid}"
    )
    for seq, (nid, oid, version, topic, state) in enumerate(rows, start=1):
        prev = link(prev, ChainEvent(nid, str(oid), version, topic, bytes(state)))
        store.run("UPDATE event_chain SET hash = ? WHERE seq = ?", prev, seq)


def test_concurrent_writers_keep_the_chain_gap_free(store: Store) -> None:
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for _ in range(50):
                store.app.save(Thing())
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert [seq for seq, _ in chain_rows(store)] == list(range(1, 201))
    result = store.verify()
    assert result.ok and result.checked == 200


def test_cli_keygen_checkpoint_verify(store: Store, tmp_path, monkeypatch) -> None:
    save_history(store.app)
    monkeypatch.setenv("SISTEMKERJA_DATABASE_URL", store.url)
    monkeypatch.setenv("SISTEMKERJA_SCHEMA", store.schema or "public")
    monkeypatch.setenv("SISTEMKERJA_APP_NAME", ChainTestApp.name)
    runner = CliRunner()
    keys = tmp_path / "keys"
    assert runner.invoke(audit_app, ["keygen", "--out", str(keys)]).exit_code == 0
    assert runner.invoke(audit_app, ["keygen", "--out", str(keys)]).exit_code == 2  # no overwrite
    monkeypatch.setenv("SISTEMKERJA_SIGNING_KEY", str(keys / "checkpoint-signing.key"))
    signed = runner.invoke(audit_app, ["checkpoint"])
    assert signed.exit_code == 0, signed.output
    archive = tmp_path / "archive.jsonl"
    archive.write_text(signed.output.splitlines()[-1] + "\n")  # the JSON line, for the archive
    verify = ["verify", "--public-key", str(keys / "checkpoint-signing.pub"), "--archive", str(archive)]
    intact = runner.invoke(audit_app, verify)
    assert intact.exit_code == 0 and "Intact" in intact.output, intact.output
    store.run("UPDATE {events} SET state = ? WHERE {nid} = 5", b"{}")
    broken = runner.invoke(audit_app, verify)
    assert broken.exit_code == 1 and "#5" in broken.output and "altered" in broken.output
    refused = runner.invoke(audit_app, ["checkpoint"])
    assert refused.exit_code == 1 and "refusing to sign" in refused.output


class SistemKerjaNamed(ChainTestApp):
    name = "sistemkerja"  # the documented table: sistemkerja_events


def documented_grants(schema: str, role: str) -> str:
    text = (Path(__file__).parents[2] / "docs" / "audit-append-only.md").read_text()
    block = text.split("```sql append-only\n", 1)[1].split("```", 1)[0]
    quote = lambda name: '"' + name.replace('"', '""') + '"'  # noqa: E731 - psql's :"var"
    return block.replace(':"schema"', quote(schema)).replace(':"app_role"', quote(role))


def test_append_only_role_refuses_update_and_delete(postgres_url: str, postgres_schema: str) -> None:
    """docs/audit-append-only.md's grants, applied to a real server: the application role can
    save (and chain, and sign) events, and cannot change or remove them."""
    schema, role = postgres_schema, f"app_{uuid.uuid4().hex[:8]}"
    url = urlsplit(postgres_url)
    role_url = url._replace(netloc=f"{role}@{url.hostname}:{url.port or 5432}").geturl()
    ident = sql.Identifier
    with psycopg.connect(postgres_url, autocommit=True) as owner:
        owner.execute(sql.SQL("CREATE SCHEMA {}").format(ident(schema)))
        SistemKerjaNamed(env=eventsourcing_env(postgres_url, schema)).close()  # migrate
        owner.execute(sql.SQL("CREATE ROLE {} LOGIN").format(ident(role)))
        try:
            owner.execute(documented_grants(schema, role))
            app = SistemKerjaNamed(env=eventsourcing_env(role_url, schema) | {"CREATE_TABLE": "n"})
            try:
                save_history(app)  # INSERT + the EXCLUSIVE lock work for the app role
                assert verify_chain(app.recorder, None).checked == 6
            finally:
                app.close()
            with psycopg.connect(role_url, autocommit=True) as conn:
                conn.execute(sql.SQL("SET search_path TO {}").format(ident(schema)))
                for statement in (
                    "UPDATE sistemkerja_events SET state = 'x'",
                    "DELETE FROM sistemkerja_events",
                    "TRUNCATE sistemkerja_events",
                    "UPDATE event_chain SET hash = ''",
                    "DELETE FROM event_chain",
                    "ALTER TABLE sistemkerja_events DISABLE TRIGGER append_only",
                    "DROP TRIGGER append_only ON sistemkerja_events",
                ):
                    with pytest.raises(psycopg.errors.InsufficientPrivilege):
                        conn.execute(statement)
            # Even the owner (here a superuser) is stopped by the triggers unless it disables them.
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                owner.execute(sql.SQL("DELETE FROM {}.sistemkerja_events").format(ident(schema)))
        finally:
            owner.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(ident(schema)))
            owner.execute(sql.SQL("DROP ROLE {}").format(ident(role)))


@pytest.mark.parametrize(
    ("url", "schema", "expected"),
    [
        ("sqlite:///var/store.db", None, {"SQLITE_DBNAME": "var/store.db"}),
        ("sqlite:////srv/store%20a.db", "ignored", {"SQLITE_DBNAME": "/srv/store a.db"}),
        ("sqlite:///:memory:", None, {"SQLITE_DBNAME": "file:sistemkerja?mode=memory&cache=shared"}),
        (
            "postgresql://app:s%40cret@db.local:6432/sk",
            "kab_serang",
            {
                "POSTGRES_DBNAME": "sk",
                "POSTGRES_HOST": "db.local",
                "POSTGRES_PORT": "6432",
                "POSTGRES_USER": "app",
                "POSTGRES_PASSWORD": "s@cret",
                "POSTGRES_SCHEMA": "kab_serang",
            },
        ),
        (
            "postgres://postgres@127.0.0.1/test",
            None,
            {
                "POSTGRES_DBNAME": "test",
                "POSTGRES_HOST": "127.0.0.1",
                "POSTGRES_PORT": "5432",
                "POSTGRES_USER": "postgres",
                "POSTGRES_PASSWORD": "",
                "POSTGRES_SCHEMA": "public",
            },
        ),
    ],
)
def test_eventsourcing_env(url: str, schema: str | None, expected: dict[str, str]) -> None:
    env = eventsourcing_env(url, schema)
    topic = "ChainedSQLiteFactory" if url.startswith("sqlite") else "ChainedPostgresFactory"
    assert env == {"PERSISTENCE_MODULE": f"infra.audit.chained:{topic}", **expected}


@pytest.mark.parametrize(
    "url", ["mysql://u:p@h/db", "sqlite://", "postgresql://h:5432/", "postgresql://h/db?sslmode=require"]
)
def test_eventsourcing_env_refuses(url: str) -> None:
    with pytest.raises(ValueError):
        eventsourcing_env(url, None)
