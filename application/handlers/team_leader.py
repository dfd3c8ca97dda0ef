"""The team leader: proposed where the profile says so (its teams.leader_proposed_by), appointed
by the profile's office (teams.leader_appointed_by) after the eligibility check, with the
owning-unit preference as a warning the appointing official confirms."""

from application import letters, team_checks
from application.commands.teams import AppointTeamLeader, ProposeTeamLeader
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles, Work
from application.team_checks import not_eligible
from domain.decision import Decision
from domain.errors import InvalidInput
from domain.messages import phrase, role_words
from domain.official import Official
from domain.positions import Education, Grade, PositionType
from domain.profile import Eligibility, Profile, cite


def propose_team_leader(
    c: ProposeTeamLeader, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    team = repo.team(c.team_id)
    team.expect_active()
    rule = profile.teams.leader_proposed_by
    if rule is None:
        raise InvalidInput("NO_LEADER_PROPOSAL")
    capacity = roles.acting_capacity(
        actor.nip,
        roles.role_holders(rule.role.value, Work(team.owning_unit)),
        phrase("propose_leader", role=role_words(rule.role)),
    )
    leader = repo.official(c.nip)
    admitted = eligible(profile, leader)
    team.propose_leader(
        nip=leader.nip,
        decision=Decision(
            actor.nip, capacity, f"{cite(profile, rule.citation)}; {cite(profile, admitted.citation)}"
        ).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


def appoint_team_leader(
    c: AppointTeamLeader, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """A decision the regulation advises against records nothing unless confirmed: it answers
    `{"warnings": [...]}` (code, legal_basis, message_en, message_id) instead of the team's id."""
    team = repo.team(c.team_id)
    team.expect_active()
    rule = profile.teams.leader_appointed_by
    decision = letters.decided(
        actor,
        roles,
        rule.role,
        roles.role_holders(rule.role.value, Work(team.owning_unit)),
        phrase("appoint_leader", role=role_words(rule.role)),
        cite(profile, rule.citation),
        c.letter,
    )
    leader = repo.official(c.nip)
    admitted = eligible(profile, leader)
    proposal = profile.teams.leader_proposed_by
    if proposal is not None and team.proposed_leader_nip != leader.nip:
        basis = cite(profile, proposal.citation)
        raise InvalidInput(
            "LEADER_NOT_PROPOSED",
            proposed=team.proposed_leader_nip,
            legal_basis=basis,
            role_name=role_words(proposal.role),
            leader_name=leader.name,
        )
    unit_code = roles.official_unit(leader.nip)
    warnings = team_checks.leader_warnings(
        profile, team.scope, team.owning_unit, repo.unit(unit_code) if unit_code else None
    )
    if warnings and not c.confirm_warnings:
        return Decided(result={"warnings": warnings})
    basis = f"{cite(profile, rule.citation)}; {cite(profile, admitted.citation)}"
    if proposal is not None:
        basis = f"{basis}; {cite(profile, proposal.citation)}"
    confirmed = [{"code": w["code"], "legal_basis": w["legal_basis"]} for w in warnings]
    team.appoint_leader(
        nip=leader.nip,
        previous_nip=team.leader_nip,
        eligibility=admitted.citation,
        warnings_confirmed=confirmed,
        decision={**decision, "legal_basis": basis},
    )
    return Decided(team, result=str(team.id))


def eligible(profile: Profile, leader: Official) -> Eligibility:
    admitted = profile.teams.leader_rule_for(
        PositionType(leader.position_type),
        Grade(leader.grade) if leader.grade else None,
        Education(leader.education),
        leader.rank,
    )
    if admitted is None:
        raise not_eligible(profile, leader)
    return admitted


HANDLERS = {ProposeTeamLeader: propose_team_leader, AppointTeamLeader: appoint_team_leader}
