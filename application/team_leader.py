"""The team leader: proposed where the profile says so (its teams.leader_proposed_by), appointed
by the profile's office (teams.leader_appointed_by) after the eligibility check, with the
owning-unit preference as a warning the appointing official confirms."""

from application import team_checks
from application.principal import Principal
from application.team import TeamCommands
from application.team_checks import NeedsConfirmation, not_eligible
from application.roles import Work
from domain.decision import Decision
from domain.errors import InvalidInput
from domain.messages import phrase, role_words
from domain.official import Official
from domain.positions import Education, Grade, PositionType
from domain.profile import Eligibility, cite
from domain.team import Team


class LeaderCommands(TeamCommands):
    def propose_team_leader(self, actor: Principal, *, team_id: str, nip: str) -> Team:
        team = self.repo.team(team_id)
        team.expect_active()
        rule = self.profile.teams.leader_proposed_by
        if rule is None:
            raise InvalidInput("NO_LEADER_PROPOSAL")
        capacity = self.roles.acting_capacity(
            actor.nip, self.roles.role_holders(rule.role.value, Work(team.owning_unit)),
            phrase("propose_leader", role=role_words(rule.role)))
        leader = self.repo.official(nip)
        admitted = self._eligible(leader)
        team.propose_leader(nip=leader.nip, decision=Decision(
            actor.nip, capacity, f"{cite(self.profile, rule.citation)}; {cite(self.profile, admitted.citation)}"
        ).as_event_fields())
        self.save_decision(team)
        return team

    def appoint_team_leader(self, actor: Principal, *, team_id: str, nip: str,
                            confirm_warnings: bool = False) -> Team | NeedsConfirmation:
        team = self.repo.team(team_id)
        team.expect_active()
        rule = self.profile.teams.leader_appointed_by
        capacity = self.roles.acting_capacity(
            actor.nip, self.roles.role_holders(rule.role.value, Work(team.owning_unit)),
            phrase("appoint_leader", role=role_words(rule.role)))
        leader = self.repo.official(nip)
        admitted = self._eligible(leader)
        proposal = self.profile.teams.leader_proposed_by
        if proposal is not None and team.proposed_leader_nip != leader.nip:
            basis = cite(self.profile, proposal.citation)
            raise InvalidInput("LEADER_NOT_PROPOSED", proposed=team.proposed_leader_nip, legal_basis=basis,
                               role_name=role_words(proposal.role),
                               leader_name=leader.name)
        unit_code = self.roles.official_unit(leader.nip)
        warnings = team_checks.leader_warnings(self.profile, team.scope, team.owning_unit,
                                               self.repo.unit(unit_code) if unit_code else None)
        if warnings and not confirm_warnings:
            return NeedsConfirmation(warnings)
        basis = f"{cite(self.profile, rule.citation)}; {cite(self.profile, admitted.citation)}"
        if proposal is not None:
            basis = f"{basis}; {cite(self.profile, proposal.citation)}"
        team.appoint_leader(nip=leader.nip, previous_nip=team.leader_nip, eligibility=admitted.citation,
                            warnings_confirmed=[{"code": w["code"], "legal_basis": w["legal_basis"]} for w in warnings],
                            decision=Decision(actor.nip, capacity, basis).as_event_fields())
        self.save_decision(team)
        return team

    def _eligible(self, leader: Official) -> Eligibility:
        admitted = self.profile.teams.leader_rule_for(
            PositionType(leader.position_type), Grade(leader.grade) if leader.grade else None,
            Education(leader.education), leader.rank)
        if admitted is None:
            raise not_eligible(self.profile, leader)
        return admitted
