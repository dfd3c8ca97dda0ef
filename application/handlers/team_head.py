"""The team's head beyond its Ketua Tim: a Koordinator appointed in the Ketua Tim's place where
the profile has one (teams.coordinator), and the Ketua Tim designated PPTK where the profile
says so (teams.pptk)."""

from application import checks, letters, team_checks
from application.commands.teams import AppointTeamCoordinator, DesignateTeamLeaderPptk
from application.handlers.organisation import decided_with_decree
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles, Work
from domain.decision import Decision
from domain.errors import InvalidInput
from domain.limits import PERIOD
from domain.messages import phrase, role_words
from domain.profile import Profile, cite
from domain.team import HeadTitle


def appoint_team_coordinator(
    c: AppointTeamCoordinator, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """Appointed like the leader (by the office the profile names), only in an agency that declared
    the affair the profile asks for, after the coordinator's own eligibility with the stated
    experience; he then heads the team in the Ketua Tim's place."""
    team = repo.team(c.team_id)
    team.expect_active()
    rule = profile.teams.coordinator
    if rule is None:
        raise InvalidInput("NO_COORDINATOR")
    # The PPK's decision, recorded from his signed letter (application.letters), as the leader's.
    decision = letters.decided(
        actor,
        roles,
        rule.appointed_by.role,
        roles.role_holders(rule.appointed_by.role.value, Work(team.owning_unit)),
        phrase("appoint_coordinator", role=role_words(rule.appointed_by.role)),
        cite(profile, rule.appointed_by.citation),
        c.letter,
    )
    agency = repo.unit(repo.unit(team.owning_unit).agency_code)
    where = rule.agency_affair
    if where.affair.value not in agency.affairs:
        raise InvalidInput(
            "COORDINATOR_AGENCY_AFFAIR",
            agency=agency.name,
            affair=where.affair.value,
            legal_basis=cite(profile, where.citation),
        )
    official = repo.official(c.nip)
    experience = team_checks.experience(c.relevant_experience)
    admitted = team_checks.admitting(
        profile, rule.eligibility, official, team_checks.agency_kind(repo, roles, official.nip), experience
    )
    basis = "; ".join(
        cite(profile, x) for x in (rule.appointed_by.citation, where.citation, admitted.citation)
    )
    team.appoint_coordinator(
        nip=official.nip,
        previous_nip=team.leader_nip,
        eligibility=admitted.citation,
        experience=experience,
        decision={**decision, "legal_basis": basis},
    )
    return Decided(team, result=str(team.id))


def designate_team_leader_pptk(
    c: DesignateTeamLeaderPptk, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The team's Ketua Tim given the tasks of pejabat pelaksana teknis kegiatan, by the office the
    profile names, on its decree and for a period."""
    team = repo.team(c.team_id)
    team.expect_active()
    rule = profile.teams.pptk
    if rule is None:
        raise InvalidInput("NO_PPTK_RULE")
    capacity = roles.acting_capacity(
        actor.nip,
        roles.role_holders(rule.role.value, Work(team.owning_unit)),
        phrase("designate_pptk", role=role_words(rule.role)),
    )
    if team.leader_nip != c.nip or team.head_title != HeadTitle.KETUA_TIM.value:
        raise InvalidInput("PPTK_NOT_THE_LEADER", nip=c.nip, legal_basis=cite(profile, rule.citation))
    checks.day(c.valid_from, PERIOD, "valid from")
    checks.day(c.valid_until, PERIOD, "valid until")
    checks.period(c.valid_from, c.valid_until)
    checks.in_force(profile, c.valid_from, "valid from")  # a designation under the regulation's rule
    decision = decided_with_decree(Decision(actor.nip, capacity, cite(profile, rule.citation)), c.decree)
    team.designate_pptk(
        nip=c.nip,
        valid_from=c.valid_from.isoformat(),
        valid_until=c.valid_until.isoformat(),
        decree=decision["decree"],
        decision=decision,
    )
    return Decided(team, result=str(team.id))


HANDLERS = {
    AppointTeamCoordinator: appoint_team_coordinator,
    DesignateTeamLeaderPptk: designate_team_leader_pptk,
}
