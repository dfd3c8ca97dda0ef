"""The dossier of one official for a period: every piece of evidence the read models hold, each
read through the model that owns it. Periods are effective periods (the assignment's period, the
member's effective join), not the days things were recorded."""

from typing import Any

from projections.engine.codec import Row, decoded
from projections.engine.store import ViewStore
from projections.evaluations.queries import EvaluationQueries
from projections.evidence.periods import Span
from projections.organisation.queries import OrganisationQueries
from projections.performance.queries import PerformanceQueries
from projections.reports.queries import ReportQueries
from projections.teams.queries import TeamQueries
from projections.work_plans.queries import WorkPlanQueries

_TEAM_JSON = ("recipients", "results")


class EvidenceQueries:
    def __init__(self, store: ViewStore):
        self.store = store

    def assignments_of(self, nip: str, s: Span) -> list[Row]:
        """Assignments naming the official whose period overlaps the span."""
        return self.store.query(
            "SELECT a.* FROM assignments a JOIN assignment_officials o ON o.assignment_id = a.id"
            " WHERE o.nip = :nip AND a.period_start <= :last AND a.period_end >= :first ORDER BY a.position",
            {"nip": nip, "first": s.first.isoformat(), "last": s.last.isoformat()},
        )

    def memberships(self, nip: str, s: Span) -> list[Row]:
        """The official's places in teams in effect during the span: as a member (from their
        assignment's start until they left) or as its head (from the appointment)."""
        params = {"nip": nip, "first": s.first.isoformat(), "last": s.last.isoformat()}
        members = self.store.query(
            "SELECT m.team_id, m.role, COALESCE(a.period_start, substr(m.joined_at, 1, 10)) AS since,"
            " substr(m.left_at, 1, 10) AS until FROM team_members m"
            " LEFT JOIN assignments a ON a.id = m.assignment_id WHERE m.nip = :nip"
            " AND COALESCE(a.period_start, substr(m.joined_at, 1, 10)) <= :last"
            " AND (m.left_at IS NULL OR substr(m.left_at, 1, 10) >= :first) ORDER BY since, m.team_id",
            params,
        )
        heads = self.store.query(
            "SELECT team_id, title AS role, start_on AS since, end_on AS until FROM team_heads"
            " WHERE nip = :nip AND start_on <= :last AND (end_on IS NULL OR end_on > :first)"
            " ORDER BY start_on, team_id",
            params,
        )
        return heads + members

    def member_performance(self, nip: str, s: Span) -> list[Row]:
        rows = decoded(
            self.store.query(
                "SELECT * FROM member_performance WHERE nip = :nip ORDER BY period, team_id", {"nip": nip}
            ),
            _TEAM_JSON,
        )
        return [r for r in rows if r["period"] in s.periods]

    def reports_by(self, nip: str, s: Span) -> list[Row]:
        queries = ReportQueries(self.store)
        return [r for p in s.periods for r in queries.reports(reporter_nip=nip, period=p)]

    def evaluations(self, subject_ids: list[str]) -> list[tuple[Row, list[Row]]]:
        queries = EvaluationQueries(self.store)
        out = []
        for subject in dict.fromkeys(subject_ids):
            for row in queries.evaluations(subject_id=subject):
                out.append((row, queries.evaluation_steps(subject)))
        return out

    def expectations_of(self, nip: str, subjects: list[str], s: Span) -> list[Row]:
        """The official's agreed (or awaited) expectations on the work of the span: on its subjects,
        or stating a period that overlaps it."""
        first, last = s.first.isoformat(), s.last.isoformat()
        return [
            e
            for e in PerformanceQueries(self.store).expectations(nip=nip)
            if e["subject_id"] in subjects
            or (
                (e["period_start"] or "") <= last
                and (e["period_end"] or "9999") >= first
                and e["period_start"]
            )
        ]

    def feedback_received(self, nip: str, subjects: list[str], s: Span) -> list[Row]:
        """Feedback on the work of the span (its subjects), or given during it."""
        first, last = s.first.isoformat(), s.last.isoformat()
        return [
            f
            for f in PerformanceQueries(self.store).feedback(receiver_nip=nip)
            if f["subject_id"] in subjects or first <= f["given_on"][:10] <= last
        ]

    def plan_items(self, ids: list[str | None]) -> list[Row]:
        """The plan items named (by the assignments and teams that serve them), each once."""
        queries = WorkPlanQueries(self.store)
        found = (queries.item(i) for i in dict.fromkeys(i for i in ids if i))
        return sorted((r for r in found if r), key=lambda r: (r["year"], r["unit_code"], r["code"]))

    def dossier(self, nip: str, s: Span) -> dict[str, Any]:
        organisation = OrganisationQueries(self.store)
        assignments = self.assignments_of(nip, s)
        memberships = self.memberships(nip, s)
        teams = TeamQueries(self.store)
        team_rows = {m["team_id"]: teams.team(m["team_id"]) for m in memberships}
        subjects = [a["id"] for a in assignments] + list(team_rows)
        return {
            "official": organisation.official(nip),
            "assignments": assignments,
            "memberships": [{**m, "team": team_rows[m["team_id"]]} for m in memberships],
            "reports": self.reports_by(nip, s),
            "evaluations": self.evaluations(subjects),
            "plan_items": self.plan_items(
                [a.get("plan_item_id") for a in assignments]
                + [(t or {}).get("plan_item_id") for t in team_rows.values()]
            ),
            "member_performance": self.member_performance(nip, s),
            "expectations": self.expectations_of(nip, subjects, s),
            "feedback": self.feedback_received(nip, subjects, s),
            "recommendations": [
                r for r in organisation.appraisal_recommendations(nip) if int(r["year"]) == s.year
            ],
        }
