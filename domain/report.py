"""Reports (laporan pelaksanaan tugas): the design card's *reported* family.

A Report is a fact about one reporter, one period and one line (member to leader, leader up,
individual up, or in answer to a request); it never changes, so each is its own small stream.
A ReportRequest is an obligation that stays open until a report answers it.
"""

from enum import Enum
from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event

from domain.errors import Conflict


class ReportLineKind(str, Enum):
    """The line a report went up (a report obligation's kind is one of the first four)."""

    MEMBER = "MEMBER"  # a member to the leader
    LEADER = "LEADER"  # the leader up
    INDIVIDUAL = "INDIVIDUAL"  # an official on individual work up
    ON_REQUEST = "ON_REQUEST"  # in answer to a request
    FORWARDED = "FORWARDED"  # passed up one tier (the profile's common.reports_forwarded_by_tier)


MEMBER, LEADER, INDIVIDUAL, ON_REQUEST, FORWARDED = (k.value for k in ReportLineKind)


class SubjectKind(str, Enum):
    """What a report, request, escalation or evaluation is about: a team's work or an individual
    assignment."""

    TEAM = "TEAM"
    ASSIGNMENT = "ASSIGNMENT"


class ReportRequestStatus(str, Enum):
    OPEN = "OPEN"
    ANSWERED = "ANSWERED"


OPEN, ANSWERED = (s.value for s in ReportRequestStatus)


class Report(Aggregate):
    @staticmethod
    def create_id(**_: Any):
        return uuid4()

    @event("Reported")
    def __init__(
        self,
        line: str,
        reporter_nip: str,
        subject_id: str | None,
        team_id: str | None,
        unit_code: str,
        period: str,
        text: str,
        progress: list[dict],
        attachments: list[str],
        recipients: list[dict],
        in_reply_to: str | None,
        decision: dict,
        forwarded_from: str | None = None,
    ):
        self.line, self.reporter_nip = line, reporter_nip
        self.subject_id, self.team_id, self.owning_unit = subject_id, team_id, unit_code
        self.period, self.text, self.progress, self.attachments = period, text, progress, attachments
        self.recipients = recipients  # [{nip, name, role}] who it is addressed to
        self.in_reply_to, self.forwarded_from = in_reply_to, forwarded_from
        self.legal_basis = decision["legal_basis"]


class ReportRequest(Aggregate):
    @staticmethod
    def create_id(**_: Any):
        return uuid4()

    @event("Requested")
    def __init__(
        self,
        requester_nip: str,
        official_nip: str,
        subject_id: str | None,
        team_id: str | None,
        unit_code: str,
        about: str,
        decision: dict,
    ):
        self.requester_nip, self.official_nip = requester_nip, official_nip
        self.subject_id, self.team_id, self.owning_unit, self.about = subject_id, team_id, unit_code, about
        self.status = OPEN
        self.report_id: str | None = None

    @event("Answered")
    def answer(self, report_id: str) -> None:
        self.status, self.report_id = ANSWERED, report_id

    def expect_open(self) -> None:
        if self.status != OPEN:
            raise Conflict("REPORT_REQUEST_ANSWERED", report_id=self.report_id)
