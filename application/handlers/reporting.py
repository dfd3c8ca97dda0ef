"""Reports up the lines the profile gives (member -> leader, leader and individual -> whom the
profile says: the owning unit head, or the appraiser and/or the unit head), passed up tier by tier
(secara berjenjang; the profile's common.reports_forwarded_by_tier), ad-hoc report requests, and
the leader's input on each member's performance for the member's appraiser."""

from application import checks
from application.commands.reporting import ForwardReport, ReportMemberPerformance, RequestReport, SubmitReport
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Holder, Roles, Work
from domain.assignment import Assignment
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import LINE, TEXT
from domain.messages import phrase, roles_words
from domain.periods import period as check_period
from domain.profile import Profile, ReportLine, cite
from domain.report import FORWARDED, INDIVIDUAL, LEADER, MEMBER, ON_REQUEST, Report, ReportRequest
from domain.team import Team


def work_of(subject: Team | Assignment, official_nip: str | None) -> Work:
    if isinstance(subject, Team):
        return Work(subject.owning_unit, official_nip, subject.leader_nip, subject.formed_by_nip)
    letter = subject.letter or {}
    return Work(subject.owning_unit, official_nip, None, letter.get("issuer_nip"))


def recipients(roles: Roles, line: ReportLine, work: Work) -> list[dict]:
    """Every holder of the line's roles ("dan/atau": the report reaches each of them)."""
    found: dict[str, dict] = {}
    for role in line.roles:
        for h in roles.role_holders(role.value, work):
            found.setdefault(h.nip, {"nip": h.nip, "name": h.name, "role": role.value})
    return list(found.values())


def leaderless_line(profile: Profile) -> ReportLine:
    """Where the profile lets a team work without a leader (its teams.leader_required, e.g. a
    unit head who "dapat menunjuk" one), members report the team's work where the leader would;
    where it requires one, nothing is reported until the leader is appointed."""
    rule = profile.teams.leader_required
    if rule.value:
        basis = cite(profile, rule.citation)
        raise InvalidInput("LEADER_REQUIRED", legal_basis=basis)
    return profile.reporting.leader_reports_to


def _reported(report: Report) -> dict:
    """What the caller reads back: the report, found among its subject's."""
    return {"report_id": str(report.id), "subject_id": report.subject_id}


def submit_report(
    c: SubmitReport, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    subject = repo.subject(c.subject_id)
    label = check_period(profile, c.period)
    reporting = profile.reporting
    request = repo.report_request(c.in_reply_to) if c.in_reply_to else None
    if isinstance(subject, Team):
        subject.expect_active()
        line_kind = LEADER if actor.nip == subject.leader_nip else MEMBER
        if line_kind == MEMBER:
            subject.expect_member(actor.nip)
        line = reporting.leader_reports_to if line_kind == LEADER else reporting.member_reports_to
        if subject.leader_nip is None:
            line = leaderless_line(profile)
        team_id: str | None = str(subject.id)
    else:
        if actor.nip not in {o["nip"] for o in subject.officials}:
            raise Forbidden("NOT_YOUR_REPORT")
        line_kind, line, team_id = INDIVIDUAL, reporting.individual_reports_to, None
    to = recipients(roles, line, work_of(subject, actor.nip))
    basis = cite(profile, line.citation)
    if request is not None:
        request.expect_open()
        if request.official_nip != actor.nip:
            raise Forbidden("NOT_YOUR_REPORT", case="requested_of_other")
        line_kind, basis = ON_REQUEST, cite(profile, reporting.may_request_report.citation)
        requester = repo.official(request.requester_nip)
        to = [{"nip": requester.nip, "name": requester.name, "role": "REQUESTER"}]
    if not to:
        raise InvalidInput("NO_RECIPIENT", roles=roles_words(line.roles))
    report = Report(
        line=line_kind,
        reporter_nip=actor.nip,
        subject_id=str(subject.id),
        team_id=team_id,
        unit_code=subject.owning_unit,
        period=label,
        text=checks.text(c.text, TEXT, "text"),
        progress=[
            {
                "target": (p.get("target") or "").strip(),
                "progress": checks.text(p.get("progress"), LINE, "progress"),
            }
            for p in c.progress
        ],
        attachments=[a.strip() for a in c.attachments if a.strip()],
        recipients=to,
        in_reply_to=c.in_reply_to,
        decision=Decision(actor.nip, Capacity(kind="SELF"), basis).as_event_fields(),
    )
    if request is None:
        return Decided(report, result=_reported(report))
    request.answer(report_id=str(report.id))
    return Decided(report, request, result=_reported(report))


def forward_report(
    c: ForwardReport, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The head who received a report forwards it, with a note, to the head of the unit above his own."""
    report = repo.report(c.report_id)
    if actor.nip not in {r["nip"] for r in report.recipients}:
        raise Forbidden("NOT_A_RECIPIENT")
    head = repo.official(actor.nip)
    unit = repo.unit(head.head_of) if head.head_of else None
    above = roles.head_of_unit(unit.parent_code) if unit and unit.parent_code else []
    if unit is None or not above:  # no unit: nothing above either
        raise InvalidInput(
            "NO_HIGHER_TIER",
            head_name=head.name,
            legal_basis=cite(profile, profile.common.reports_forwarded_by_tier.citation),
        )
    capacity = Capacity(kind="POSITION", unit_code=unit.code, position=head.position_type)
    forwarded = Report(
        line=FORWARDED,
        reporter_nip=actor.nip,
        subject_id=report.subject_id,
        team_id=report.team_id,
        unit_code=report.owning_unit,
        period=report.period,
        text=checks.text(c.note, TEXT, "note"),
        progress=report.progress,
        attachments=report.attachments,
        recipients=[{"nip": h.nip, "name": h.name, "role": "NEXT_TIER"} for h in above],
        in_reply_to=None,
        forwarded_from=str(report.id),
        decision=Decision(actor.nip, capacity, report.legal_basis).as_event_fields(),
    )
    return Decided(forwarded, result=_reported(forwarded))


def request_report(
    c: RequestReport, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """A unit head (or whoever the profile allows) asks for a report at any time."""
    subject = repo.subject(c.subject_id)
    official = repo.official(c.official_nip)
    rule = profile.reporting.may_request_report
    work = work_of(subject, official.nip)
    holders: list[Holder] = [h for r in rule.roles for h in roles.role_holders(r.value, work)]
    capacity = roles.acting_capacity(
        actor.nip, holders, phrase("request_report", roles=roles_words(rule.roles))
    )
    team_id = str(subject.id) if isinstance(subject, Team) else None
    request = ReportRequest(
        requester_nip=actor.nip,
        official_nip=official.nip,
        subject_id=str(subject.id),
        team_id=team_id,
        unit_code=subject.owning_unit,
        about=checks.text(c.about, TEXT, "about"),
        decision=Decision(actor.nip, capacity, cite(profile, rule.citation)).as_event_fields(),
    )
    return Decided(request, result={"request_id": str(request.id), "official_nip": official.nip})


def report_member_performance(
    c: ReportMemberPerformance, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The leader's input on a member's performance, addressed to the member's appraiser."""
    team = repo.team(c.team_id)
    team.expect_active()
    if actor.nip != team.leader_nip:
        raise Forbidden(
            "NOT_YOUR_STEP",
            case="team_leader_reports",
            holders=[{"nip": team.leader_nip}] if team.leader_nip else [],
        )
    member = team.expect_member(c.nip)
    line = profile.reporting.member_performance_to
    label = check_period(profile, c.period)
    leader = Capacity(kind="POSITION", unit_code=team.owning_unit, position="TEAM_LEADER")
    team.report_member_performance(
        period=label,
        nip=c.nip,
        role=member["role"],
        recipients=recipients(roles, line, Work(team.owning_unit, c.nip)),
        results=[
            {
                "target": (r.get("target") or "").strip(),
                "result": checks.text(r.get("result"), LINE, "result"),
            }
            for r in c.results
        ],
        contribution=checks.text(c.contribution, TEXT, "contribution"),
        decision=Decision(actor.nip, leader, cite(profile, line.citation)).as_event_fields(),
    )
    return Decided(team, result={"team_id": str(team.id), "period": label})


HANDLERS = {
    SubmitReport: submit_report,
    ForwardReport: forward_report,
    RequestReport: request_report,
    ReportMemberPerformance: report_member_performance,
}
