"""Questions the teams read model answers: teams, their members, and the leader's input per
member and period (the role-result matrix)."""

from datetime import date, timedelta

from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = (
    "tasks",
    "targets",
    "planned_members",
    "leader_warnings",
    "recipients",
    "results",
    "experience",
    "members",
)


class TeamQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def team_row(self, team_id: str) -> Row | None:
        """The team's own row, without its members, head, PPK, decree or proposals."""
        rows = self._rows("SELECT * FROM teams WHERE id = :id", {"id": team_id})
        return rows[0] if rows else None

    def team(self, team_id: str) -> Row | None:
        team = self.team_row(team_id)
        if team is None:
            return None
        team["members"] = self.members(team_id)
        team["units_spanned"] = sorted(
            {team["owning_unit"], *(m["unit_code"] for m in team["members"] if m["unit_code"])}
        )
        params = {"id": team_id}
        heads = self._rows("SELECT * FROM team_heads WHERE team_id = :id AND end_on IS NULL", params)
        team["head"] = heads[0] if heads else None
        pptk = self._rows("SELECT * FROM team_pptk WHERE team_id = :id", params)
        team["pptk"] = pptk[0] if pptk else None
        decree = self._rows("SELECT * FROM team_decrees WHERE team_id = :id", params)
        team["decree"] = decree[0] if decree else None
        current = {m["nip"] for m in team["members"]}
        team["pending_proposals"] = [
            p
            for p in self._rows(
                "SELECT * FROM team_member_proposals WHERE team_id = :id ORDER BY proposed_at, nip", params
            )
            if p["nip"] not in current
        ]
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

    def members_between(self, team_id: str, first: str, last: str) -> list[Row]:
        """Members whose part in the team overlapped `first`..`last` (ISO days) in effect: from the
        start of the assignment that brought them in (its period, not the day the admission was
        recorded) until they left. `effective_from` carries that day."""
        return [
            {k: v for k, v in row.items() if k != "period_label"}
            for row in self.members_in(team_id, [("", first, last)])
        ]

    def members_in(self, team_id: str, periods: list[tuple[str, str, str]]) -> list[Row]:
        """`members_between` for each (label, first, last) of `periods` in one query; each row
        names its period in `period_label`."""
        if not periods:
            return []
        params: dict[str, str] = {"id": team_id}
        values = []
        for i, (label, first, last) in enumerate(periods):
            params |= {f"l{i}": label, f"f{i}": first, f"t{i}": last}
            values.append(f"(:l{i}, :f{i}, :t{i})")
        return self._rows(
            f"WITH p (label, starts, ends) AS (VALUES {', '.join(values)})"
            " SELECT p.label AS period_label, m.*,"
            " COALESCE(a.period_start, substr(m.joined_at, 1, 10)) AS effective_from"
            " FROM p JOIN team_members m ON m.team_id = :id LEFT JOIN assignments a ON a.id = m.assignment_id"
            " WHERE COALESCE(a.period_start, substr(m.joined_at, 1, 10)) <= p.ends"
            " AND (m.left_at IS NULL OR substr(m.left_at, 1, 10) >= p.starts)"
            " ORDER BY p.label, m.joined_at, m.nip",
            params,
        )

    def member_performance(self, team_id: str, period: str) -> list[Row]:
        return self.member_performance_in(team_id, [period])

    def member_performance_in(self, team_id: str, periods: list[str]) -> list[Row]:
        """The leader's input for the team's members in any of `periods`, by period and NIP."""
        if not periods:
            return []
        names = {f"p{i}": period for i, period in enumerate(periods)}
        return self._rows(
            "SELECT * FROM member_performance WHERE team_id = :id"
            f" AND period IN ({', '.join(':' + name for name in names)}) ORDER BY period, nip",
            {"id": team_id, **names},
        )

    def head_days(self, first: date, last: date) -> list[Row]:
        """Who headed a team (Ketua Tim or Koordinator) on how many days between `first` and `last`
        (inclusive), each term clipped to the team's own period: the days run from the appointment
        to the day before the replacement, removal or dissolution."""
        rows = self._rows(
            "SELECT h.team_id, h.nip, h.title, h.start_on, h.end_on, h.eligibility, t.name AS team_name,"
            " t.owning_unit,"
            " t.period_start, t.period_end FROM team_heads h JOIN teams t ON t.id = h.team_id"
            " WHERE h.start_on <= :last AND (h.end_on IS NULL OR h.end_on > :first)"
            " ORDER BY h.nip, h.start_on, h.team_id",
            {"first": first.isoformat(), "last": last.isoformat()},
        )
        out = []
        for r in rows:
            start = max(first, date.fromisoformat(r["start_on"]), date.fromisoformat(r["period_start"]))
            end = min(last, date.fromisoformat(r["period_end"]))
            if r["end_on"]:
                end = min(end, date.fromisoformat(r["end_on"]) - timedelta(days=1))
            if end < start:
                continue
            out.append(
                {
                    **r,
                    "from_day": start.isoformat(),
                    "to_day": end.isoformat(),
                    "days": (end - start).days + 1,
                }
            )
        return out

    def transformation_teams(self) -> list[Row]:
        return self._rows("SELECT * FROM transformation_teams ORDER BY decree_date DESC, recorded_at DESC")
