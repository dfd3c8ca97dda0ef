"""Typed access to the aggregates a handler loads: an id of the wrong kind (an assignment's id
given as a team's) is simply that kind's `…_NOT_FOUND`, never another aggregate."""

from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from domain.assignment import OFFICES_ID, GovernmentOffices
from domain.errors import NotFound
from domain.ids import official_id, unit_id
from domain.official import Official
from domain.organisation import OrganisationUnit

A = TypeVar("A")


class Repository:
    def __init__(self, app: Application[UUID]):
        self._app = app

    def get(self, kind: type[A], aggregate_id: UUID, not_found: Callable[[], NotFound]) -> A:
        try:
            found = self._app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise not_found() from None
        if not isinstance(found, kind):
            raise not_found()
        return found

    def exists(self, aggregate_id: UUID) -> bool:
        return bool(self._app.recorder.select_events(aggregate_id, limit=1))

    def unit(self, code: str) -> OrganisationUnit:
        return self.get(OrganisationUnit, unit_id(code), lambda: NotFound("UNIT_NOT_FOUND", unit=code))

    def official(self, nip: str) -> Official:
        return self.get(Official, official_id(nip), lambda: NotFound("OFFICIAL_NOT_FOUND", nip=nip))

    def offices(self) -> GovernmentOffices | None:
        """The offices the administrator designated (Setda, PyB, PPK, personnel agency), if any."""
        return self._app.repository.get(OFFICES_ID) if self.exists(OFFICES_ID) else None
