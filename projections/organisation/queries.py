"""Questions the organisation read models answer. Queries never replay aggregates."""

from typing import Any

from projections.engine.store import ViewStore

Row = dict[str, Any]

_OFFICIAL_COLUMNS = (
    "o.nip, o.employee_type, o.name, o.position_type, o.position_title, o.grade, o.rank, o.education,"
    " o.head_of, o.unit_code, o.appraiser_nip, o.placed_since, o.registered_at"
)


class OrganisationQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def unit(self, code: str) -> Row | None:
        rows = self.store.query("SELECT * FROM units WHERE code = :code", {"code": code})
        return rows[0] if rows else None

    def units(
        self,
        *,
        parent_code: str | None = None,
        agency_code: str | None = None,
        roots_only: bool = False,
        after: str | None = None,
        limit: int = 50,
    ) -> list[Row]:
        """Units in tree order (by path); `after` is the path of the last unit already seen."""
        where, params = ["path > :after"], {"after": after or "", "limit": limit}
        if roots_only:
            where.append("parent_code IS NULL")
        if parent_code is not None:
            where.append("parent_code = :parent")
            params["parent"] = parent_code
        if agency_code is not None:
            where.append("agency_code = :agency")
            params["agency"] = agency_code
        return self.store.query(
            f"SELECT * FROM units WHERE {' AND '.join(where)} ORDER BY path LIMIT :limit", params
        )

    def official(self, nip: str) -> Row | None:
        rows = self.store.query(
            f"SELECT {_OFFICIAL_COLUMNS} FROM officials o WHERE o.nip = :nip", {"nip": nip}
        )
        return rows[0] if rows else None

    def officials(
        self,
        *,
        unit_code: str | None = None,
        appraiser_nip: str | None = None,
        after: str | None = None,
        limit: int = 50,
    ) -> list[Row]:
        where, params = ["o.nip > :after"], {"after": after or "", "limit": limit}
        if unit_code is not None:
            where.append("o.unit_code = :unit")
            params["unit"] = unit_code
        if appraiser_nip is not None:
            where.append("o.appraiser_nip = :appraiser")
            params["appraiser"] = appraiser_nip
        return self.store.query(
            f"SELECT {_OFFICIAL_COLUMNS} FROM officials o WHERE {' AND '.join(where)}"
            " ORDER BY o.nip LIMIT :limit",
            params,
        )

    def officials_by_nip(self, nips: list[str]) -> dict[str, Row]:
        if not nips:
            return {}
        names = {f"n{i}": nip for i, nip in enumerate(nips)}
        placeholders = ", ".join(f":{name}" for name in names)
        rows = self.store.query(
            f"SELECT {_OFFICIAL_COLUMNS} FROM officials o WHERE o.nip IN ({placeholders})", names
        )
        return {row["nip"]: row for row in rows}

    def units_by_code(self, codes: list[str]) -> dict[str, Row]:
        if not codes:
            return {}
        names = {f"c{i}": code for i, code in enumerate(codes)}
        placeholders = ", ".join(f":{name}" for name in names)
        rows = self.store.query(f"SELECT * FROM units WHERE code IN ({placeholders})", names)
        return {row["code"]: row for row in rows}

    def placement_history(self, nip: str) -> list[Row]:
        return self.store.query(
            "SELECT * FROM placement_history WHERE nip = :nip ORDER BY version", {"nip": nip}
        )

    def appraisal_recommendations(self, nip: str) -> list[Row]:
        return self.store.query(
            "SELECT * FROM appraisal_recommendations WHERE nip = :nip ORDER BY version", {"nip": nip}
        )

    def delegations(self, *, grantor_nip: str | None = None, delegate_nip: str | None = None) -> list[Row]:
        where, params = [], {}
        if grantor_nip:
            where.append("grantor_nip = :grantor")
            params["grantor"] = grantor_nip
        if delegate_nip:
            where.append("delegate_nip = :delegate")
            params["delegate"] = delegate_nip
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.store.query(f"SELECT * FROM delegations {clause} ORDER BY granted_at", params)
