"""One follower for every tenant a process serves: one LISTEN connection on every built tenant's
channel (each wakes its own tenant's projector), and a catch-up of all of them every interval (the
fallback, and the only way on SQLite). See projections.engine.follower for one tenant."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import psycopg
from psycopg import sql

from infra.audit.postgres_chain import events_channel

log = logging.getLogger("sistemkerja.projections")
STOP_LATENCY = 0.25


class TenantsFollower:
    def __init__(self, tenants: Any, *, interval: float, conninfo: str | None):
        self.tenants = tenants  # infra.tenancy.tenants.Tenants
        self.interval = interval
        self.conninfo = conninfo
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.failing = False

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="follower-tenants", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _systems(self) -> dict[str, Any]:
        return {served.system.settings.db_schema: served.system for served in self.tenants.served()}

    def _catch_up(self, systems: list[Any]) -> None:
        for system in systems:
            system.projector.catch_up()
        if self.failing:
            log.warning("the read models' follower is following again")
            self.failing = False

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.conninfo:
                    self._listen()
                else:
                    while not self._stop.is_set():
                        self._catch_up(list(self._systems().values()))
                        self._stop.wait(self.interval)
            except Exception as error:  # noqa: BLE001 - logged once per outage, retried
                if not self.failing:
                    log.error(
                        "the tenants' follower failed (%s); retrying every %.1f s", error, self.interval
                    )
                self.failing = True
                self._stop.wait(self.interval)

    def _listen(self) -> None:
        assert self.conninfo is not None
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            listening: dict[str, str] = {}  # channel -> schema
            last = 0.0
            while not self._stop.is_set():
                systems = self._systems()
                for schema in systems.keys() - set(listening.values()):
                    channel = events_channel(schema)
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    listening[channel] = schema
                    self._catch_up([systems[schema]])  # listening first: nothing committed is missed
                woken = {
                    listening.get(n.channel)
                    for n in conn.notifies(timeout=min(self.interval, STOP_LATENCY), stop_after=16)
                }
                self._catch_up([systems[s] for s in woken if s in systems])
                if time.monotonic() - last >= self.interval:
                    self._catch_up(list(systems.values()))
                    last = time.monotonic()
