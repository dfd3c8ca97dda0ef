"""Rebuilding the read models fast: views applied batch by batch, and on PostgreSQL through
scratch SQLite copies of the view tables (one per replaying process) that are then copied over
and put live in one transaction (ADR 0014).

Why the detour: on PostgreSQL every statement a view runs costs a client round trip and tens of
microseconds of driver work, which caps a rebuild at a few thousand events a second. The views'
SQL is written once for both databases, so the same views run unchanged against a scratch
SQLite database in-process (microseconds a statement), and PostgreSQL receives the result by COPY. The
live tables keep answering queries until the swap, which is one transaction.
"""

import inspect
import multiprocessing
import os
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache, singledispatchmethod
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import tuple_row

from projections.engine.quarantine import TABLE as QUARANTINE
from projections.engine.store import Cursor, _SQLiteCursor


@lru_cache(maxsize=4096)
def _handles(view_class: type, event_class: type) -> bool:
    """False when the view follows the `apply` -> `on` singledispatch pattern and has no handler
    for this event class (its fallback does nothing): the rebuild skips the call."""
    on = inspect.getattr_static(view_class, "on", None)
    if not isinstance(on, singledispatchmethod):
        return True
    return on.dispatcher.dispatch(event_class) is not on.dispatcher.dispatch(object)


def apply_views(views: Sequence[Any], cursor: Cursor, items: list[tuple[Any, Any]]) -> None:
    """Apply a batch view by view (a view reads and writes only its own tables, so the order of
    views does not matter): `apply_batch(cursor, items)` where a view has it, else `apply`."""
    for view in views:
        apply_batch = getattr(view, "apply_batch", None)
        if apply_batch is not None:
            apply_batch(cursor, items)
            continue
        for event, notification in items:
            if _handles(type(view), type(event)):
                view.apply(cursor, event, notification)


def ddl_of(view: Any, dialect: str) -> list[str]:
    """A view's statements on this database: its `ddl`, and on PostgreSQL its `postgres_ddl` too
    (indexes of a kind SQLite has not)."""
    return [*view.ddl, *(getattr(view, "postgres_ddl", ()) if dialect == "postgres" else ())]


def recreate_tables(execute: Callable[[str], Any], views: Sequence[Any], dialect: str) -> None:
    """Drop the views' tables and create them from today's DDL: a rebuild replaces every row, so
    it also brings a table whose columns a release changed up to date (README, "Upgrading")."""
    for view in views:
        for table in view.tables:  # children first
            execute(f"DROP TABLE IF EXISTS {table}")
    for view in views:
        for statement in ddl_of(view, dialect):
            execute(statement)


def replay_groups(views: Sequence[Any], workers: int) -> list[list[Any]]:
    """Split the views into at most `workers` groups of about equal cost (a view's `replay_cost`:
    its share of a replay measured by `bench.rebuild`, default small), the cheapest group first:
    the rebuild's own process replays it besides reading the notifications for all."""
    groups: list[list[Any]] = [[] for _ in range(max(1, min(workers, len(views))))]
    costs = [0.0] * len(groups)
    for view in sorted(views, key=lambda v: -getattr(v, "replay_cost", SMALL)):
        cheapest = costs.index(min(costs))
        groups[cheapest].append(view)
        costs[cheapest] += getattr(view, "replay_cost", SMALL)
    return [group for _, group in sorted(zip(costs, groups, strict=True), key=lambda pair: pair[0]) if group]


SMALL = 0.2  # the replay cost of a view that declares none (most do a statement or two an event)


def default_workers() -> int:
    """One replaying process per core this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def rebuild_through_scratch(
    app: Any,
    views: Sequence[Any],
    pool: Any,
    name: str,
    batch: int,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
) -> int:
    """Replay every event into scratch SQLite files, then replace the PostgreSQL view tables and
    set the projector's position in one transaction (`_swap`). Returns that position.

    The views are split into groups replayed side by side (a view reads and writes only its own
    tables): this process reads the notifications once and replays the first group; each other
    group is replayed by a forked process, fed the same notifications through a pipe, into its
    own file. The scratch files are temporary, without journal or fsync (a crash just means
    running the rebuild again): as fast as memory while they fit in the page cache."""
    groups = replay_groups(views, workers or default_workers())
    scratch = tempfile.TemporaryDirectory(prefix="sistemkerja-rebuild-")
    helpers: list[_Helper] = []
    own: sqlite3.Connection | None = None
    try:
        for n, group in enumerate(groups[1:], 1):  # forked before this process opens anything of its own
            helpers.append(_Helper(app.mapper, group, os.path.join(scratch.name, f"views-{n}.db")))
        own = _scratch(os.path.join(scratch.name, "views-0.db"), groups[0])
        position = 0
        while notifications := app.recorder.select_notifications(
            start=position, limit=batch, inclusive_of_start=False
        ):
            for helper in helpers:
                helper.send(notifications)
            _replay(own, groups[0], app.mapper, notifications)
            position = notifications[-1].id
            if progress:
                progress(position)
        for helper in helpers:
            helper.finish()
        own.close()
        own = None
        paths = [os.path.join(scratch.name, "views-0.db"), *(helper.path for helper in helpers)]
        _swap(list(zip(paths, groups, strict=True)), pool, name, position, len(groups))
        return position
    finally:
        for helper in helpers:
            helper.stop()
        if own is not None:
            own.close()
        scratch.cleanup()


def _scratch(path: str, views: Sequence[Any]) -> sqlite3.Connection:
    """A scratch database holding `views`' tables, without the indexes that serve queries only
    (`query_only_ddl`)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.row_factory = sqlite3.Row
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -262144", "temp_store = MEMORY"):
        db.execute(f"PRAGMA {pragma}")
    for view in views:
        for statement in view.ddl:
            if statement not in getattr(view, "query_only_ddl", ()):
                db.execute(statement)
    return db


def _replay(db: sqlite3.Connection, views: Sequence[Any], mapper: Any, notifications: list[Any]) -> None:
    items = [(mapper.to_domain_event(n), n) for n in notifications]
    db.execute("BEGIN")
    apply_views(views, _SQLiteCursor(db.cursor()), items)
    db.execute("COMMIT")


class _Helper:
    """A forked process replaying one group of views into its own scratch file. It inherits the
    views and the mapper (nothing is pickled but the notifications) and touches no connection of
    this process. It answers `None` when done, or the error that stopped it."""

    def __init__(self, mapper: Any, views: Sequence[Any], path: str):
        self.path = path
        self.pipe, theirs = _FORK.Pipe()
        self.process = _FORK.Process(target=_helper_main, args=(theirs, mapper, views, path), daemon=True)
        self.process.start()
        theirs.close()

    def send(self, notifications: list[Any]) -> None:
        try:
            self.pipe.send(notifications)
        except (BrokenPipeError, ConnectionResetError):  # it stopped: say why
            self.finish()
            raise

    def finish(self) -> None:
        try:
            self.pipe.send(None)
        except OSError:
            pass
        try:
            error = self.pipe.recv()
        except EOFError:
            error = RuntimeError(f"the replay of {self.path} ended without an answer")
        self.process.join()
        if error is not None:
            raise error

    def stop(self) -> None:
        self.pipe.close()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _helper_main(pipe: Any, mapper: Any, views: Sequence[Any], path: str) -> None:
    try:
        db = _scratch(path, views)
        while (notifications := pipe.recv()) is not None:
            _replay(db, views, mapper, notifications)
        db.close()
        pipe.send(None)
    except EOFError:  # the rebuild gave up: nothing to say
        return
    except Exception as error:
        try:
            pipe.send(error)
        except Exception:  # not picklable: its text will do
            pipe.send(RuntimeError(f"{type(error).__name__}: {error}"))


_FORK = multiprocessing.get_context("fork")


def _is_index(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("CREATE INDEX", "CREATE UNIQUE INDEX"))


def _swap(
    scratches: Sequence[tuple[str, Sequence[Any]]], pool: Any, name: str, position: int, workers: int
) -> None:
    """Copy the scratch tables into PostgreSQL and put them live with the projector's position.

    Where the role may create a schema, each view's tables are copied (and indexed) into a staging
    schema by `workers` connections side by side, then moved into the tenant's schema in one short
    transaction: queries on the live tables wait only for that. Else everything happens in one
    transaction on one connection. Either way a live worker elsewhere either committed before the
    swap (its work is replaced) or finds the position moved and resumes from it: every event still
    lands in the views exactly once."""
    try:
        live, staging = _create_staging(pool)
    except (psycopg.errors.InsufficientPrivilege, _NoStaging):
        _swap_in_one_transaction(scratches, pool, name, position)
        return
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="rebuild-copy") as copying:
            tasks = sorted(
                ((path, view) for path, group in scratches for view in group),
                key=lambda task: -getattr(task[1], "replay_cost", SMALL),
            )
            for done in [copying.submit(_copy_view, pool, staging, path, view) for path, view in tasks]:
                done.result()
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            for _, group in scratches:
                for view in group:
                    for table in view.tables:
                        cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table)))
                        cursor.execute(
                            sql.SQL("ALTER TABLE {}.{} SET SCHEMA {}").format(
                                sql.Identifier(staging), sql.Identifier(table), sql.Identifier(live)
                            )
                        )
            _set_position(cursor, name, position)
    finally:
        with pool.connection() as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(staging)))
            conn.commit()


STAGING_MARK = "sistemkerja: a rebuild's staging schema, dropped when the rebuild ends"


class _NoStaging(Exception):
    """The staging schema's name is taken by a schema that is not a rebuild's."""


def _create_staging(pool: Any) -> tuple[str, str]:
    """The tenant's schema, and a fresh one beside it, `<schema>$rebuild` (a name no registered
    tenant's schema can have: infra.tenancy.registry). One a crashed rebuild left, known by its
    comment, is dropped first; a schema of that name without the comment is never touched."""
    with pool.connection() as conn:
        with conn.cursor(row_factory=tuple_row) as cursor:
            live = cursor.execute("SELECT current_schema()").fetchone()[0]
            staging = f"{live}$rebuild"
            found = cursor.execute(
                "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
                (staging,),
            ).fetchone()
        if found is not None and found[0] != STAGING_MARK:
            raise _NoStaging(staging)
        with conn.transaction():
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(staging)))
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(staging)))
            comment = sql.SQL("COMMENT ON SCHEMA {} IS {}")
            conn.execute(comment.format(sql.Identifier(staging), sql.Literal(STAGING_MARK)))
        return live, staging


def _copy_view(pool: Any, staging: str, path: str, view: Any) -> None:
    """One view's tables from its scratch file into the staging schema, indexed, in a transaction
    of its own connection."""
    scratch_db = sqlite3.connect(path)
    try:
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
            cursor.execute("SELECT set_config('search_path', quote_ident(%s), true)", (staging,))
            cursor.execute("SET LOCAL synchronous_commit = off")
            _copy_tables(cursor, scratch_db, view)
    finally:
        scratch_db.close()


def _copy_tables(cursor: Any, scratch_db: sqlite3.Connection, view: Any) -> None:
    """Create the view's tables where the cursor's search path points, copy its rows in, then
    build the secondary indexes (faster than keeping them up to date row by row)."""
    for statement in view.ddl:
        if not _is_index(statement):
            cursor.execute(statement)
    for table in reversed(view.tables):  # parents first
        rows = scratch_db.execute(f"SELECT * FROM {table}")
        columns = ", ".join(column[0] for column in rows.description)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    for statement in ddl_of(view, "postgres"):
        if _is_index(statement):
            cursor.execute(statement)


def _swap_in_one_transaction(
    scratches: Sequence[tuple[str, Sequence[Any]]], pool: Any, name: str, position: int
) -> None:
    """Without a staging schema: the live tables are dropped, made and filled again in one
    transaction (queries on them wait for all of it)."""
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        for _, group in scratches:
            for view in group:
                for table in view.tables:  # children first
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
        for path, group in scratches:
            scratch_db = sqlite3.connect(path)
            try:
                for view in group:
                    _copy_tables(cursor, scratch_db, view)
            finally:
                scratch_db.close()
        _set_position(cursor, name, position)


def _set_position(cursor: Any, name: str, position: int) -> None:
    cursor.execute(
        "UPDATE projection_position SET position = %(position)s WHERE name = %(name)s",
        {"position": position, "name": name},
    )
    cursor.execute(f"DELETE FROM {QUARANTINE}")  # every event was applied again, without a failure
