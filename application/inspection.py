"""Inspection: what an aggregate looked like at a past instant, and its full history.

The one place where queries replay aggregates (architecture: point-in-time audit queries
may): the read models hold the present, the event store holds every past. Generic over
aggregates, so a Team or an Assignment answers "as of" through `aggregate_as_of` unchanged.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from application.principal import Principal
from domain.errors import Forbidden
from domain.ids import official_id, unit_id
from domain.official import Official
from domain.organisation import OrganisationUnit

AUDITOR_ROLE = "auditor"  # the inspectorate (Inspektorat) and external auditors: read-only
_PLUMBING = {"originator_id", "originator_version", "timestamp", "decision", "originator_topic"}


@dataclass(frozen=True)
class DescribedEvent:
    """One stored event in people's terms."""

    aggregate_id: str
    aggregate_type: str
    version: int
    event_class: type  # its kind in people's terms: projections.ledger.view.kind_of
    recorded_at: datetime
    details: dict[str, Any]  # the event's own facts (not the decision metadata)
    decision: dict[str, Any] | None  # actor_nip, capacity, legal_basis, reason?, effective_date?


def utc(instant: datetime) -> datetime:
    """A naive instant is read as UTC (events are stamped in UTC)."""
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


def require_inspector(principal: Principal, own_nip: str | None = None) -> None:
    """The administrator and auditors see everything; an official sees their own record."""
    if principal.is_admin or AUDITOR_ROLE in principal.roles or (own_nip and principal.nip == own_nip):
        return
    raise Forbidden("NOT_AUTHORISED", case="inspect")


class Inspection:
    def __init__(self, app: Any):
        self.app = app

    def events(self, aggregate_id: UUID) -> list[Any]:
        mapper = self.app.mapper
        return [mapper.to_domain_event(stored) for stored in self.app.recorder.select_events(aggregate_id)]

    def aggregate_as_of(self, aggregate_id: UUID, instant: datetime) -> Any | None:
        """The aggregate rebuilt from its events recorded at or before `instant`, or None
        if it did not exist yet."""
        instant, aggregate = utc(instant), None
        for event in self.events(aggregate_id):
            if event.timestamp > instant:
                break
            aggregate = event.mutate(aggregate)
        return aggregate

    def unit_as_of(self, code: str, instant: datetime) -> OrganisationUnit | None:
        return self.aggregate_as_of(unit_id(code), instant)

    def official_as_of(self, nip: str, instant: datetime) -> Official | None:
        return self.aggregate_as_of(official_id(nip), instant)

    def units_as_of(self, codes: list[str], instant: datetime) -> list[OrganisationUnit]:
        """The units among `codes` that existed at `instant` (units are never removed, so the
        codes known today cover every past tree), as they were then."""
        return [unit for code in codes if (unit := self.unit_as_of(code, instant)) is not None]

    def delegations_held_as_of(
        self, delegate_nip: str, grantor_nips: list[str], instant: datetime
    ) -> list[dict]:
        """Delegations to `delegate_nip` that were granted, not yet revoked, and in their
        validity period at `instant`, each with the grantor's NIP."""
        held, day = [], utc(instant).date().isoformat()
        for grantor_nip in dict.fromkeys(grantor_nips):
            grantor = self.official_as_of(grantor_nip, instant)
            for grant in grantor.delegations.values() if grantor else ():
                if (
                    grant["delegate_nip"] == delegate_nip
                    and not grant["revoked"]
                    and grant["valid_from"] <= day <= grant["valid_until"]
                ):
                    held.append({**grant, "grantor_nip": grantor_nip})
        return held

    def history(self, aggregate_id: UUID) -> list[DescribedEvent]:
        return [describe(event) for event in self.events(aggregate_id)]


def describe(event: Any) -> DescribedEvent:
    decision = getattr(event, "decision", None)
    details = {key: _plain(value) for key, value in vars(event).items() if key not in _PLUMBING}
    return DescribedEvent(
        aggregate_id=str(event.originator_id),
        aggregate_type=type(event).__qualname__.split(".")[0],
        version=event.originator_version,
        event_class=type(event),
        recorded_at=event.timestamp,
        details=details,
        decision=decision if isinstance(decision, dict) else None,
    )


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime | UUID):
        return str(value)
    return value


def state_of(aggregate: Any) -> dict[str, Any]:
    """An aggregate's attributes as plain data (for the generic point-in-time answer)."""
    state = {
        key.lstrip("_"): _plain(value)
        for key, value in vars(aggregate).items()
        if key not in ("_pending_events",)
    }
    state["id"] = str(aggregate.id)
    return state
