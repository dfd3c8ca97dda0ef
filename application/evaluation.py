"""Submitting results and reviewing them up the chain the profile gives for the agency's kind,
to completion by the top of the chain, or back for rework."""

from application import checks
from application.principal import Principal
from application.reporting import ReportingCommands
from application.checks import parse_id
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.messages import phrase
from domain.evaluation import IN_PROGRESS, Evaluation
from domain.limits import LINE, TEXT
from domain.positions import UnitKind
from domain.profile import cite


class EvaluationCommands(ReportingCommands):
    def submit_results(self, actor: Principal, *, subject_id: str, summary: str, results: list[dict],
                       attachments: list[str] | None = None) -> Evaluation:
        """The team leader (for a team) or the assigned official (for individual work) submits."""
        subject_uuid = parse_id(subject_id, "subject_id")
        evaluation_id = Evaluation.create_id(str(subject_uuid))
        if self.repo.exists(evaluation_id):
            evaluation = self.repository.get(evaluation_id)
            evaluation.expect_status(IN_PROGRESS)
        else:
            evaluation = self._start(subject_uuid)
        capacity = self._submitter_capacity(actor, evaluation)
        evaluation.submit(
            round=evaluation.round + 1, summary=checks.text(summary, TEXT, "summary"),
            results=[{"target": (r.get("target") or "").strip(), "achieved": checks.text(r.get("achieved"), LINE, "result"),
                      "note": (r.get("note") or "").strip()} for r in results],
            attachments=[a.strip() for a in attachments or [] if a.strip()],
            decision=Decision(actor.nip, capacity, cite(self.profile, evaluation.chain_citation)).as_event_fields())
        self.save_decision(evaluation)
        return evaluation

    def approve_results(self, actor: Principal, *, subject_id: str, level: int, note: str | None = None) -> Evaluation:
        """The head of the reviewing level accepts; the top of the chain declares complete."""
        evaluation = self.repo.evaluation(subject_id)
        evaluation.expect_level(level)
        unit_code = evaluation.reviewing_unit
        capacity = self._reviewer_capacity(actor, evaluation, level)
        decision = Decision(actor.nip, capacity, cite(self.profile, evaluation.chain_citation)).as_event_fields()
        note = (note or "").strip() or None
        if level == len(evaluation.chain):
            evaluation.declare_complete(level=level, unit_code=unit_code, note=note, decision=decision)
        else:
            evaluation.approve_level(level=level, unit_code=unit_code, note=note, decision=decision)
        self.save_decision(evaluation)
        return evaluation

    def return_results(self, actor: Principal, *, subject_id: str, level: int, notes: str) -> Evaluation:
        """Results that miss the target go back for improvement, with notes; the work reopens."""
        evaluation = self.repo.evaluation(subject_id)
        evaluation.expect_level(level)
        unit_code = evaluation.reviewing_unit
        capacity = self._reviewer_capacity(actor, evaluation, level)
        notes = checks.text(notes, TEXT, "notes")
        basis = f"{cite(self.profile, evaluation.chain_citation)}; {cite(self.profile, self.profile.evaluation.rework.citation)}"
        evaluation.return_for_rework(level=level, unit_code=unit_code, notes=notes,
                                     decision=Decision(actor.nip, capacity, basis, reason=notes).as_event_fields())
        self.save_decision(evaluation)
        return evaluation

    # --- helpers ---------------------------------------------------------------------------

    def _start(self, subject_uuid) -> Evaluation:
        subject = self.repo.subject(str(subject_uuid))
        kind = type(subject).__name__
        owning = self.repo.unit(subject.owning_unit)
        agency = self.repo.unit(owning.agency_code)
        chain_rule = self.profile.evaluation.chain_for(UnitKind(agency.kind))
        if chain_rule is None:
            raise InvalidInput("NO_EVALUATION_CHAIN", agency_kind=agency.kind)
        path = [(owning.code, UnitKind(owning.kind))]
        for code in reversed(owning.ancestors):
            path.append((code, UnitKind(self.repo.unit(code).kind)))
        kinds = dict(path)
        chain = [{"unit_code": code, "unit_kind": kinds[code].value} for code in chain_rule.resolve(path)]
        title = subject.name if kind == "Team" else subject.work
        return Evaluation(subject_id=str(subject_uuid), subject_kind=kind.upper(), title=title,
                          unit_code=owning.code, agency_kind=agency.kind,
                          chain=chain, chain_citation=chain_rule.citation)

    def _submitter_capacity(self, actor: Principal, evaluation: Evaluation) -> Capacity:
        subject = self.repository.get(parse_id(evaluation.subject_id, "subject_id"))
        if evaluation.subject_kind == "TEAM":
            if actor.nip == subject.leader_nip:
                return Capacity(kind="POSITION", unit_code=subject.owning_unit, position="TEAM_LEADER")
            if subject.leader_nip is None and self.leaderless_line(subject) and actor.nip in subject.members:
                return Capacity(kind="SELF")  # a team without a leader submits through its members
            holders = self.roles.person(subject.leader_nip, "TEAM_LEADER")
        else:
            if actor.nip in {o["nip"] for o in subject.officials}:
                return Capacity(kind="SELF")
            holders = [h for o in subject.officials for h in self.roles.person(o["nip"], "OFFICIAL")]
        who = ", ".join(f"{h.name} (NIP {h.nip})" for h in holders)
        raise Forbidden("NOT_YOUR_STEP", case="submits_results", who=who or phrase("nobody_yet"),
                        holders=[{"nip": h.nip, "name": h.name} for h in holders])

    def _reviewer_capacity(self, actor: Principal, evaluation: Evaluation, level: int) -> Capacity:
        unit_code = evaluation.chain[level - 1]["unit_code"]
        return self.roles.acting_capacity(actor.nip, self.roles.head_of_unit(unit_code),
                                    phrase("review_level", level=level, levels=len(evaluation.chain),
                                           unit=unit_code))
