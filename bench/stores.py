"""The two stores the bench runs on: a temporary SQLite file and a fresh PostgreSQL schema
(dropped afterwards). Each is loaded with the demo government before the server starts."""

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from infra.bootstrap import build
from infra.demo import load_demo
from infra.settings import Settings

POSTGRES_URL = os.environ.get("SISTEMKERJA_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
SECRET = "bench-secret-" + uuid.uuid4().hex


@dataclass
class Store:
    name: str
    settings: Settings
    workdir: Path  # scratch files (SQLite databases of the raw runs)
    scratch_schema: str | None = None  # PostgreSQL schema of the raw runs (the chain table is per schema)

    def env(self) -> dict[str, str]:
        return {
            "SISTEMKERJA_DATABASE_URL": self.settings.database_url,
            "SISTEMKERJA_SCHEMA": self.settings.db_schema,
            "SISTEMKERJA_JWT_SECRET": SECRET,
            "SISTEMKERJA_MODE": "production",
        }


def load(store: Store) -> dict[str, int]:
    system = build(store.settings, migrate=True)
    try:
        return load_demo(system.app)
    finally:
        system.close()


@contextmanager
def sqlite_store() -> Iterator[Store]:
    workdir = Path(tempfile.mkdtemp(prefix="sistemkerja-bench-"))
    try:
        yield Store(
            "SQLite",
            Settings(database_url=f"sqlite:///{workdir / 'bench.db'}", jwt_secret=SECRET, mode="production"),
            workdir,
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextmanager
def postgres_store() -> Iterator[Store]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    workdir = Path(tempfile.mkdtemp(prefix="sistemkerja-bench-"))
    try:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(f"{schema}_raw")))
        yield Store(
            "PostgreSQL",
            Settings(
                database_url=POSTGRES_URL, SISTEMKERJA_SCHEMA=schema, jwt_secret=SECRET, mode="production"
            ),
            workdir,
            f"{schema}_raw",
        )
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            for name in (schema, f"{schema}_raw"):
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(name)))
        shutil.rmtree(workdir, ignore_errors=True)
