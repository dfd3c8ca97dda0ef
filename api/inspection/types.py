"""GraphQL types of inspection: ledger entries, history entries, the organisation as of a date."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry.scalars import JSON

from api.enums import (
    CapacityKindType,
    DelegationAuthorityType,
    PositionTypeType,
    UnitKindType,
)
from api.scalars import day
from application.inspection import DescribedEvent
from projections.ledger.view import kind_of


@strawberry.type(description="Why the actor was entitled to act (position held, delegation, administrator).")
class Capacity:
    kind: CapacityKindType
    position: str | None
    unit_code: str | None
    delegation_id: strawberry.ID | None
    delegated_by: str | None = strawberry.field(
        description="NIP of the official who delegated the authority."
    )
    delegated_by_name: str | None


@strawberry.type(description="One decision, as recorded: who, in which capacity, under which article, when.")
class LedgerEntry:
    position: int = strawberry.field(
        description="Place in the event store and the hash chain (notification id)."
    )
    kind: str
    event_type: str
    aggregate_type: str
    aggregate_id: strawberry.ID
    aggregate_version: int
    subject_nip: str | None
    subject_name: str | None
    agency_code: str | None
    unit_code: str | None
    actor_nip: str
    actor_name: str | None
    capacity: Capacity
    recorded_at: datetime = strawberry.field(description="When it was recorded (UTC).")
    effective_date: date | None = strawberry.field(description="When it takes effect (TMT), where given.")
    legal_basis: str
    articles: list[str]
    reason: str | None

    @staticmethod
    def from_row(row: dict[str, Any]) -> LedgerEntry:
        return LedgerEntry(
            position=row["position"],
            kind=row["kind"],
            event_type=row["event_type"],
            aggregate_type=row["aggregate_type"],
            aggregate_id=row["aggregate_id"],
            aggregate_version=row["aggregate_version"],
            subject_nip=row["subject_nip"],
            subject_name=row["subject_name"],
            agency_code=row["agency_code"],
            unit_code=row["unit_code"],
            actor_nip=row["actor_nip"],
            actor_name=row["actor_name"],
            capacity=Capacity(
                kind=row["capacity_kind"],
                position=row["capacity_position"],
                unit_code=row["capacity_unit"],
                delegation_id=row["delegation_id"],
                delegated_by=row["delegated_by"],
                delegated_by_name=row["delegated_by_name"],
            ),
            recorded_at=datetime.fromisoformat(row["recorded_at"]),
            effective_date=day(row["effective_date"]),
            legal_basis=row["legal_basis"],
            articles=[a for a in row["articles"].split("|") if a],
            reason=row["reason"],
        )


@strawberry.type(description="One event of an aggregate's history, in people's terms.")
class HistoryEntry:
    position: int | None
    aggregate_type: str
    aggregate_id: strawberry.ID
    version: int
    kind: str
    recorded_at: datetime
    details: JSON = strawberry.field(description="The event's own facts (unit, appraiser, dates, …).")
    actor_nip: str | None
    capacity_kind: CapacityKindType | None
    legal_basis: str | None
    reason: str | None
    effective_date: date | None

    @staticmethod
    def from_event(event: DescribedEvent, position: int | None) -> HistoryEntry:
        decision = event.decision or {}
        return HistoryEntry(
            position=position,
            aggregate_type=event.aggregate_type,
            aggregate_id=event.aggregate_id,
            version=event.version,
            kind=kind_of(event.event_class),
            recorded_at=event.recorded_at,
            details=event.details,
            actor_nip=decision.get("actor_nip"),
            capacity_kind=(decision.get("capacity") or {}).get("kind"),
            legal_basis=decision.get("legal_basis"),
            reason=decision.get("reason"),
            effective_date=day(decision.get("effective_date")),
        )


@strawberry.type(description="An official named by NIP, with the name on record.")
class Person:
    nip: str
    name: str | None


@strawberry.type(description="A unit as it was at the instant asked about.")
class UnitAsOf:
    code: str
    name: str
    kind: UnitKindType
    level: int
    parent_code: str | None
    agency_code: str
    head: Person | None


@strawberry.type(description="Appraiser authority delegated, as it stood at the instant asked about.")
class DelegationAsOf:
    delegation_id: strawberry.ID
    grantor_nip: str
    delegate_nip: str
    authority: DelegationAuthorityType
    valid_from: date
    valid_until: date
    revoked: bool


@strawberry.type(description="An official as they stood at the instant asked about.")
class OfficialAsOf:
    nip: str
    name: str
    position_type: PositionTypeType
    head_of: str | None = strawberry.field(description="Code of the unit they headed then.")
    unit_code: str | None = strawberry.field(description="Unit of their placement then.")
    placed_since: date | None
    appraiser: Person | None = strawberry.field(description="Their performance appraiser then.")
    delegations_granted: list[DelegationAsOf]


@strawberry.type(description="Any aggregate's state at an instant (teams, assignments, … included).")
class AggregateSnapshot:
    aggregate_id: strawberry.ID
    aggregate_type: str
    version: int
    state: JSON


def delegation_as_of(grant: dict[str, Any], grantor_nip: str) -> DelegationAsOf:
    return DelegationAsOf(
        delegation_id=grant["delegation_id"],
        grantor_nip=grantor_nip,
        delegate_nip=grant["delegate_nip"],
        authority=grant["authority"],
        valid_from=day(grant["valid_from"]),
        valid_until=day(grant["valid_until"]),
        revoked=grant["revoked"],
    )
