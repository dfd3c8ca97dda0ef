"""Read model of teams: the team (leader, targets, status), its members with their roles and
units, and the leader's performance input per member and period (the Matriks Peran Hasil)."""

from typing import Any

from eventsourcing.persistence import Notification

from domain.team import HeadTitle, Team, status_after
from domain.transformation_team import TransformationTeam
from projections.engine.codec import dumps
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, owning_unit TEXT NOT NULL,"
    " scope TEXT NOT NULL, status TEXT NOT NULL, leader_nip TEXT, tasks TEXT NOT NULL, targets TEXT NOT NULL,"
    " planned_members TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL,"
    " formed_by TEXT NOT NULL, formed_at TEXT NOT NULL, legal_basis TEXT NOT NULL, leader_warnings TEXT,"
    " dissolved_at TEXT, dissolve_reason TEXT, plan_item_id TEXT)",
    "CREATE INDEX IF NOT EXISTS teams_unit ON teams (owning_unit, id)",
    "CREATE TABLE IF NOT EXISTS team_members (team_id TEXT NOT NULL, nip TEXT NOT NULL, role TEXT NOT NULL,"
    " unit_code TEXT, assignment_id TEXT NOT NULL, joined_at TEXT NOT NULL, left_at TEXT, left_reason TEXT,"
    " PRIMARY KEY (team_id, nip, joined_at))",
    "CREATE INDEX IF NOT EXISTS team_members_nip ON team_members (nip)",
    "CREATE TABLE IF NOT EXISTS member_performance (team_id TEXT NOT NULL, period TEXT NOT NULL,"
    " nip TEXT NOT NULL, role TEXT NOT NULL, recipients TEXT NOT NULL, results TEXT NOT NULL,"
    " contribution TEXT NOT NULL, recorded_at TEXT NOT NULL, legal_basis TEXT NOT NULL,"
    " PRIMARY KEY (team_id, period, nip))",
    # Who headed the team (Ketua Tim or Koordinator) from which day: end_on is the first day he no
    # longer did (replacement, removal, dissolution), NULL while he does (the teamHeadDays export).
    "CREATE TABLE IF NOT EXISTS team_heads (team_id TEXT NOT NULL, nip TEXT NOT NULL, title TEXT NOT NULL,"
    " start_on TEXT NOT NULL, end_on TEXT, experience TEXT, eligibility TEXT, legal_basis TEXT NOT NULL,"
    " appointed_at TEXT NOT NULL,"
    " PRIMARY KEY (team_id, appointed_at))",
    "CREATE INDEX IF NOT EXISTS team_heads_days ON team_heads (start_on, end_on)",
    "CREATE TABLE IF NOT EXISTS team_decrees (team_id TEXT PRIMARY KEY, number TEXT NOT NULL,"
    " decided_on TEXT NOT NULL, signed_by TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS team_pptk (team_id TEXT PRIMARY KEY, nip TEXT NOT NULL,"
    " valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, decree_number TEXT NOT NULL,"
    " decree_date TEXT NOT NULL,"
    " decree_signed_by TEXT NOT NULL, designated_by TEXT NOT NULL, legal_basis TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS team_member_proposals (team_id TEXT NOT NULL, nip TEXT NOT NULL,"
    " role TEXT NOT NULL, proposed_by TEXT NOT NULL, proposed_at TEXT NOT NULL, PRIMARY KEY (team_id, nip))",
    "CREATE TABLE IF NOT EXISTS transformation_teams (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " decree_number TEXT NOT NULL, decree_date TEXT NOT NULL, decree_signed_by TEXT NOT NULL,"
    " members TEXT NOT NULL, legal_basis TEXT NOT NULL, recorded_by TEXT NOT NULL,"
    " recorded_at TEXT NOT NULL)",
]


def _at(event: Any) -> str:
    return event.timestamp.isoformat()


class TeamsView:
    tables = [
        "transformation_teams",
        "team_member_proposals",
        "team_pptk",
        "team_decrees",
        "team_heads",
        "member_performance",
        "team_members",
        "teams",
    ]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Other events do not change teams."""

    @on.register
    def _(self, e: Team.Formed, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO teams (id, name, owning_unit, scope, status, tasks, targets, planned_members,"
            " period_start, period_end, formed_by, formed_at, legal_basis, plan_item_id)"
            " VALUES (:id, :name, :unit, :scope, :status, :tasks, :targets, :planned, :start, :end, :by,"
            " :at, :basis, :plan_item)",
            {
                "id": str(e.originator_id),
                "status": status_after("Formed"),
                "name": e.name,
                "unit": e.unit_code,
                "scope": e.scope,
                "tasks": dumps(e.tasks),
                "targets": dumps(e.targets),
                "planned": dumps(e.planned_members),
                "start": e.period_start,
                "end": e.period_end,
                "by": e.decision["actor_nip"],
                "at": _at(e),
                "basis": e.decision["legal_basis"],
                "plan_item": getattr(e, "plan_item_id", None),  # absent before issue 11
            },
        )
        decree = e.decision.get("decree")
        if decree:
            cursor.execute(
                "INSERT INTO team_decrees (team_id, number, decided_on, signed_by) VALUES (:id, :n, :d, :s)",
                {
                    "id": str(e.originator_id),
                    "n": decree["number"],
                    "d": decree["date"],
                    "s": decree["signed_by"],
                },
            )

    @on.register
    def _(self, e: Team.LeaderAppointed, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE teams SET leader_nip = :nip, leader_warnings = :w WHERE id = :id",
            {"nip": e.nip, "w": dumps(e.warnings_confirmed), "id": str(e.originator_id)},
        )
        _head(cursor, e, HeadTitle.KETUA_TIM, getattr(e, "experience", None))

    @on.register
    def _(self, e: Team.CoordinatorAppointed, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE teams SET leader_nip = :nip, leader_warnings = NULL WHERE id = :id",
            {"nip": e.nip, "id": str(e.originator_id)},
        )
        _head(cursor, e, HeadTitle.KOORDINATOR, e.experience)

    @on.register
    def _(self, e: Team.PptkDesignated, cursor: Cursor) -> None:
        params = {
            "id": str(e.originator_id),
            "nip": e.nip,
            "from": e.valid_from,
            "until": e.valid_until,
            "number": e.decree["number"],
            "date": e.decree["date"],
            "signed": e.decree["signed_by"],
            "by": e.decision["actor_nip"],
            "basis": e.decision["legal_basis"],
        }
        cursor.execute("DELETE FROM team_pptk WHERE team_id = :id", params)
        cursor.execute(
            "INSERT INTO team_pptk (team_id, nip, valid_from, valid_until, decree_number, decree_date,"
            " decree_signed_by, designated_by, legal_basis) VALUES (:id, :nip, :from, :until, :number, :date,"
            " :signed, :by, :basis)",
            params,
        )

    @on.register
    def _(self, e: Team.MembersProposed, cursor: Cursor) -> None:
        for m in e.members:
            params = {
                "id": str(e.originator_id),
                "nip": m["nip"],
                "role": m["role"],
                "by": e.decision["actor_nip"],
                "at": _at(e),
            }
            cursor.execute("DELETE FROM team_member_proposals WHERE team_id = :id AND nip = :nip", params)
            cursor.execute(
                "INSERT INTO team_member_proposals (team_id, nip, role, proposed_by, proposed_at)"
                " VALUES (:id, :nip, :role, :by, :at)",
                params,
            )

    @on.register
    def _(self, e: Team.MemberJoined, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO team_members (team_id, nip, role, unit_code, assignment_id, joined_at)"
            " VALUES (:id, :nip, :role, :unit, :assignment, :at)",
            {
                "id": str(e.originator_id),
                "nip": e.nip,
                "role": e.role,
                "unit": e.member_unit,
                "assignment": e.assignment_id,
                "at": _at(e),
            },
        )

    @on.register
    def _(self, e: Team.MemberRoleChanged, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE team_members SET role = :role WHERE team_id = :id AND nip = :nip AND left_at IS NULL",
            {"role": e.role, "id": str(e.originator_id), "nip": e.nip},
        )

    @on.register
    def _(self, e: Team.MemberLeft, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE team_members SET left_at = :at, left_reason = :reason"
            " WHERE team_id = :id AND nip = :nip AND left_at IS NULL",
            {"at": _at(e), "reason": e.decision.get("reason"), "id": str(e.originator_id), "nip": e.nip},
        )
        cursor.execute(
            "UPDATE teams SET leader_nip = NULL WHERE id = :id AND leader_nip = :nip",
            {"id": str(e.originator_id), "nip": e.nip},
        )
        params = {"id": str(e.originator_id), "nip": e.nip, "day": _day(e)}
        cursor.execute(
            "UPDATE team_heads SET end_on = :day WHERE team_id = :id AND nip = :nip AND end_on IS NULL",
            params,
        )
        cursor.execute("DELETE FROM team_pptk WHERE team_id = :id AND nip = :nip", params)

    @on.register
    def _(self, e: Team.MemberPerformanceReported, cursor: Cursor) -> None:
        params = {
            "id": str(e.originator_id),
            "period": e.period,
            "nip": e.nip,
            "role": e.role,
            "recipients": dumps(e.recipients),
            "results": dumps(e.results),
            "contribution": e.contribution,
            "at": _at(e),
            "basis": e.decision["legal_basis"],
        }
        cursor.execute(
            "DELETE FROM member_performance WHERE team_id = :id AND period = :period AND nip = :nip", params
        )
        cursor.execute(
            "INSERT INTO member_performance (team_id, period, nip, role, recipients, results, contribution,"
            " recorded_at, legal_basis) VALUES (:id, :period, :nip, :role, :recipients, :results,"
            " :contribution, :at, :basis)",
            params,
        )

    @on.register
    def _(self, e: Team.Dissolved, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE teams SET status = :status, dissolved_at = :on, dissolve_reason = :reason WHERE id = :id",
            {
                "status": status_after("Dissolved"),
                "on": e.on,
                "reason": e.decision.get("reason"),
                "id": str(e.originator_id),
            },
        )
        cursor.execute(
            "UPDATE team_members SET left_at = :at WHERE team_id = :id AND left_at IS NULL",
            {"at": _at(e), "id": str(e.originator_id)},
        )
        cursor.execute(
            "UPDATE team_heads SET end_on = :day WHERE team_id = :id AND end_on IS NULL",
            {"day": e.on, "id": str(e.originator_id)},
        )

    @on.register
    def _(self, e: TransformationTeam.Fixed, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO transformation_teams (id, name, decree_number, decree_date, decree_signed_by,"
            " members, legal_basis, recorded_by, recorded_at) VALUES (:id, :name, :number, :date, :signed,"
            " :members, :basis, :by, :at)",
            {
                "id": str(e.originator_id),
                "name": e.name,
                "number": e.decree["number"],
                "date": e.decree["date"],
                "signed": e.decree["signed_by"],
                "members": dumps(e.members),
                "basis": e.decision["legal_basis"],
                "by": e.decision["actor_nip"],
                "at": _at(e),
            },
        )


def _day(event: Any) -> str:
    return event.timestamp.date().isoformat()


def _head(cursor: Cursor, e: Any, title: HeadTitle, experience: dict | None) -> None:
    """The previous head's term ends the day this one's begins; the same head appointed again
    under the same title goes on in his term. A new head does not inherit a PPTK designation."""
    params = {
        "id": str(e.originator_id),
        "nip": e.nip,
        "title": title.value,
        "day": _day(e),
        "experience": dumps(experience) if experience else None,
        "eligibility": e.eligibility,
        "basis": e.decision["legal_basis"],
        "at": _at(e),
    }
    cursor.execute(
        "UPDATE team_heads SET end_on = :day WHERE team_id = :id AND end_on IS NULL"
        " AND (nip <> :nip OR title <> :title)",
        params,
    )
    cursor.execute(
        "INSERT INTO team_heads (team_id, nip, title, start_on, experience, eligibility, legal_basis,"
        " appointed_at) SELECT :id, :nip, :title, :day, :experience, :eligibility, :basis, :at"
        " WHERE NOT EXISTS (SELECT 1 FROM team_heads WHERE team_id = :id AND end_on IS NULL)",
        params,
    )
    cursor.execute("DELETE FROM team_pptk WHERE team_id = :id AND nip <> :nip", params)
    if title is HeadTitle.KOORDINATOR:
        cursor.execute("DELETE FROM team_pptk WHERE team_id = :id", params)
