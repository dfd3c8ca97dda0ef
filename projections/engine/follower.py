"""Follows the event store in the background, so the read models catch up on their own.

The request pipeline still projects its own events before answering (read-your-writes); the
follower is for what no request projects: events saved by another process, or saved just before
a crash between the save and the projection. On PostgreSQL it LISTENs on the channel the
recorder NOTIFYs in its insert transaction (infra.audit.postgres_chain), so it wakes when an
event commits; it also catches up every `interval` seconds, the fallback for a lost notification
or connection and the only way on SQLite (which has no notifications).

Several followers (threads or processes) may run at once: the projector's position row, moved
with `UPDATE ... WHERE position = <the one read>` in the views' transaction, lets only one of
them apply a batch; the others roll back and reload (projections.engine.projector).
"""

import logging
import threading
import time

import psycopg
from psycopg import sql

from projections.engine.projector import Projector

log = logging.getLogger("sistemkerja.projections")
STOP_LATENCY = 0.25  # seconds: the longest a listening follower waits before checking stop()


class Follower:
    def __init__(
        self,
        projector: Projector,
        *,
        interval: float = 0.5,
        conninfo: str | None = None,
        channel: str | None = None,
    ):
        self.projector = projector
        self.interval = interval
        # Both given on PostgreSQL: listen; else poll.
        self.conninfo = conninfo if channel else None
        self.channel = channel
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.wakeups = 0  # catch-ups run (for tests and diagnostics)
        self.failing = False  # the last attempt failed (logged once until it works again)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"follower-{self.projector.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if self.conninfo:
                    self._listen()
                else:
                    self._poll()
            except Exception as error:  # noqa: BLE001 - a lost database: logged, retried after a pause
                # Once per outage, not every interval while the database is down.
                if not self.failing:
                    log.error(
                        "the read models' follower failed (%s); retrying every %.1f s", error, self.interval
                    )
                self.failing = True
                self._stop.wait(self.interval)

    def _catch_up(self, up_to: int | None = None) -> None:
        self.wakeups += 1
        if up_to is None:
            self.projector.catch_up()
        else:
            self.projector.catch_up(up_to)
        if self.failing:
            log.warning("the read models' follower is following again")
            self.failing = False

    def _poll(self) -> None:
        while not self._stop.is_set():
            self._catch_up()
            self._stop.wait(self.interval)

    def _listen(self) -> None:
        assert self.conninfo is not None and self.channel is not None
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            # Listening before catching up: nothing committed in between is missed.
            self._catch_up()
            last = time.monotonic()
            while not self._stop.is_set():
                # Short waits, so that stop() is prompt whatever the polling interval.
                notified = [
                    int(n.payload)
                    for n in conn.notifies(timeout=min(self.interval, STOP_LATENCY), stop_after=1)
                    if n.payload.isdigit()
                ]
                if notified:
                    # The notified position: usually already applied by the command that saved
                    # it (in its own transaction, ADR 0013), and then nothing is read.
                    self._catch_up(max(notified))
                elif time.monotonic() - last >= self.interval:
                    self._catch_up()
                    last = time.monotonic()
