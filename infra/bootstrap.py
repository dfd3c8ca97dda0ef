"""The composition root: settings → event store, application, read models, projector."""

import logging
from dataclasses import dataclass

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from psycopg_pool import ConnectionPool

from application.sistemkerja import SistemKerja
from domain.profile import load_profile
from domain.profile.common import TimeZone
from infra.audit.env import eventsourcing_env
from infra.audit.postgres_chain import events_channel
from infra.settings import Settings
from infra.tenancy.pool import lend
from projections.asof.view import AsOfHistoryView
from projections.assignments.view import AssignmentView
from projections.documents.view import DocumentsView
from projections.engine.follower import Follower
from projections.engine.projector import Projector
from projections.engine.store import PostgresViewStore, SQLiteViewStore, ViewStore
from projections.engine.within import PostgresWithin, SQLiteWithin
from projections.escalations.view import EscalationsView
from projections.evaluations.view import EvaluationsView
from projections.ledger.view import DecisionLedgerView
from projections.organisation.view import OrganisationView
from projections.performance.view import PerformanceView
from projections.reports.view import ReportsView
from projections.teams.view import TeamsView
from projections.work_plans.view import WorkPlansView

log = logging.getLogger("sistemkerja.projections")


def all_views() -> list:
    return [
        OrganisationView(),
        DecisionLedgerView(),
        AssignmentView(),
        TeamsView(),
        ReportsView(),
        EscalationsView(),
        EvaluationsView(),
        PerformanceView(),
        WorkPlansView(),
        DocumentsView(),
        AsOfHistoryView(),
    ]


@dataclass
class System:
    settings: Settings
    app: SistemKerja
    store: ViewStore
    projector: Projector
    follower: Follower

    def follow(self) -> None:
        """Start catching up in the background (a server process; commands and CLIs need not)."""
        if self.settings.follow_events:
            self.follower.start()

    def close(self) -> None:
        self.follower.stop()
        self.store.close()
        self.app.close()


def postgres_conninfo(env: dict[str, str]) -> str:
    """libpq connection string from the eventsourcing settings the database URL was parsed into."""
    return make_conninfo(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"] or None,
        port=env["POSTGRES_PORT"],
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
    )


def _ensure_postgres_schema(conninfo: str, schema: str) -> None:
    """Create the tenant's schema if missing. Looked up first: a tenant's role may own its schema
    without any right to create schemas (README "Scaling out")."""
    with psycopg.connect(conninfo, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)).fetchone():
            return
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))


def _retry_quarantine(projector: Projector) -> None:
    """A fixed release re-applies what an earlier one quarantined (the rest stays, reported)."""
    applied, remaining = projector.retry_quarantined()
    if applied or remaining:
        log.warning("quarantined events: %d re-applied, %d remain (see GET /ready)", applied, remaining)


def build(
    settings: Settings | None = None,
    *,
    migrate: bool = True,
    pool: ConnectionPool | None = None,
    outdated_ok: bool = False,
) -> System:
    """Wire one tenant's system. `migrate` creates missing tables: do it in one process
    (start-up or `sistemkerja migrate`) before any worker starts, never from every worker.
    `pool`: the connection pool every tenant of a PostgreSQL deployment shares (infra.tenancy)."""
    settings = settings or Settings()
    profile = load_profile(settings.profile)
    if settings.time_zone:  # the registry's, for this tenant
        profile = profile.model_copy(update={"time_zone": TimeZone(settings.time_zone)})
    env = eventsourcing_env(settings.database_url, settings.db_schema)
    if settings.is_sqlite:
        path = settings.sqlite_path()
        if path is not None and str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
    elif migrate:
        _ensure_postgres_schema(postgres_conninfo(env), settings.db_schema)
    env.update(
        {
            "CREATE_TABLE": "y" if migrate else "n",
            "AGGREGATE_CACHE_MAXSIZE": str(settings.aggregate_cache_size),
        }
    )
    if pool is not None:  # its own pool only reads the composite type at construction (infra.tenancy.pool)
        env["POSTGRES_POOL_SIZE"] = "1"
    app = SistemKerja(profile, env)
    app.letterhead_id = settings.letterhead or profile.id
    if settings.is_sqlite:
        store: ViewStore = SQLiteViewStore(app.recorder.datastore)  # type: ignore[attr-defined]
    elif pool is not None:
        lend(app, pool)
        store = PostgresViewStore(postgres_conninfo(env), settings.db_schema, shared=pool)
    else:
        store = PostgresViewStore(postgres_conninfo(env), settings.db_schema)
    projector = Projector(app, store, all_views())
    if migrate:  # read-model tables of an older release: OutdatedReadModels, unless rebuilding them
        projector.create_tables(outdated_ok=outdated_ok)

    # The views written in the events' transaction (ADR 0013); the after-save catch-up is then a
    # no-op, and it projects them itself when they could not be (ADR 0005's quarantine). Both are
    # the one in-request projection: without the catch-up hook, the command projects nothing.
    def project(position: int) -> None:
        projector.catch_up(position)

    def projecting() -> bool:
        return project in app.after_save

    app.recorder.views = (  # type: ignore[attr-defined]
        SQLiteWithin(projector, projecting)
        if settings.is_sqlite
        else PostgresWithin(projector, settings.db_schema, projecting)
    )
    app.after_save.append(project)
    app.visibility.projections.append(projector)
    projector.catch_up()  # never stopped by an event a view cannot apply: that one is quarantined
    if projector.quarantine:
        _retry_quarantine(projector)
    follower = Follower(
        projector,
        interval=settings.follow_interval_seconds,
        conninfo=None if settings.is_sqlite else postgres_conninfo(env),
        channel=None if settings.is_sqlite else events_channel(settings.db_schema),
    )
    return System(settings=settings, app=app, store=store, projector=projector, follower=follower)
