"""Reports passed up tier by tier (secara berjenjang; the profile's common.reports_forwarded_by_tier):
the head who received a report forwards it, with a note, to the head of the unit above his own."""

from application import checks
from application.principal import Principal
from application.reporting import ReportingCommands
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import TEXT
from domain.profile import cite
from domain.report import FORWARDED, Report


class ForwardingCommands(ReportingCommands):
    def forward_report(self, actor: Principal, *, report_id: str, note: str) -> Report:
        report = self.repo.report(report_id)
        if actor.nip not in {r["nip"] for r in report.recipients}:
            raise Forbidden("NOT_A_RECIPIENT")
        head = self.repo.official(actor.nip)
        unit = self.repo.unit(head.head_of) if head.head_of else None
        above = self.roles.head_of_unit(unit.parent_code) if unit and unit.parent_code else []
        if not above:
            raise InvalidInput("NO_HIGHER_TIER", head_name=head.name, legal_basis=cite(
                self.profile, self.profile.common.reports_forwarded_by_tier.citation))
        forwarded = Report(
            line=FORWARDED, reporter_nip=actor.nip, subject_id=report.subject_id, team_id=report.team_id,
            unit_code=report.owning_unit, period=report.period, text=checks.text(note, TEXT, "note"),
            progress=report.progress, attachments=report.attachments,
            recipients=[{"nip": h.nip, "name": h.name, "role": "NEXT_TIER"} for h in above], in_reply_to=None,
            forwarded_from=str(report.id),
            decision=Decision(actor.nip, Capacity(kind="POSITION", unit_code=unit.code, position=head.position_type),
                              report.legal_basis).as_event_fields())
        self.save_decision(forwarded)
        return forwarded
