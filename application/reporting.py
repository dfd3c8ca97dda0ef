"""Reports up the lines the profile gives (member -> leader, leader -> unit head or assigner,
individual -> whom the profile says), ad-hoc report requests, and the leader's input on each
member's performance for the member's appraiser."""

from application import checks
from domain.periods import period as check_period
from application.principal import Principal
from application.app import BaseApp
from application.roles import Holder, Work
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.messages import phrase, roles_words
from domain.limits import LINE, TEXT
from domain.profile import ReportLine, cite
from domain.report import INDIVIDUAL, LEADER, MEMBER, ON_REQUEST, Report, ReportRequest


class ReportingCommands(BaseApp):
    def work_of(self, subject, official_nip: str | None) -> Work:
        if type(subject).__name__ == "Team":
            return Work(subject.owning_unit, official_nip, subject.leader_nip, subject.formed_by_nip)
        letter = subject.letter or {}
        return Work(subject.owning_unit, official_nip, None, letter.get("issuer_nip"))

    def recipients(self, line: ReportLine, work: Work) -> list[dict]:
        """Every holder of the line's roles ("dan/atau": the report reaches each of them)."""
        found: dict[str, dict] = {}
        for role in line.roles:
            for h in self.roles.role_holders(role.value, work):
                found.setdefault(h.nip, {"nip": h.nip, "name": h.name, "role": role.value})
        return list(found.values())

    def submit_report(self, actor: Principal, *, subject_id: str, period: str, text: str,
                      progress: list[dict] | None = None, attachments: list[str] | None = None,
                      in_reply_to: str | None = None) -> Report:
        subject = self.repo.subject(subject_id)
        label = check_period(self.profile, period)
        reporting = self.profile.reporting
        request = self.repo.report_request(in_reply_to) if in_reply_to else None
        if type(subject).__name__ == "Team":
            subject.expect_active()
            line_kind = LEADER if actor.nip == subject.leader_nip else MEMBER
            if line_kind == MEMBER:
                subject.expect_member(actor.nip)
            line = reporting.leader_reports_to if line_kind == LEADER else reporting.member_reports_to
            if subject.leader_nip is None:
                line = self.leaderless_line(subject)
            team_id = str(subject.id)
        else:
            if actor.nip not in {o["nip"] for o in subject.officials}:
                raise Forbidden("NOT_YOUR_REPORT")
            line_kind, line, team_id = INDIVIDUAL, reporting.individual_reports_to, None
        recipients = self.recipients(line, self.work_of(subject, actor.nip))
        basis = cite(self.profile, line.citation)
        if request is not None:
            request.expect_open()
            if request.official_nip != actor.nip:
                raise Forbidden("NOT_YOUR_REPORT", case="requested_of_other")
            line_kind, basis = ON_REQUEST, cite(self.profile, reporting.may_request_report.citation)
            requester = self.repo.official(request.requester_nip)
            recipients = [{"nip": requester.nip, "name": requester.name, "role": "REQUESTER"}]
        if not recipients:
            raise InvalidInput("NO_RECIPIENT", roles=roles_words(line.roles))
        report = Report(line=line_kind, reporter_nip=actor.nip, subject_id=str(subject.id), team_id=team_id,
                        unit_code=subject.owning_unit, period=label, text=checks.text(text, TEXT, "text"),
                        progress=[{"target": (p.get("target") or "").strip(), "progress": checks.text(
                            p.get("progress"), LINE, "progress")} for p in progress or []],
                        attachments=[a.strip() for a in attachments or [] if a.strip()], recipients=recipients,
                        in_reply_to=in_reply_to,
                        decision=Decision(actor.nip, Capacity(kind="SELF"), basis).as_event_fields())
        if request is not None:
            request.answer(report_id=str(report.id))
            self.save_decision(report, request)
        else:
            self.save_decision(report)
        return report

    def leaderless_line(self, team) -> ReportLine:
        """Where the profile lets a team work without a leader (its teams.leader_required, e.g. a
        unit head who "dapat menunjuk" one), members report the team's work where the leader would;
        where it requires one, nothing is reported until the leader is appointed."""
        rule = self.profile.teams.leader_required
        if rule.value:
            basis = cite(self.profile, rule.citation)
            raise InvalidInput("LEADER_REQUIRED", legal_basis=basis)
        return self.profile.reporting.leader_reports_to

    def request_report(self, actor: Principal, *, official_nip: str, subject_id: str, about: str) -> ReportRequest:
        """A unit head (or whoever the profile allows) asks for a report at any time."""
        subject = self.repo.subject(subject_id)
        official = self.repo.official(official_nip)
        rule = self.profile.reporting.may_request_report
        work = self.work_of(subject, official.nip)
        holders: list[Holder] = [h for r in rule.roles for h in self.roles.role_holders(r.value, work)]
        capacity = self.roles.acting_capacity(actor.nip, holders,
                                        phrase("request_report", roles=roles_words(rule.roles)))
        team_id = str(subject.id) if type(subject).__name__ == "Team" else None
        request = ReportRequest(requester_nip=actor.nip, official_nip=official.nip, subject_id=str(subject.id),
                                team_id=team_id, unit_code=subject.owning_unit, about=checks.text(about, TEXT, "about"),
                                decision=Decision(actor.nip, capacity, cite(self.profile, rule.citation)).as_event_fields())
        self.save_decision(request)
        return request

    def report_member_performance(self, actor: Principal, *, team_id: str, period: str, nip: str,
                                  contribution: str, results: list[dict] | None = None):
        """The leader's input on a member's performance, addressed to the member's appraiser."""
        team = self.repo.team(team_id)
        team.expect_active()
        if actor.nip != team.leader_nip:
            raise Forbidden("NOT_YOUR_STEP", case="team_leader_reports",
                            holders=[{"nip": team.leader_nip}] if team.leader_nip else [])
        member = team.expect_member(nip)
        line = self.profile.reporting.member_performance_to
        team.report_member_performance(
            period=check_period(self.profile, period), nip=nip, role=member["role"],
            recipients=self.recipients(line, Work(team.owning_unit, nip)),
            results=[{"target": (r.get("target") or "").strip(), "result": checks.text(r.get("result"), LINE, "result")}
                     for r in results or []],
            contribution=checks.text(contribution, TEXT, "contribution"),
            decision=Decision(actor.nip, Capacity(kind="POSITION", unit_code=team.owning_unit, position="TEAM_LEADER"),
                              cite(self.profile, line.citation)).as_event_fields())
        self.save_decision(team)
        return team
