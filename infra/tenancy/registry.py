"""The tenant registry: which governments this deployment serves, each with its regulation profile,
its own schema (PostgreSQL) or file (SQLite), its time zone and its letterhead.

It is the only table read across tenants (schema `platform` on PostgreSQL, a reference table under
Citus; table `platform_tenants` in the registry's own file on SQLite). Rows are never deleted: a
government leaving the platform is disabled, and its store kept.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg.rows import dict_row

from domain.errors import InvalidInput, NotFound
from domain.profile import load_profile
from infra.audit.env import eventsourcing_env
from infra.documents.letterhead import LETTERHEADS

TENANT_ID = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
SCHEMA = re.compile(r"^[a-z][a-z0-9_]{0,47}$")
RESERVED_SCHEMAS = {"platform", "public", "information_schema"}
TIME_ZONES = ("WIB", "WITA", "WIT")
Status = Literal["active", "disabled"]

_PG_DDL = (
    "CREATE SCHEMA IF NOT EXISTS platform",
    "CREATE TABLE IF NOT EXISTS platform.tenants (id text PRIMARY KEY, government text NOT NULL, "
    "profile text NOT NULL, schema_name text NOT NULL UNIQUE, time_zone text NOT NULL, "
    "letterhead text NOT NULL, status text NOT NULL, added_at text NOT NULL)",
    # How far the cross-tenant relay has read each tenant's events (infra.crossing): one row a tenant.
    "CREATE TABLE IF NOT EXISTS platform.crossing_cursors (tenant text PRIMARY KEY,"
    " position bigint NOT NULL)",
)
_SQLITE_DDL = (
    "CREATE TABLE IF NOT EXISTS platform_tenants (id text PRIMARY KEY, government text NOT NULL, "
    "profile text NOT NULL, schema_name text NOT NULL UNIQUE, time_zone text NOT NULL, "
    "letterhead text NOT NULL, status text NOT NULL, added_at text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS platform_crossing_cursors (tenant text PRIMARY KEY,"
    " position bigint NOT NULL)",
)
_COLUMNS = "id, government, profile, schema_name, time_zone, letterhead, status, added_at"


@dataclass(frozen=True)
class Tenant:
    id: str
    government: str
    profile: str
    schema: str  # PostgreSQL schema, or the SQLite file's stem beside the registry's file
    time_zone: str
    letterhead: str  # folder under domain/documents/ (the letterhead and logo)
    status: Status = "active"
    added_at: str = ""

    @property
    def active(self) -> bool:
        return self.status == "active"


def _row(row: dict[str, Any]) -> Tenant:
    return Tenant(
        row["id"],
        row["government"],
        row["profile"],
        row["schema_name"],
        row["time_zone"],
        row["letterhead"],
        row["status"],
        row["added_at"],
    )


def new_tenant(
    tenant_id: str,
    profile: str,
    *,
    schema: str | None = None,
    government: str | None = None,
    time_zone: str | None = None,
    letterhead: str | None = None,
) -> Tenant:
    """A registry entry checked field by field (InvalidInput TENANT_INVALID, or PROFILE_NOT_FOUND)."""
    if not TENANT_ID.match(tenant_id):
        raise InvalidInput("TENANT_INVALID", case="id", value=tenant_id)
    loaded = load_profile(profile)
    schema = schema or tenant_id.replace("-", "_")
    if not SCHEMA.match(schema) or schema in RESERVED_SCHEMAS or schema.startswith("pg_"):
        raise InvalidInput("TENANT_INVALID", case="schema", value=schema)
    zone = time_zone or loaded.time_zone.value
    if zone not in TIME_ZONES:
        raise InvalidInput("TENANT_INVALID", case="time_zone", value=zone)
    folder = letterhead or profile
    if not (LETTERHEADS / folder / "letterhead.yaml").is_file():
        raise InvalidInput("TENANT_INVALID", case="letterhead", value=folder)
    return Tenant(tenant_id, government or str(loaded.government), profile, schema, zone, folder)


class Registry:
    """The registry in the deployment's database (SISTEMKERJA_DATABASE_URL)."""

    def __init__(self, database_url: str):
        self.database_url = database_url
        env = eventsourcing_env(database_url)
        self.sqlite_file = None if "POSTGRES_DBNAME" in env else Path(env["SQLITE_DBNAME"])
        if self.sqlite_file is None:
            from infra.bootstrap import postgres_conninfo

            self.conninfo = postgres_conninfo(env)

    @property
    def dialect(self) -> str:
        return "postgres" if self.sqlite_file is None else "sqlite"

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        if self.sqlite_file is None:
            with psycopg.connect(self.conninfo, row_factory=dict_row) as conn, conn.cursor() as cur:
                yield cur
            return
        self.sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.sqlite_file)
        conn.row_factory = sqlite3.Row
        try:
            with conn:
                yield conn.cursor()
        finally:
            conn.close()

    def _sql(self, text: str) -> str:
        pg = self.sqlite_file is None
        text = text.replace("{tenants}", "platform.tenants" if pg else "platform_tenants")
        text = text.replace("{cursors}", "platform.crossing_cursors" if pg else "platform_crossing_cursors")
        return text if self.sqlite_file is None else text.replace("%s", "?")

    def create(self) -> None:
        with self._cursor() as cur:
            for statement in _PG_DDL if self.sqlite_file is None else _SQLITE_DDL:
                cur.execute(statement)

    def list(self) -> list[Tenant]:
        self.create()
        with self._cursor() as cur:
            cur.execute(self._sql(f"SELECT {_COLUMNS} FROM {{tenants}} ORDER BY id"))
            return [_row(dict(row)) for row in cur.fetchall()]

    def get(self, tenant_id: str) -> Tenant | None:
        with self._cursor() as cur:
            try:
                cur.execute(self._sql(f"SELECT {_COLUMNS} FROM {{tenants}} WHERE id = %s"), (tenant_id,))
            except (psycopg.errors.UndefinedTable, sqlite3.OperationalError):
                return None  # no registry yet: no tenant
            row = cur.fetchone()
        return _row(dict(row)) if row else None

    def add(self, tenant: Tenant) -> Tenant:
        """Registers the tenant (TENANT_EXISTS if its id or schema is taken)."""
        self.create()
        stamped = Tenant(**{**vars(tenant), "status": "active", "added_at": datetime.now(UTC).isoformat()})
        taken = [t for t in self.list() if t.id == tenant.id or t.schema == tenant.schema]
        if taken:
            raise InvalidInput("TENANT_EXISTS", tenant=taken[0].id, schema=taken[0].schema)
        with self._cursor() as cur:
            cur.execute(
                self._sql(f"INSERT INTO {{tenants}} ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"),
                tuple(vars(stamped).values()),
            )
        return stamped

    def set_status(self, tenant_id: str, status: Status) -> Tenant:
        self.create()
        with self._cursor() as cur:
            cur.execute(self._sql("UPDATE {tenants} SET status = %s WHERE id = %s"), (status, tenant_id))
        found = self.get(tenant_id)
        if found is None:
            raise NotFound("TENANT_NOT_FOUND", tenant=tenant_id)
        return found

    def crossing_cursor(self, tenant_id: str) -> int:
        """The position of the tenant's last event the cross-tenant relay has handled (0: none)."""
        self.create()
        with self._cursor() as cur:
            cur.execute(self._sql("SELECT position FROM {cursors} WHERE tenant = %s"), (tenant_id,))
            row = cur.fetchone()
        return int(row["position"]) if row else 0

    def move_crossing_cursor(self, tenant_id: str, position: int) -> None:
        with self._cursor() as cur:
            cur.execute(
                self._sql(
                    "INSERT INTO {cursors} (tenant, position) VALUES (%s, %s)"
                    " ON CONFLICT (tenant) DO UPDATE SET position = excluded.position"
                ),
                (tenant_id, position),
            )

    def database_url_of(self, tenant: Tenant) -> str:
        """The tenant's own store: the same PostgreSQL database (its schema), or its own SQLite file
        beside the registry's."""
        if self.sqlite_file is None:
            return self.database_url
        return f"sqlite:///{self.sqlite_file.parent / (tenant.schema + '.db')}"
