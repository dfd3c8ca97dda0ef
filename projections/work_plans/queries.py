"""Questions the work-plans read model answers: an agency's PK for a year, a unit's plan with its
items and amendments, the units still without a plan for a year, and who works on a plan item
(the assignments and teams that name it, with their officials)."""

from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = ("document", "added", "changed", "withdrawn")


class WorkPlanQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def agreement(self, agency_code: str, year: int, agreement_id: str | None = None) -> Row | None:
        """By agency and year, or by id."""
        sql = "SELECT * FROM performance_agreements WHERE "
        if agreement_id is not None:
            rows = self._rows(sql + "id = :id", {"id": agreement_id})
        else:
            rows = self._rows(
                sql + "agency_code = :agency AND year = :year", {"agency": agency_code, "year": year}
            )
        if not rows:
            return None
        found = rows[0]
        found["targets"] = self._rows(
            "SELECT * FROM pk_targets WHERE agreement_id = :id ORDER BY code", {"id": found["id"]}
        )
        return found

    def pk_target(self, target_id: str) -> Row | None:
        rows = self._rows("SELECT * FROM pk_targets WHERE id = :id", {"id": target_id})
        return rows[0] if rows else None

    def plan(
        self, plan_id: str | None = None, *, unit_code: str | None = None, year: int | None = None
    ) -> Row | None:
        if plan_id is not None:
            rows = self._rows("SELECT * FROM work_plans WHERE id = :id", {"id": plan_id})
        else:
            rows = self._rows(
                "SELECT * FROM work_plans WHERE unit_code = :unit AND year = :year",
                {"unit": unit_code, "year": year},
            )
        return rows[0] if rows else None

    def plans(
        self, *, year: int, agency_code: str | None = None, after: str | None = None, limit: int
    ) -> list[Row]:
        where, params = (
            ["year = :year", "unit_code > :after"],
            {"year": year, "after": after or "", "limit": limit},
        )
        if agency_code:
            where.append("agency_code = :agency")
            params["agency"] = agency_code
        return self._rows(
            f"SELECT * FROM work_plans WHERE {' AND '.join(where)} ORDER BY unit_code LIMIT :limit", params
        )

    def items(self, plan_id: str) -> list[Row]:
        return self._rows("SELECT * FROM plan_items WHERE plan_id = :id ORDER BY code", {"id": plan_id})

    def item(self, item_id: str) -> Row | None:
        rows = self._rows("SELECT * FROM plan_items WHERE id = :id", {"id": item_id})
        return rows[0] if rows else None

    def amendments(self, plan_id: str) -> list[Row]:
        return self._rows(
            "SELECT * FROM work_plan_amendments WHERE plan_id = :id ORDER BY number", {"id": plan_id}
        )

    def units_without_plan(
        self, *, year: int, agency_code: str | None = None, after: str | None = None, limit: int
    ) -> list[Row]:
        """Every unit (agencies too: "setiap kepala Unit Organisasi") with no plan for the year."""
        where = [
            "NOT EXISTS (SELECT 1 FROM work_plans p WHERE p.unit_code = u.code AND p.year = :year)",
            "u.code > :after",
        ]
        params: dict = {"year": year, "after": after or "", "limit": limit}
        if agency_code:
            where.append("u.agency_code = :agency")
            params["agency"] = agency_code
        return self._rows(
            "SELECT u.code, u.name, u.agency_code, u.head_nip FROM units u"
            f" WHERE {' AND '.join(where)} ORDER BY u.code LIMIT :limit",
            params,
        )

    def assignments_on(self, item_id: str) -> list[Row]:
        rows = self._rows(
            "SELECT id, status, work, owning_unit, period_start, period_end, team, letter_number"
            " FROM assignments WHERE plan_item_id = :id ORDER BY position",
            {"id": item_id},
        )
        for row in rows:
            row["officials"] = self._rows(
                "SELECT nip, name FROM assignment_officials WHERE assignment_id = :id ORDER BY nip",
                {"id": row["id"]},
            )
        return rows

    def teams_on(self, item_id: str) -> list[Row]:
        rows = self._rows(
            "SELECT id, name, status, owning_unit, leader_nip, period_start, period_end FROM teams"
            " WHERE plan_item_id = :id ORDER BY formed_at, id",
            {"id": item_id},
        )
        for row in rows:
            row["members"] = self._rows(
                "SELECT nip, role FROM team_members WHERE team_id = :id AND left_at IS NULL ORDER BY nip",
                {"id": row["id"]},
            )
        return rows
