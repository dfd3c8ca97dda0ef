"""Questions the teams read model answers: teams, their members, and the leader's input per
member and period (the role-result matrix)."""

from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = ("tasks", "targets", "planned_members", "leader_warnings", "recipients", "results")


class TeamQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def team(self, team_id: str) -> Row | None:
        rows = self._rows("SELECT * FROM teams WHERE id = :id", {"id": team_id})
        if not rows:
            return None
        team = rows[0]
        team["members"] = self.members(team_id)
        team["units_spanned"] = sorted(
            {team["owning_unit"], *(m["unit_code"] for m in team["members"] if m["unit_code"])}
        )
        return team

    def teams(
        self,
        *,
        owning_unit: str | None = None,
        member_nip: str | None = None,
        status: str | None = None,
        after: str | None = None,
        limit: int = 50,
    ) -> list[Row]:
        where, params = ["t.id > :after"], {"after": after or "", "limit": limit}
        if owning_unit:
            where.append("t.owning_unit = :unit")
            params["unit"] = owning_unit
        if status:
            where.append("t.status = :status")
            params["status"] = status
        if member_nip:
            where.append(
                "(t.leader_nip = :nip OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = t.id"
                " AND m.nip = :nip AND m.left_at IS NULL))"
            )
            params["nip"] = member_nip
        return self._rows(
            f"SELECT t.* FROM teams t WHERE {' AND '.join(where)} ORDER BY t.id LIMIT :limit", params
        )

    def members(self, team_id: str, *, current: bool = True) -> list[Row]:
        clause = " AND left_at IS NULL" if current else ""
        return self._rows(
            f"SELECT * FROM team_members WHERE team_id = :id{clause} ORDER BY joined_at, nip", {"id": team_id}
        )

    def member_performance(self, team_id: str, period: str) -> list[Row]:
        return self._rows(
            "SELECT * FROM member_performance WHERE team_id = :id AND period = :period ORDER BY nip",
            {"id": team_id, "period": period},
        )
