"""The raw rate of the eventsourcing library on the same database: a trivial aggregate, one
event saved per transaction, with the project's hash-chained recorders and with the plain
eventsourcing persistence module."""

import time
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from infra.audit.env import eventsourcing_env

PLAIN_MODULES = {"sqlite": "eventsourcing.sqlite", "postgres": "eventsourcing.postgres"}


class Tally(Aggregate):
    @event("Counted")
    def count(self) -> None:
        pass


class TallyApp(Application[UUID]):
    pass


def raw_rate(
    database_url: str, schema: str | None, *, chained: bool, name: str, seconds: float
) -> tuple[float, int]:
    """Events per second saved one per transaction, for about `seconds`.

    On SQLite `database_url` must be a scratch file (eventsourcing's SQLite table name is fixed,
    so sharing the application's file would mix events); on PostgreSQL the application `name`
    gives its own table in the same schema."""
    env = eventsourcing_env(database_url, schema) | {"CREATE_TABLE": "y"}
    if not chained:
        env["PERSISTENCE_MODULE"] = PLAIN_MODULES[
            "sqlite" if database_url.startswith("sqlite") else "postgres"
        ]
    app = type(name, (TallyApp,), {"name": name})(env)
    try:
        tally = Tally()
        app.save(tally)
        for _ in range(20):  # warm-up
            tally.count()
            app.save(tally)
        saved, stop = 0, time.perf_counter() + seconds
        started = time.perf_counter()
        while time.perf_counter() < stop:
            tally.count()
            app.save(tally)
            saved += 1
        return saved / (time.perf_counter() - started), saved
    finally:
        app.close()
