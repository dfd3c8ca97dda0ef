"""Shared fixtures: every behaviour runs on the embedded SQLite store and on a real PostgreSQL.

PostgreSQL comes from SISTEMKERJA_TEST_POSTGRES_URL (default: the local server, database
`test`). Each test gets its own schema, dropped afterwards. Without a server the PostgreSQL
tests are skipped, loudly; in CI (CI=true) they fail instead.
"""

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from application.principal import ADMIN_ROLE, Principal
from infra.bootstrap import System, build
from infra.settings import Settings

POSTGRES_URL = os.environ.get("SISTEMKERJA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
_skipped_postgres: list[str] = []


def postgres_available() -> str | None:
    """None if the server answers, else why not."""
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return None
    except psycopg.Error as error:
        return f"PostgreSQL at {POSTGRES_URL} unreachable: {error}".strip()


@pytest.fixture(scope="session")
def postgres_url() -> str:
    problem = postgres_available()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem} (CI must run the PostgreSQL tests)")
        _skipped_postgres.append(problem)
        pytest.skip(problem)
    return POSTGRES_URL


@pytest.fixture
def postgres_schema(postgres_url: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield schema
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001
    if _skipped_postgres:
        terminalreporter.write_sep("!", "PostgreSQL tests were SKIPPED", red=True, bold=True)
        terminalreporter.write_line(_skipped_postgres[0])


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, tmp_path) -> Settings:
    """Settings for one store; tests may override the profile with `profile_id` marker data."""
    marker = request.node.get_closest_marker("profile")
    profile = marker.args[0] if marker else "kab-serang-2024"
    if request.param == "sqlite":
        return Settings(
            database_url=f"sqlite:///{tmp_path / 'store.db'}",
            profile=profile,
            jwt_secret="test-secret-of-at-least-32-bytes-long",
        )
    url = request.getfixturevalue("postgres_url")
    schema = request.getfixturevalue("postgres_schema")
    return Settings(
        database_url=url,
        SISTEMKERJA_SCHEMA=schema,
        profile=profile,
        jwt_secret="test-secret-of-at-least-32-bytes-long",
    )


@pytest.fixture
def system(settings: Settings) -> Iterator[System]:
    built = build(settings)
    yield built
    built.close()


@pytest.fixture
def admin() -> Principal:
    return Principal(nip="196805121990031003", roles=frozenset({ADMIN_ROLE}))


def pytest_configure(config):
    config.addinivalue_line("markers", "profile(id): run with this regulation profile")
