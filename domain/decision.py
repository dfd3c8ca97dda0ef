"""What every decision event carries (domain.md section 5): who, in which capacity, under which
article, and when it takes effect where that differs from when it was recorded.

The recorded time is the event's own `timestamp` (UTC, set by eventsourcing).
"""

from dataclasses import asdict, dataclass, field
from enum import Enum


class CapacityKind(str, Enum):
    """Why an actor was entitled to act (see Capacity)."""

    ADMIN = "ADMIN"  # the organisation division / personnel agency
    POSITION = "POSITION"  # holds the position the rule names
    DELEGATION = "DELEGATION"  # on authority delegated by `delegated_by`
    SELF = "SELF"  # the official, for themself
    EXTERNAL_LETTER = "EXTERNAL_LETTER"  # another government's decision, recorded from its letter
    OTHER_TENANT = "OTHER_TENANT"  # another tenant's decision, delivered as its event (ADR 0010)


@dataclass(frozen=True)
class Capacity:
    """Why the actor was entitled to act.

    kind: ADMIN (the tenant's organisation division / personnel agency), POSITION (head of a
    unit), DELEGATION (acting on authority delegated by `delegated_by`), SELF (the official
    acting for themself), EXTERNAL_LETTER (another government's decision, recorded by the
    administrator from its letter: see docs/adr/0002-cross-institution-steps.md), OTHER_TENANT
    (another government on the same platform, delivered as its event: docs/adr/0010).
    """

    kind: str
    unit_code: str | None = None
    position: str | None = None
    delegated_by: str | None = None
    delegation_id: str | None = None

    def as_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}


@dataclass(frozen=True)
class Decision:
    """The metadata stamped on a decision event."""

    actor_nip: str
    capacity: Capacity
    legal_basis: str
    reason: str | None = None
    effective_date: str | None = None  # ISO date (TMT) where it differs from the recorded time
    extra: dict = field(default_factory=dict)

    def as_event_fields(self) -> dict:
        fields = {
            "actor_nip": self.actor_nip,
            "capacity": self.capacity.as_dict(),
            "legal_basis": self.legal_basis,
        }
        if self.reason is not None:
            fields["reason"] = self.reason
        if self.effective_date is not None:
            fields["effective_date"] = self.effective_date
        return fields
