"""Inputs of the inspection queries."""

from datetime import datetime

import strawberry

from projections.ledger.queries import LedgerFilter


@strawberry.input(
    description="Every field narrows the ledger; `from` is inclusive, `to` exclusive (recorded time)."
)
class LedgerFilterInput:
    agency_code: str | None = None
    unit_code: str | None = None
    actor_nip: str | None = None
    subject_nip: str | None = None
    kind: str | None = strawberry.field(default=None, description="e.g. 'placement', 'delegation granted'.")
    article: str | None = strawberry.field(
        default=None, description="An article of the regulation, as written in its legal basis."
    )
    from_: datetime | None = strawberry.field(default=None, name="from")
    to: datetime | None = None

    def to_filter(self) -> LedgerFilter:
        return LedgerFilter(
            self.agency_code,
            self.unit_code,
            self.actor_nip,
            self.subject_nip,
            self.kind,
            self.article,
            self.from_,
            self.to,
        )
