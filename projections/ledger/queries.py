"""Questions the decision ledger answers: filtered, in recorded order, keyset-paginated by
position (the event's notification id, its place in the hash chain)."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from projections.engine.store import ViewStore
from projections.ledger.view import normalise_article

Row = dict[str, Any]

_SELECT = (
    "SELECT l.*, a.name AS actor_name, s.name AS subject_name, g.name AS delegated_by_name"
    " FROM decision_ledger l LEFT JOIN officials a ON a.nip = l.actor_nip"
    " LEFT JOIN officials s ON s.nip = l.subject_nip LEFT JOIN officials g ON g.nip = l.delegated_by"
)


@dataclass(frozen=True)
class LedgerFilter:
    agency_code: str | None = None
    unit_code: str | None = None
    actor_nip: str | None = None
    subject_nip: str | None = None
    kind: str | None = None
    article: str | None = None
    recorded_from: datetime | None = None  # inclusive
    recorded_to: datetime | None = None  # exclusive

    def where(self) -> tuple[list[str], dict[str, Any]]:
        clauses, params = [], {}
        for column, value in (
            ("agency_code", self.agency_code),
            ("unit_code", self.unit_code),
            ("actor_nip", self.actor_nip),
            ("subject_nip", self.subject_nip),
            ("kind", self.kind),
        ):
            if value:
                clauses.append(f"l.{column} = :{column}")
                params[column] = value.strip()
        if self.article:
            clauses.append("l.articles LIKE :article")
            params["article"] = f"%|{normalise_article(self.article)}|%"
        if self.recorded_from:
            clauses.append("l.recorded_at >= :recorded_from")
            params["recorded_from"] = _utc(self.recorded_from)
        if self.recorded_to:
            clauses.append("l.recorded_at < :recorded_to")
            params["recorded_to"] = _utc(self.recorded_to)
        return clauses, params


def _utc(instant: datetime) -> str:
    """Recorded times are stored as UTC ISO strings, which compare in time order."""
    aware = instant if instant.tzinfo else instant.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


class LedgerQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def decisions(
        self, where: LedgerFilter = LedgerFilter(), *, after: int = 0, limit: int = 50
    ) -> list[Row]:
        clauses, params = where.where()
        clauses.append("l.position > :after")
        params.update(after=after, limit=limit)
        return self.store.query(
            f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY l.position LIMIT :limit", params
        )

    def all_decisions(self, where: LedgerFilter, batch: int = 1000) -> list[Row]:
        rows, after = [], 0
        while page := self.decisions(where, after=after, limit=batch):
            rows += page
            after = page[-1]["position"]
        return rows

    def by_positions(self, positions: list[int]) -> dict[int, Row]:
        if not positions:
            return {}
        names = {f"p{i}": position for i, position in enumerate(positions)}
        rows = self.store.query(f"{_SELECT} WHERE l.position IN ({', '.join(':' + n for n in names)})", names)
        return {row["position"]: row for row in rows}

    def involving(self, nip: str, *, after: int = 0, limit: int = 1000) -> list[Row]:
        """Decisions taken by the official, or about them (as the subject or the delegating
        official), in recorded order."""
        return self.store.query(
            f"{_SELECT} WHERE (l.actor_nip = :nip OR l.subject_nip = :nip OR l.delegated_by = :nip)"
            " AND l.position > :after ORDER BY l.position LIMIT :limit",
            {"nip": nip, "after": after, "limit": limit},
        )

    def positions(self, aggregate_id: str) -> dict[int, int]:
        """{aggregate version: position} of the aggregate's decision events."""
        rows = self.store.query(
            "SELECT aggregate_version, position FROM decision_ledger WHERE aggregate_id = :id",
            {"id": aggregate_id},
        )
        return {row["aggregate_version"]: row["position"] for row in rows}
