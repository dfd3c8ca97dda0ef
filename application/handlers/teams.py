"""Forming a team, admitting members through fixed assignments, their roles, leaving, and
dissolving the team — each decided by the office the profile names."""

from application import checks, team_checks
from application.commands.teams import (
    AdmitTeamMembers,
    ChangeTeamMemberRole,
    DissolveTeam,
    FormTeam,
    RemoveTeamMember,
)
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles, Work, not_yours
from application.team_checks import numbered_targets
from domain.assignment import Assignment
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import DONE, PERIOD, TEXT, TITLE
from domain.messages import phrase, role_words
from domain.profile import Profile, Scope, cite
from domain.team import Team


def form_team(c: FormTeam, actor: Principal, repo: Repository, roles: Roles, profile: Profile) -> Decided:
    unit = repo.unit(checks.unit_code(c.owning_unit))
    chosen = team_checks.scope(profile, c.scope)
    former = profile.teams.former(chosen)
    holders = roles.role_holders(former.role.value, Work(unit.code))
    capacity = roles.acting_capacity(
        actor.nip, holders, phrase("form_team", scope=chosen.value, role=role_words(former.role))
    )
    checks.day(c.period_start, PERIOD, "period start")
    checks.day(c.period_end, PERIOD, "period end")
    checks.period(c.period_start, c.period_end)
    team_checks.decision_contents(profile, c.tasks, c.targets, c.planned_members)
    basis = cite(profile, former.citation)
    rule = profile.teams.decision_must_state
    if rule.values:
        basis = f"{basis}; {cite(profile, rule.citation)}"
    team = Team(
        name=checks.text(c.name, TITLE, "name"),
        unit_code=unit.code,
        scope=chosen.value,
        tasks=[t.strip() for t in c.tasks],
        targets=numbered_targets(c.targets),
        planned_members=c.planned_members,
        period_start=c.period_start.isoformat(),
        period_end=c.period_end.isoformat(),
        decision=Decision(actor.nip, capacity, basis).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


def admit_team_members(
    c: AdmitTeamMembers, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """Every official of a fixed team assignment of the owning unit joins, with a role."""
    team = repo.team(c.team_id)
    team.expect_active()
    capacity = team_manager_capacity(actor, team, roles, profile)
    assignment = fixed_team_assignment(repo, team, c.assignment_id)
    chosen = {r["nip"]: r["role"] for r in c.roles}
    planned = {m["nip"]: m["role"] for m in team.planned_members}
    owning = repo.unit(team.owning_unit)
    basis = f"{former_basis(profile, team)}; {assignment.route_citation}"
    for official in assignment.officials:
        if official["nip"] in team.members:
            continue
        unit_code = roles.official_unit(official["nip"])
        if not team_checks.fits_scope(team.scope, owning, repo.unit(unit_code) if unit_code else None):
            raise InvalidInput(
                "MEMBER_OUTSIDE_SCOPE", nip=official["nip"], official_name=official["name"], scope=team.scope
            )
        role = (chosen.get(official["nip"]) or planned.get(official["nip"]) or "Anggota").strip()
        team.join(
            nip=official["nip"],
            role=role,
            member_unit=unit_code,
            assignment_id=str(assignment.id),
            decision=Decision(actor.nip, capacity, basis).as_event_fields(),
        )
    return Decided(team, result=str(team.id))


def change_team_member_role(
    c: ChangeTeamMemberRole, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    team = repo.team(c.team_id)
    team.expect_active()
    capacity = team_manager_capacity(actor, team, roles, profile)
    team.expect_member(c.nip)
    team.change_role(
        nip=c.nip,
        role=checks.text(c.role, TITLE, "role"),
        decision=Decision(actor.nip, capacity, former_basis(profile, team)).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


def remove_team_member(
    c: RemoveTeamMember, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    team = repo.team(c.team_id)
    team.expect_active()
    capacity = team_manager_capacity(actor, team, roles, profile)
    team.expect_member(c.nip)
    team.leave(
        nip=c.nip,
        decision=Decision(
            actor.nip, capacity, former_basis(profile, team), reason=checks.text(c.reason, TEXT, "reason")
        ).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


def dissolve_team(
    c: DissolveTeam, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    checks.day(c.on, DONE, "on")
    team = repo.team(c.team_id)
    team.expect_active()
    former = profile.teams.former(Scope(team.scope))
    capacity = roles.acting_capacity(
        actor.nip,
        roles.role_holders(former.role.value, Work(team.owning_unit)),
        phrase("dissolve_team", role=role_words(former.role)),
    )
    team.dissolve(
        on=c.on.isoformat(),
        decision=Decision(
            actor.nip,
            capacity,
            former_basis(profile, team),
            reason=checks.text(c.reason, TEXT, "reason"),
            effective_date=c.on.isoformat(),
        ).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


# --- helpers -------------------------------------------------------------------------------------


def team_manager_capacity(actor: Principal, team: Team, roles: Roles, profile: Profile) -> Capacity:
    """The office that formed the team, or its leader, manages its members."""
    if team.leader_nip and actor.nip == team.leader_nip:
        return Capacity(kind="POSITION", unit_code=team.owning_unit, position="TEAM_LEADER")
    former = profile.teams.former(Scope(team.scope))
    holders = roles.role_holders(former.role.value, Work(team.owning_unit))
    action = phrase("manage_members", role=role_words(former.role))
    try:
        return roles.acting_capacity(actor.nip, holders, action)
    except Forbidden:
        leader = roles.person(team.leader_nip, "TEAM_LEADER")
        raise not_yours(action, holders + leader) from None


def former_basis(profile: Profile, team: Team) -> str:
    return cite(profile, profile.teams.former(Scope(team.scope)).citation)


def fixed_team_assignment(repo: Repository, team: Team, assignment_id: str) -> Assignment:
    found = repo.assignment(assignment_id)
    team_checks.fixed_team_assignment(found, team, assignment_id)
    return found


HANDLERS = {
    FormTeam: form_team,
    AdmitTeamMembers: admit_team_members,
    ChangeTeamMemberRole: change_team_member_role,
    RemoveTeamMember: remove_team_member,
    DissolveTeam: dissolve_team,
}
