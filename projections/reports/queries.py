"""Questions the reports read model answers: reports, ad-hoc report requests, and obligations
("who owes whom a report, since when")."""

from collections.abc import Sequence
from datetime import timedelta

from domain.periods import bounds
from domain.profile import Profile, Role
from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = ("progress", "attachments", "recipients")


class ReportQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def reports(
        self,
        *,
        subject_id: str | None = None,
        reporter_nip: str | None = None,
        recipient_nip: str | None = None,
        period: str | None = None,
        periods: Sequence[str] | None = None,
        limit: int = 100,
    ) -> list[Row]:
        """Reports by subject, reporter, recipient, and period (one, or any of `periods`), in the
        order they were made."""
        where, params = ["1 = 1"], {"limit": limit}
        if periods is not None:
            names = {f"p{i}": label for i, label in enumerate(periods)} or {"p": None}  # none: no row
            where.append(f"r.period IN ({', '.join(':' + name for name in names)})")
            params |= names
        for column, value in (
            ("r.subject_id", subject_id),
            ("r.reporter_nip", reporter_nip),
            ("r.period", period),
        ):
            if value:
                name = column.split(".")[1]
                where.append(f"{column} = :{name}")
                params[name] = value
        if recipient_nip:
            where.append(
                "EXISTS (SELECT 1 FROM report_recipients x WHERE x.report_id = r.id AND x.nip = :recipient)"
            )
            params["recipient"] = recipient_nip
        return self._rows(
            f"SELECT r.* FROM reports r WHERE {' AND '.join(where)} ORDER BY r.reported_at LIMIT :limit",
            params,
        )

    def report_requests(self, *, official_nip: str | None = None, status: str | None = None) -> list[Row]:
        where, params = ["1 = 1"], {}
        if official_nip:
            where.append("official_nip = :nip")
            params["nip"] = official_nip
        if status:
            where.append("status = :status")
            params["status"] = status
        return self._rows(
            f"SELECT * FROM report_requests WHERE {' AND '.join(where)} ORDER BY requested_at", params
        )

    def obligations(
        self,
        profile: Profile,
        period: str,
        *,
        reporter_nip: str | None = None,
        recipient_nip: str | None = None,
    ) -> list[Row]:
        """Reports owed for `period` along the standing lines, and every open ad-hoc request."""
        start, end = bounds(period)
        rows = self._rows(
            "SELECT l.subject_id, l.reporter_nip, l.line, l.title, l.assigner_nip, t.leader_nip,"
            " u.head_nip AS unit_head, o.appraiser_nip, h.head_nip AS own_unit_head FROM report_lines l"
            " LEFT JOIN teams t ON t.id = l.subject_id LEFT JOIN units u ON u.code = l.owning_unit"
            " LEFT JOIN officials o ON o.nip = l.reporter_nip LEFT JOIN units h ON h.code = o.unit_code"
            " WHERE l.line IN ('MEMBER', 'LEADER', 'INDIVIDUAL') AND l.since <= :end"
            " AND (l.until IS NULL OR l.until >= :start) AND NOT EXISTS (SELECT 1 FROM reports r"
            " WHERE r.subject_id = l.subject_id AND r.reporter_nip = l.reporter_nip AND r.period = :period"
            " AND r.line = l.line) ORDER BY l.subject_id, l.line, l.reporter_nip",
            {"start": start.isoformat(), "end": end.isoformat(), "period": period},
        )
        due = (end + timedelta(days=1)).isoformat()
        out = []
        for r in rows:
            line = {
                "INDIVIDUAL": profile.reporting.individual_reports_to,
                "LEADER": profile.reporting.leader_reports_to,
                "MEMBER": profile.reporting.member_reports_to
                if r["leader_nip"]  # else where the leader would
                else profile.reporting.leader_reports_to,
            }[r["line"]]
            by_role = {
                Role.TEAM_LEADER: r["leader_nip"],
                Role.OWNING_UNIT_HEAD: r["unit_head"],
                Role.OFFICIAL_APPRAISER: r["appraiser_nip"],
                Role.ASSIGNER: r["assigner_nip"],
                Role.OFFICIAL_UNIT_HEAD: r["own_unit_head"],
            }
            to = list(dict.fromkeys(n for n in (by_role.get(role) for role in line.roles) if n))
            team_id = None if r["line"] == "INDIVIDUAL" else r["subject_id"]
            out.append(
                {
                    "kind": r["line"],
                    "reporter_nip": r["reporter_nip"],
                    "recipient_nips": to,
                    "team_id": team_id,
                    "subject_id": r["subject_id"],
                    "title": r["title"],
                    "period": period,
                    "since": due,
                    "request_id": None,
                    "about": None,
                }
            )
        for q in self.report_requests(status="OPEN"):
            out.append(
                {
                    "kind": "ON_REQUEST",
                    "reporter_nip": q["official_nip"],
                    "recipient_nips": [q["requester_nip"]],
                    "team_id": q["team_id"],
                    "subject_id": q["subject_id"],
                    "title": None,
                    "period": None,
                    "since": q["requested_at"],
                    "request_id": q["id"],
                    "about": q["about"],
                }
            )
        return [
            o
            for o in out
            if (not reporter_nip or o["reporter_nip"] == reporter_nip)
            and (not recipient_nip or recipient_nip in o["recipient_nips"])
        ]
