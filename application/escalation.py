"""Raising problems and obstacles with alternative recommendations, and each addressed head's
decision on them (with its reason)."""

from application import checks
from application.principal import Principal
from application.report_forwarding import ForwardingCommands
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.messages import phrase
from domain.escalation import Escalation
from domain.limits import TEXT
from domain.profile import cite


class EscalationCommands(ForwardingCommands):
    def raise_escalation(self, actor: Principal, *, subject_id: str, problems: str, alternatives: list[str],
                         other_units: list[str] | None = None) -> Escalation:
        """To the owning unit head; where other units (or agencies) are concerned, to each head."""
        subject = self.repo.subject(subject_id)
        kind = type(subject).__name__
        if kind == "Team":
            subject.expect_active()
            allowed = {subject.leader_nip, *subject.members}
        else:
            allowed = {o["nip"] for o in subject.officials}
        if actor.nip not in allowed:
            raise Forbidden("NOT_YOUR_WORK")
        options = [a.strip() for a in alternatives if a and a.strip()]
        if not options:
            raise InvalidInput("ALTERNATIVES_REQUIRED", field="alternatives")
        rule = self.profile.escalation
        addressees = [{"unit_code": subject.owning_unit, "role": rule.to[0].value}]
        for code in other_units or []:
            unit = self.repo.unit(checks.unit_code(code))
            if unit.code not in {a["unit_code"] for a in addressees}:
                addressees.append({"unit_code": unit.code, "role": rule.several_units.value})
        capacity = (Capacity(kind="POSITION", unit_code=subject.owning_unit, position="TEAM_LEADER")
                    if kind == "Team" and actor.nip == subject.leader_nip else Capacity(kind="SELF"))
        escalation = Escalation(
            subject_id=str(subject.id), subject_kind=kind.upper(), unit_code=subject.owning_unit,
            problems=checks.text(problems, TEXT, "problems"),
            alternatives=[{"code": f"A{i}", "text": t} for i, t in enumerate(options, 1)], addressees=addressees,
            decision=Decision(actor.nip, capacity, cite(self.profile, rule.citation)).as_event_fields())
        self.save_decision(escalation)
        return escalation

    def decide_escalation(self, actor: Principal, *, escalation_id: str, unit_code: str, decision: str,
                          reason: str, choice: str | None = None) -> Escalation:
        escalation = self.repo.escalation(escalation_id)
        code = checks.unit_code(unit_code)
        escalation.expect_pending(code)
        if choice and choice not in {a["code"] for a in escalation.alternatives}:
            raise InvalidInput("UNKNOWN_ALTERNATIVE", field="choice", choice=choice)
        capacity = self.roles.acting_capacity(actor.nip, self.roles.head_of_unit(code),
                                        phrase("decide_escalation", unit=code))
        escalation.decide(unit_code=code, choice=choice, text=checks.text(decision, TEXT, "decision"),
                          decision=Decision(actor.nip, capacity, cite(self.profile, self.profile.escalation.citation),
                                            reason=checks.text(reason, TEXT, "reason")).as_event_fields())
        self.save_decision(escalation)
        return escalation
