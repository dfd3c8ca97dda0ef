"""Questions the decision ledger answers: filtered, in recorded order, keyset-paginated by
position (the event's notification id, its place in the hash chain).

Every question picks its page of positions first, each filter served by an index that yields
rows in position order (so a page reads about as many rows as it shows, at any history size),
and only then joins the names of the officials to the page (ADR 0012)."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from projections.engine.store import ViewStore
from projections.ledger.view import normalise_article

Row = dict[str, Any]

_NAMED = (
    "SELECT l.*, a.name AS actor_name, s.name AS subject_name, g.name AS delegated_by_name"
    " FROM ({page}) l LEFT JOIN officials a ON a.nip = l.actor_nip"
    " LEFT JOIN officials s ON s.nip = l.subject_nip LEFT JOIN officials g ON g.nip = l.delegated_by"
    " ORDER BY l.position"
)

# The first position whose running maximum of recorded times reaches a bound (ledger_recorded_max;
# that maximum never decreases with the position, so every later row reaches it too).
_FIRST_REACHING = (
    "SELECT m.position FROM decision_ledger m WHERE m.recorded_max >= :{bound}"
    " ORDER BY m.recorded_max, m.position LIMIT 1"
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

    def where(self, after: int = 0, max_lag: int | None = None) -> tuple[list[str], dict[str, Any]]:
        """SQL conditions on `decision_ledger l` for the rows after position `after`; `max_lag`,
        the ledger's largest `recorded_lag`, lets the period's end bound the positions too."""
        clauses, params = ["l.position > :after"], {"after": after}
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
            # ledger_articles holds one row per article a decision cites: an exact, indexed match
            clauses.append(
                "l.position IN (SELECT x.position FROM ledger_articles x"
                " WHERE x.article = :article AND x.position > :after)"
            )
            params["article"] = normalise_article(self.article)
        if self.recorded_from:
            # no row before the first whose running maximum reaches `from` was recorded after it
            clauses.append("l.recorded_at >= :recorded_from")
            clauses.append(f"l.position >= ({_FIRST_REACHING.format(bound='recorded_from')})")
            params["recorded_from"] = _utc(self.recorded_from)
        if self.recorded_to:
            clauses.append("l.recorded_at < :recorded_to")
            params["recorded_to"] = _utc(self.recorded_to)
            horizon = _plus(self.recorded_to, max_lag)
            if horizon is not None:
                # a row recorded before `to` has its running maximum before `to` + the largest lag
                clauses.append(
                    f"l.position < COALESCE(({_FIRST_REACHING.format(bound='to_horizon')}), :after_all)"
                )
                params["to_horizon"], params["after_all"] = _utc(horizon), 2**63 - 1
        return clauses, params


def _plus(instant: datetime, microseconds: int | None) -> datetime | None:
    try:
        return None if microseconds is None else instant + timedelta(microseconds=microseconds)
    except OverflowError:  # `to` at the end of the calendar: no bound needed
        return None


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
        clauses, params = where.where(after, self._max_lag() if where.recorded_to else None)
        params["limit"] = limit
        page = (
            f"SELECT l.* FROM decision_ledger l WHERE {' AND '.join(clauses)}"
            " ORDER BY l.position LIMIT :limit"
        )
        return self.store.query(_NAMED.format(page=page), params)

    def _max_lag(self) -> int:
        rows = self.store.query("SELECT MAX(recorded_lag) AS lag FROM decision_ledger")
        return int(rows[0]["lag"] or 0) if rows else 0

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
        page = f"SELECT * FROM decision_ledger WHERE position IN ({', '.join(':' + n for n in names)})"
        rows = self.store.query(_NAMED.format(page=page), names)
        return {row["position"]: row for row in rows}

    def involving(self, nip: str, *, after: int = 0, limit: int = 1000) -> list[Row]:
        """Decisions taken by the official, or about them (as the subject or the delegating
        official), in recorded order: the first `limit` of each role, each read from its own
        index in position order, merged (an OR over the three would scan the whole ledger)."""
        roles = " UNION ".join(
            f"SELECT position FROM (SELECT position FROM decision_ledger WHERE {column} = :nip"
            f" AND position > :after ORDER BY position LIMIT :limit) AS {column}"
            for column in ("actor_nip", "subject_nip", "delegated_by")
        )
        page = f"SELECT * FROM decision_ledger WHERE position IN ({roles}) ORDER BY position LIMIT :limit"
        return self.store.query(_NAMED.format(page=page), {"nip": nip, "after": after, "limit": limit})

    def positions(self, aggregate_id: str) -> dict[int, int]:
        """{aggregate version: position} of the aggregate's decision events."""
        rows = self.store.query(
            "SELECT aggregate_version, position FROM decision_ledger WHERE aggregate_id = :id",
            {"id": aggregate_id},
        )
        return {row["aggregate_version"]: row["position"] for row in rows}
