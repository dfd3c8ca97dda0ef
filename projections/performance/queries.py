"""Questions the performance read model answers: expectations, work breakdowns, individual plans,
feedback, and what is pending (a dialogue not held or not agreed after the tenant's period) or
overdue (no feedback within the tenant's period), computed on the standing report lines."""

from datetime import date, timedelta

from domain.profile import CitedRoles, Profile, Role
from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore

_JSON = ("results", "items", "capacity")

# The standing lines of work (projections.reports) with who holds each role over it today.
_LINES = (
    "SELECT l.subject_id, l.reporter_nip AS nip, l.line, l.title, l.owning_unit, l.since,"
    " t.leader_nip, u.head_nip AS unit_head, g.head_nip AS agency_head,"
    " o.appraiser_nip, h.head_nip AS own_unit_head FROM report_lines l"
    " LEFT JOIN teams t ON t.id = l.subject_id LEFT JOIN units u ON u.code = l.owning_unit"
    " LEFT JOIN units g ON g.code = u.agency_code"
    " LEFT JOIN officials o ON o.nip = l.reporter_nip LEFT JOIN units h ON h.code = o.unit_code"
    " WHERE l.line IN ('MEMBER', 'LEADER', 'INDIVIDUAL') AND l.until IS NULL AND l.since <= :day"
)


def _holders(rule: CitedRoles, r: Row) -> list[str]:
    by_role = {
        Role.TEAM_LEADER: r["leader_nip"],
        Role.OWNING_UNIT_HEAD: r["unit_head"],
        Role.OWNING_AGENCY_HEAD: r["agency_head"],
        Role.OFFICIAL_APPRAISER: r["appraiser_nip"] or r["own_unit_head"],
        Role.OFFICIAL_UNIT_HEAD: r["own_unit_head"],
    }
    found = (by_role.get(role) for role in rule.roles)
    return [n for n in dict.fromkeys(found) if n and n != r["nip"]]


def _kind(r: Row) -> str:
    return "ASSIGNMENT" if r["line"] == "INDIVIDUAL" else "TEAM"


class PerformanceQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def _rows(self, sql: str, params: dict | None = None) -> list[Row]:
        return decoded(self.store.query(sql, params or {}), _JSON)

    def _filtered(self, table: str, order: str, **equal: str | None) -> list[Row]:
        where = [f"{k} = :{k}" for k, v in equal.items() if v]
        sql = f"SELECT * FROM {table} WHERE {' AND '.join(where) or '1 = 1'} ORDER BY {order}"
        return self._rows(sql, {k: v for k, v in equal.items() if v})

    def expectations(
        self, *, subject_id: str | None = None, nip: str | None = None, counterpart_nip: str | None = None
    ) -> list[Row]:
        return self._filtered(
            "expectations", "recorded_at, id", subject_id=subject_id, nip=nip, counterpart_nip=counterpart_nip
        )

    def work_breakdowns(self, *, team_id: str | None = None) -> list[Row]:
        return self._filtered("work_breakdowns", "recorded_at, id", team_id=team_id)

    def individual_plans(self, *, team_id: str | None = None, nip: str | None = None) -> list[Row]:
        return self._filtered("individual_plans", "team_id, nip", team_id=team_id, nip=nip)

    def feedback(
        self,
        *,
        subject_id: str | None = None,
        giver_nip: str | None = None,
        receiver_nip: str | None = None,
    ) -> list[Row]:
        return self._filtered(
            "feedback", "given_at, id", subject_id=subject_id, giver_nip=giver_nip, receiver_nip=receiver_nip
        )

    def _superior(self, giver: str, r: Row) -> str | None:
        """Above a giver: the head of the unit above the one the giver heads; above a giver who
        heads no unit (a team leader), the head of the unit owning the work."""
        found = self.store.query(
            "SELECT p.head_nip FROM officials o JOIN units u ON u.code = o.head_of"
            " LEFT JOIN units p ON p.code = u.parent_code WHERE o.nip = :nip",
            {"nip": giver},
        )
        above = found[0]["head_nip"] if found else r["unit_head"]
        return above if above != giver else None

    def pending_dialogues(self, profile: Profile, day: date, nip: str | None = None) -> list[Row]:
        """Work whose dialogue is not recorded, or not agreed, `due.days` after it began — shown to
        the official and to those who may hold it with them."""
        dialogue = profile.performance.dialogue
        if not dialogue.compulsory:
            return []
        cutoff = day - timedelta(days=dialogue.due.days)
        rows = self._rows(
            f"SELECT x.*, e.revision, e.counterpart_nip FROM ({_LINES}) x LEFT JOIN expectations e"
            " ON e.subject_id = x.subject_id AND e.nip = x.nip WHERE e.agreed_at IS NULL"
            " ORDER BY x.since, x.subject_id, x.nip",
            {"day": cutoff.isoformat()},
        )
        out = []
        for r in rows:
            rule = dialogue.individual_with if r["line"] == "INDIVIDUAL" else dialogue.team_with
            counterparts = _holders(rule, r)
            if nip and nip != r["nip"] and nip not in counterparts and nip != r["counterpart_nip"]:
                continue
            due = date.fromisoformat(r["since"][:10]) + timedelta(days=dialogue.due.days)
            out.append(
                {
                    "subject_kind": _kind(r),
                    "subject_id": r["subject_id"],
                    "title": r["title"],
                    "nip": r["nip"],
                    "counterpart_nips": counterparts,
                    "state": "NOT_RECORDED" if r["revision"] is None else "AWAITING_AGREEMENT",
                    "since": r["since"][:10],
                    "due_on": due.isoformat(),
                }
            )
        return out

    def overdue_feedback(self, profile: Profile, day: date, nip: str | None = None) -> list[Row]:
        """Work on which no one the profile names has given the official feedback within the
        tenant's period (since the work began, or since the last feedback) — shown to the givers and
        to each giver's superior."""
        rules = profile.performance.feedback
        days = rules.period.days
        rows = self._rows(
            f"SELECT x.*, (SELECT MAX(f.given_on) FROM feedback f WHERE f.subject_id = x.subject_id"
            f" AND f.receiver_nip = x.nip) AS last_given_on FROM ({_LINES}) x"
            " ORDER BY x.since, x.subject_id, x.nip",
            {"day": day.isoformat()},
        )
        out = []
        for r in rows:
            start = date.fromisoformat((r["last_given_on"] or r["since"])[:10])
            due = start + timedelta(days=days)
            if due >= day:
                continue
            givers = _holders(rules.on_individual if r["line"] == "INDIVIDUAL" else rules.on_team, r)
            superiors = [
                s for s in dict.fromkeys(self._superior(g, r) for g in givers) if s and s != r["nip"]
            ]
            if nip and nip not in givers and nip not in superiors:
                continue
            out.append(
                {
                    "subject_kind": _kind(r),
                    "subject_id": r["subject_id"],
                    "title": r["title"],
                    "receiver_nip": r["nip"],
                    "giver_nips": givers,
                    "superior_nips": superiors,
                    "last_given_on": r["last_given_on"],
                    "due_on": due.isoformat(),
                }
            )
        return out
