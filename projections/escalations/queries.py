"""Questions the escalations read model answers: escalations with their addressees' decisions."""

from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = ("alternatives", "capacity")


class EscalationQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def escalations(
        self, *, status: str | None = None, unit_code: str | None = None, subject_id: str | None = None
    ) -> list[Row]:
        where, params = ["1 = 1"], {}
        if status:
            where.append("e.status = :status")
            params["status"] = status
        if subject_id:
            where.append("e.subject_id = :subject")
            params["subject"] = subject_id
        if unit_code:
            where.append(
                "EXISTS (SELECT 1 FROM escalation_addressees a"
                " WHERE a.escalation_id = e.id AND a.unit_code = :unit)"
            )
            params["unit"] = unit_code
        rows = self._rows(
            f"SELECT e.* FROM escalations e WHERE {' AND '.join(where)} ORDER BY e.raised_at", params
        )
        for row in rows:
            row["addressees"] = self._rows(
                "SELECT * FROM escalation_addressees WHERE escalation_id = :id ORDER BY unit_code",
                {"id": row["id"]},
            )
        return rows
