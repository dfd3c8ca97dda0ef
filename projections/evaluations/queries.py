"""Questions the evaluations read model answers: where each evaluation stands, and its steps."""

from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = ("chain", "capacity", "detail")


class EvaluationQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def evaluations(
        self, *, status: str | None = None, reviewing_unit: str | None = None, subject_id: str | None = None
    ) -> list[Row]:
        where, params = ["1 = 1"], {}
        for column, value in (
            ("status", status),
            ("reviewing_unit", reviewing_unit),
            ("subject_id", subject_id),
        ):
            if value:
                where.append(f"{column} = :{column}")
                params[column] = value
        return self._rows(
            f"SELECT * FROM evaluations WHERE {' AND '.join(where)} ORDER BY updated_at", params
        )

    def evaluation_steps(self, subject_id: str) -> list[Row]:
        return self._rows(
            "SELECT s.* FROM evaluation_steps s JOIN evaluations e ON e.id = s.evaluation_id"
            " WHERE e.subject_id = :id ORDER BY s.version",
            {"id": subject_id},
        )
