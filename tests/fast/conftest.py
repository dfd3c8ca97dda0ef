"""The fast tier: given events → when a command → then events (or a typed refusal), on
eventsourcing's in-memory store (no read models, no database): milliseconds per test."""

from collections.abc import Callable, Iterator

import pytest

from application.pipeline import Command, Outcome
from application.principal import ADMIN_ROLE, Principal
from application.sistemkerja import SistemKerja
from domain.profile import load_profile

ADMIN = Principal("ADMIN", frozenset({ADMIN_ROLE}))


class Given:
    """An application on the in-memory store: `given(...)` commands build the history, `when`
    runs one more and answers the events it recorded."""

    def __init__(self, profile_id: str):
        self.app = SistemKerja(load_profile(profile_id), env={"PERSISTENCE_MODULE": "eventsourcing.popo"})

    def given(self, actor: Principal, *commands: Command) -> list[Outcome]:
        return [self.app.handle(actor, c) for c in commands]

    def when(self, actor: Principal, command: Command) -> tuple[Outcome, list[object]]:
        """The outcome and the domain events this command recorded (the idempotency key's excepted)."""
        before = self._position()
        outcome = self.app.handle(actor, command)
        return outcome, [e for e in self._events_after(before) if type(e).__module__.startswith("domain.")]

    def _position(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def _events_after(self, position: int) -> list[object]:
        notifications = self.app.recorder.select_notifications(start=position + 1, limit=1000)
        return [self.app.mapper.to_domain_event(n) for n in notifications]


@pytest.fixture
def given() -> Iterator[Callable[[str], Given]]:
    made: list[Given] = []

    def make(profile_id: str = "kab-serang-2024") -> Given:
        made.append(Given(profile_id))
        return made[-1]

    yield make
    for g in made:
        g.app.close()
