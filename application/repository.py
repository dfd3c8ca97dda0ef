"""Typed access to the aggregates a handler loads: an id of the wrong kind (an assignment's id
given as a team's) is simply that kind's `…_NOT_FOUND`, never another aggregate."""

from collections.abc import Callable
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application

from application.checks import parse_id
from application.idempotency import IdempotencyKey, key_id
from domain.assignment import OFFICES_ID, Assignment, GovernmentOffices, LetterRegister
from domain.errors import NotFound
from domain.escalation import Escalation
from domain.evaluation import Evaluation
from domain.ids import official_id, unit_id
from domain.official import Official
from domain.organisation import OrganisationUnit
from domain.report import Report, ReportRequest
from domain.team import Team

A = TypeVar("A")


class Repository:
    def __init__(self, app: Application[UUID]):
        self._app = app

    def get(self, kind: type[A], aggregate_id: UUID, not_found: Callable[[], NotFound]) -> A:
        found = self._load(aggregate_id, not_found)
        if not isinstance(found, kind):
            raise not_found()
        return found

    def _load(self, aggregate_id: UUID, not_found: Callable[[], NotFound]) -> object:
        try:
            return self._app.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise not_found() from None

    def exists(self, aggregate_id: UUID) -> bool:
        cache = getattr(self._app, "aggregates", None)
        if cache is not None and aggregate_id in cache:  # a recorded aggregate never ceases to exist
            return True
        return bool(self._app.recorder.select_events(aggregate_id, limit=1))

    def decision_at(self, position: int) -> Any:
        """The event recorded at `position` (a notification id), as the domain event."""
        found = self._app.recorder.select_notifications(start=position, limit=1) if position > 0 else []
        if not found or found[0].id != position:
            raise NotFound("DECISION_NOT_FOUND", position=position)
        return self._app.mapper.to_domain_event(found[0])

    def unit(self, code: str) -> OrganisationUnit:
        return self.get(OrganisationUnit, unit_id(code), lambda: NotFound("UNIT_NOT_FOUND", unit=code))

    def official(self, nip: str) -> Official:
        return self.get(Official, official_id(nip), lambda: NotFound("OFFICIAL_NOT_FOUND", nip=nip))

    def idempotency_key(self, nip: str, key: str) -> IdempotencyKey | None:
        """The record of a client key this caller used, if any."""
        record_id = key_id(nip, key)
        found = self._app.repository.get(record_id) if self.exists(record_id) else None
        return found if isinstance(found, IdempotencyKey) else None

    def offices(self) -> GovernmentOffices | None:
        """The offices the administrator designated (Setda, PyB, PPK, personnel agency), if any."""
        return self._app.repository.get(OFFICES_ID) if self.exists(OFFICES_ID) else None

    def letter_register(self, unit: str, year: int) -> LetterRegister:
        """The unit's register of letter numbers for the year; a new one before its first letter."""
        register_id = LetterRegister.create_id(unit, year)
        return (
            self._app.repository.get(register_id) if self.exists(register_id) else LetterRegister(unit, year)
        )

    def assignment(self, assignment_id: str) -> Assignment:
        return self.get(
            Assignment,
            parse_id(assignment_id, "assignment_id"),
            lambda: NotFound("ASSIGNMENT_NOT_FOUND", assignment_id=str(assignment_id)),
        )

    def team(self, team_id: str) -> Team:
        return self.get(
            Team, parse_id(team_id, "team_id"), lambda: NotFound("TEAM_NOT_FOUND", team_id=team_id)
        )

    def subject(self, subject_id: str) -> Team | Assignment:
        """The team or assignment a report, request, escalation or evaluation is about."""

        # Not self.get: a kind of two classes has no single type for it to return.
        def not_found() -> NotFound:
            return NotFound("SUBJECT_NOT_FOUND", subject_id=subject_id)

        found = self._load(parse_id(subject_id, "subject_id"), not_found)
        if not isinstance(found, (Team, Assignment)):
            raise not_found()
        return found

    def report(self, report_id: str) -> Report:
        return self.get(
            Report,
            parse_id(report_id, "report_id"),
            lambda: NotFound("REPORT_NOT_FOUND", report_id=report_id),
        )

    def report_request(self, request_id: str) -> ReportRequest:
        return self.get(
            ReportRequest,
            parse_id(request_id, "request_id"),
            lambda: NotFound("REPORT_REQUEST_NOT_FOUND", request_id=request_id),
        )

    def escalation(self, escalation_id: str) -> Escalation:
        return self.get(
            Escalation,
            parse_id(escalation_id, "escalation_id"),
            lambda: NotFound("ESCALATION_NOT_FOUND", escalation_id=escalation_id),
        )

    def evaluation(self, subject_id: str) -> Evaluation:
        """A subject's evaluation (one per team or assignment)."""
        return self.get(
            Evaluation,
            Evaluation.create_id(str(parse_id(subject_id, "subject_id"))),
            lambda: NotFound("EVALUATION_NOT_FOUND", subject_id=subject_id),
        )
