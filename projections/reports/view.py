"""Read model of reporting: reports made, ad-hoc requests (open until answered), and the standing
report lines of team members, leaders and officials on individual work, from which periodic
obligations are computed."""

from typing import Any

import orjson
from eventsourcing.persistence import Notification

from domain.assignment import Assignment
from domain.report import Report, ReportRequest
from domain.team import Team
from projections.engine.codec import dumps
from projections.engine.dispatch import eventmethod
from projections.engine.store import Cursor

DDL = [
    "CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, line TEXT NOT NULL, reporter_nip TEXT NOT NULL,"
    " subject_id TEXT, team_id TEXT, owning_unit TEXT NOT NULL, period TEXT NOT NULL, text TEXT NOT NULL,"
    " progress TEXT NOT NULL, attachments TEXT NOT NULL, recipients TEXT NOT NULL, in_reply_to TEXT,"
    " forwarded_from TEXT, reported_at TEXT NOT NULL, legal_basis TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS reports_reporter ON reports (reporter_nip, period)",
    "CREATE INDEX IF NOT EXISTS reports_subject ON reports (subject_id, period)",
    "CREATE TABLE IF NOT EXISTS report_recipients (report_id TEXT NOT NULL, nip TEXT NOT NULL,"
    " role TEXT NOT NULL, PRIMARY KEY (report_id, nip))",
    "CREATE TABLE IF NOT EXISTS report_requests (id TEXT PRIMARY KEY, requester_nip TEXT NOT NULL,"
    " official_nip TEXT NOT NULL, subject_id TEXT, team_id TEXT, owning_unit TEXT NOT NULL,"
    " about TEXT NOT NULL, status TEXT NOT NULL, requested_at TEXT NOT NULL, legal_basis TEXT NOT NULL,"
    " answered_at TEXT, report_id TEXT)",
    "CREATE INDEX IF NOT EXISTS report_requests_official ON report_requests (official_nip, status)",
    "CREATE TABLE IF NOT EXISTS report_lines (subject_id TEXT NOT NULL, reporter_nip TEXT NOT NULL,"
    " line TEXT NOT NULL, title TEXT NOT NULL, owning_unit TEXT NOT NULL, assigner_nip TEXT,"
    " since TEXT NOT NULL, until TEXT, PRIMARY KEY (subject_id, reporter_nip, line, since))",
    # Individual assignments as far as their lines need them, kept here so the view reads only its own tables.
    "CREATE TABLE IF NOT EXISTS report_assignments (id TEXT PRIMARY KEY, owning_unit TEXT NOT NULL,"
    " team INTEGER NOT NULL, work TEXT NOT NULL, officials TEXT NOT NULL)",
]


def _at(event: Any) -> str:
    return event.timestamp.isoformat()


class ReportsView:
    tables = ["report_assignments", "report_lines", "report_requests", "report_recipients", "reports"]
    ddl = DDL

    def apply(self, cursor: Cursor, event: Any, notification: Notification) -> None:
        self.on(event, cursor)

    @eventmethod
    def on(self, event: Any, cursor: Cursor) -> None:
        """Other events change no report."""

    @on.register
    def _(self, e: Report.Reported, cursor: Cursor) -> None:
        rid = str(e.originator_id)
        cursor.execute(
            "INSERT INTO reports (id, line, reporter_nip, subject_id, team_id, owning_unit, period, text,"
            " progress, attachments, recipients, in_reply_to, forwarded_from, reported_at, legal_basis)"
            " VALUES (:id, :line, :reporter, :subject, :team, :unit, :period, :text, :progress, :attachments,"
            " :recipients, :reply, :forwarded, :at, :basis)",
            {
                "id": rid,
                "line": e.line,
                "reporter": e.reporter_nip,
                "subject": e.subject_id,
                "team": e.team_id,
                "unit": e.unit_code,
                "period": e.period,
                "text": e.text,
                "progress": dumps(e.progress),
                "attachments": dumps(e.attachments),
                "recipients": dumps(e.recipients),
                "reply": e.in_reply_to,
                "forwarded": getattr(e, "forwarded_from", None),
                "at": _at(e),
                "basis": e.decision["legal_basis"],
            },
        )
        for r in e.recipients:
            cursor.execute(
                "INSERT INTO report_recipients (report_id, nip, role) VALUES (:id, :nip, :role)",
                {"id": rid, "nip": r["nip"], "role": r["role"]},
            )

    @on.register
    def _(self, e: ReportRequest.Requested, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO report_requests (id, requester_nip, official_nip, subject_id, team_id, owning_unit,"
            " about, status, requested_at, legal_basis) VALUES (:id, :requester, :official, :subject, :team,"
            " :unit, :about, 'OPEN', :at, :basis)",
            {
                "id": str(e.originator_id),
                "requester": e.requester_nip,
                "official": e.official_nip,
                "subject": e.subject_id,
                "team": e.team_id,
                "unit": e.unit_code,
                "about": e.about,
                "at": _at(e),
                "basis": e.decision["legal_basis"],
            },
        )

    @on.register
    def _(self, e: ReportRequest.Answered, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE report_requests SET status = 'ANSWERED', answered_at = :at, report_id = :report"
            " WHERE id = :id",
            {"at": _at(e), "report": e.report_id, "id": str(e.originator_id)},
        )

    # --- the standing lines: a member reports to the leader, the leader up, an individual up -----

    @on.register
    def _(self, e: Team.Formed, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO report_lines (subject_id, reporter_nip, line, title, owning_unit, assigner_nip,"
            " since) VALUES (:id, '', 'TEAM', :title, :unit, :by, :at)",
            {
                "id": str(e.originator_id),
                "title": e.name,
                "unit": e.unit_code,
                "by": e.decision["actor_nip"],
                "at": e.period_start,
            },
        )

    @on.register
    def _(self, e: Team.LeaderAppointed, cursor: Cursor) -> None:
        self._end(cursor, e, "LEADER", None)
        self._open(cursor, e, e.nip, "LEADER")

    @on.register
    def _(self, e: Team.MemberJoined, cursor: Cursor) -> None:
        self._open(cursor, e, e.nip, "MEMBER")

    @on.register
    def _(self, e: Team.MemberLeft, cursor: Cursor) -> None:
        self._end(cursor, e, "MEMBER", e.nip)
        self._end(cursor, e, "LEADER", e.nip)

    @on.register
    def _(self, e: Team.Dissolved, cursor: Cursor) -> None:
        self._end_all(cursor, str(e.originator_id), e.on)

    @on.register
    def _(self, e: Assignment.Requested, cursor: Cursor) -> None:
        cursor.execute(
            "INSERT INTO report_assignments (id, owning_unit, team, work, officials)"
            " VALUES (:id, :unit, :team, :work, :officials)",
            {
                "id": str(e.originator_id),
                "unit": e.owning_unit,
                "team": 1 if e.team else 0,
                "work": e.work,
                "officials": dumps(e.officials),
            },
        )

    @on.register
    def _(self, e: Assignment.OfficialsNamed, cursor: Cursor) -> None:
        cursor.execute(
            "UPDATE report_assignments SET officials = :officials WHERE id = :id",
            {"officials": dumps(e.officials), "id": str(e.originator_id)},
        )

    @on.register
    def _(self, e: Assignment.LetterIssued, cursor: Cursor) -> None:
        """Individual work is reported from the day the letter is issued (team work through the team)."""
        cursor.execute(
            "SELECT * FROM report_assignments WHERE id = :id AND team = 0", {"id": str(e.originator_id)}
        )
        work = cursor.fetchone()
        for official in orjson.loads(work["officials"]) if work else []:
            cursor.execute(
                "INSERT INTO report_lines"
                " (subject_id, reporter_nip, line, title, owning_unit, assigner_nip, since)"
                " VALUES (:id, :nip, 'INDIVIDUAL', :title, :unit, :by, :since) ON CONFLICT DO NOTHING",
                {
                    "id": work["id"],
                    "nip": official["nip"],
                    "title": work["work"],
                    "unit": work["owning_unit"],
                    "by": e.decision["actor_nip"],
                    "since": e.issued_on,
                },
            )

    @on.register
    def _(self, e: Assignment.Ended, cursor: Cursor) -> None:
        self._end_all(cursor, str(e.originator_id), e.on)

    @on.register
    def _(self, e: Assignment.Withdrawn, cursor: Cursor) -> None:
        self._end_all(cursor, str(e.originator_id), e.timestamp.date().isoformat())

    def _end_all(self, cursor: Cursor, subject_id: str, until: str) -> None:
        cursor.execute(
            "UPDATE report_lines SET until = :until WHERE subject_id = :id AND until IS NULL",
            {"until": until, "id": subject_id},
        )

    def _open(self, cursor: Cursor, e: Any, nip: str, line: str) -> None:
        cursor.execute(
            "INSERT INTO report_lines"
            " (subject_id, reporter_nip, line, title, owning_unit, assigner_nip, since)"
            " SELECT subject_id, :nip, :line, title, owning_unit, assigner_nip, :since FROM report_lines"
            " WHERE subject_id = :id AND line = 'TEAM'"
            " ON CONFLICT (subject_id, reporter_nip, line, since) DO UPDATE SET until = NULL",
            {"nip": nip, "line": line, "since": e.timestamp.date().isoformat(), "id": str(e.originator_id)},
        )

    def _end(self, cursor: Cursor, e: Any, line: str, nip: str | None) -> None:
        cursor.execute(
            "UPDATE report_lines SET until = :until WHERE subject_id = :id AND line = :line AND until IS NULL"
            " AND (:nip = '' OR reporter_nip = :nip)",
            {
                "until": e.timestamp.date().isoformat(),
                "id": str(e.originator_id),
                "line": line,
                "nip": nip or "",
            },
        )
