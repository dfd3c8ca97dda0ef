"""Forming a team, admitting members through fixed assignments, their roles, leaving, and
dissolving the team — each decided by the office the profile names. The composition is the
forming office's (teams.membership): a leader divides roles where the profile says so, and
proposes members where it says so (teams.members_proposed_by), but never admits or removes."""

from datetime import date

from application import checks, letters, team_checks
from application.commands.teams import (
    AdmitTeamMembers,
    ChangeTeamMemberRole,
    DissolveTeam,
    FormTeam,
    ProposeTeamMembers,
    RemoveTeamMember,
)
from application.handlers.organisation import decided_with_decree
from application.handlers.work_plan import linked_plan_item
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles, Work, not_yours
from application.team_checks import numbered_targets
from domain.assignment import Assignment
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.limits import DONE, LINE, PERIOD, TEXT, TITLE
from domain.messages import phrase, role_words, roles_words
from domain.profile import Profile, Scope, ScopeRole, cite
from domain.team import Team


def form_team(c: FormTeam, actor: Principal, repo: Repository, roles: Roles, profile: Profile) -> Decided:
    unit = repo.unit(checks.unit_code(c.owning_unit))
    chosen = team_checks.scope(profile, c.scope)
    former = profile.teams.former(chosen)
    holders = [h for role in former.roles for h in roles.role_holders(role.value, Work(unit.code))]
    checks.day(c.period_start, PERIOD, "period start")
    checks.day(c.period_end, PERIOD, "period end")
    checks.period(c.period_start, c.period_end)
    checks.in_force(profile, date.today(), "today")
    team_checks.decision_contents(profile, c.tasks, c.targets, c.planned_members)
    plan_item = linked_plan_item(repo, profile, c.plan_item_id, unit.code, c.period_start, c.period_end)
    basis = cite(profile, former.citation)
    rule = profile.teams.decision_must_state
    if rule.values:
        basis = f"{basis}; {cite(profile, rule.citation)}"
    action = phrase("form_team", scope=chosen.value, role=roles_words(former.roles))
    decision = letters.decided(actor, roles, former.role, holders, action, basis, c.letter)
    if plan_item:
        decision["plan_basis"] = cite(profile, profile.work_plan.link.citation)
    team = Team(
        name=checks.text(c.name, TITLE, "name"),
        unit_code=unit.code,
        scope=chosen.value,
        tasks=[t.strip() for t in c.tasks],
        targets=numbered_targets(c.targets),
        planned_members=[planned_member(m) for m in c.planned_members],
        period_start=c.period_start.isoformat(),
        period_end=c.period_end.isoformat(),
        # The Keputusan the team rests on, where given, with the decision (like a placement's SK).
        decision=decided_with_decree(decision, c.decree),
        plan_item_id=plan_item,
    )
    return Decided(team, result=str(team.id))


def propose_team_members(
    c: ProposeTeamMembers, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The leader's proposal of members to the office that fixes the team, where the profile has
    one (teams.members_proposed_by); admission then takes only those proposed."""
    team = repo.team(c.team_id)
    team.expect_active()
    rule = profile.teams.members_proposed_by
    if rule is None:
        raise InvalidInput("NO_MEMBER_PROPOSAL", role_name=role_words(former_of(profile, team).role))
    capacity = roles.acting_capacity(
        actor.nip,
        roles.role_holders(rule.role.value, Work(team.owning_unit, team_leader_nip=team.leader_nip)),
        phrase("propose_members", role=role_words(rule.role)),
    )
    if not c.members:
        raise InvalidInput("REQUIRED", field="members")
    # An official of another government is not registered here: the NIP is taken as given.
    members = [
        {
            "nip": checks.non_empty(m.get("nip"), "nip"),
            "role": checks.text(m.get("role") or "Anggota", TITLE, "role"),
        }
        for m in c.members
    ]
    team.propose_members(
        members=members,
        decision=Decision(actor.nip, capacity, cite(profile, rule.citation)).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


def admit_team_members(
    c: AdmitTeamMembers, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """Every official of a fixed team assignment of the owning unit joins, with a role."""
    team = repo.team(c.team_id)
    team.expect_active()
    capacity = membership_capacity(actor, team, roles, profile)
    assignment = fixed_team_assignment(repo, team, c.assignment_id)
    chosen = {r["nip"]: r["role"] for r in c.roles}
    planned = {m["nip"]: m["role"] for m in team.planned_members}
    owning = repo.unit(team.owning_unit)
    proposal = profile.teams.members_proposed_by
    basis = f"{membership_basis(profile, team)}; {assignment.route_citation}"
    if proposal is not None:
        basis = f"{basis}; {cite(profile, proposal.citation)}"
    for official in assignment.officials:
        if official["nip"] in team.members:
            continue
        if proposal is not None and official["nip"] not in team.proposed_members:
            raise InvalidInput(
                "MEMBER_NOT_PROPOSED",
                nip=official["nip"],
                official_name=official["name"],
                role_name=role_words(proposal.role),
                legal_basis=cite(profile, proposal.citation),
            )
        unit_code = roles.official_unit(official["nip"])
        if not team_checks.fits_scope(team.scope, owning, repo.unit(unit_code) if unit_code else None):
            raise InvalidInput(
                "MEMBER_OUTSIDE_SCOPE", nip=official["nip"], official_name=official["name"], scope=team.scope
            )
        role = (
            chosen.get(official["nip"])
            or planned.get(official["nip"])  # the decision's role before the leader's proposal
            or team.proposed_members.get(official["nip"])
            or "Anggota"
        ).strip()
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
    capacity, basis = role_division_capacity(actor, team, roles, profile)
    team.expect_member(c.nip)
    team.change_role(
        nip=c.nip,
        role=checks.text(c.role, TITLE, "role"),
        decision=Decision(actor.nip, capacity, basis).as_event_fields(),
    )
    return Decided(team, result=str(team.id))


def remove_team_member(
    c: RemoveTeamMember, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    team = repo.team(c.team_id)
    team.expect_active()
    capacity = membership_capacity(actor, team, roles, profile)
    member = team.expect_member(c.nip)
    team.leave(
        nip=c.nip,
        # The member's part in the team's fixed assignment ends here (teams.membership.note).
        assignment_id=member["assignment_id"],
        decision=Decision(
            actor.nip, capacity, membership_basis(profile, team), reason=checks.text(c.reason, TEXT, "reason")
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
        former_holders(roles, former, team),
        phrase("dissolve_team", role=roles_words(former.roles)),
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


def planned_member(m: dict) -> dict:
    """{nip, role} as the decision states them, with the member's task where it states one."""
    task = (m.get("task") or "").strip()
    return {
        "nip": m.get("nip"),
        "role": m.get("role"),
        **({"task": checks.text(task, LINE, "task")} if task else {}),
    }


def membership_capacity(actor: Principal, team: Team, roles: Roles, profile: Profile) -> Capacity:
    """Only the office that fixed the team admits and removes members; its leader is told whose
    decision that is and why (teams.membership)."""
    former = former_of(profile, team)
    holders = former_holders(roles, former, team)
    action = phrase("admit_remove_members", role=roles_words(former.roles))
    try:
        return roles.acting_capacity(actor.nip, holders, action)
    except Forbidden:
        if team.leader_nip and actor.nip == team.leader_nip:
            raise Forbidden(
                "MEMBERSHIP_NOT_THE_LEADERS",
                role_name=roles_words(former.roles),
                legal_basis=membership_basis(profile, team),
                holders=[{"nip": h.nip, "name": h.name} for h in holders],
            ) from None
        raise


def role_division_capacity(
    actor: Principal, team: Team, roles: Roles, profile: Profile
) -> tuple[Capacity, str]:
    """The office that fixed the team, or whom the profile lets divide roles (the leader:
    "membagi peran anggota tim"); with the article the decision rests on."""
    former = former_of(profile, team)
    holders = former_holders(roles, former, team)
    today = date.today()
    capacity = roles.capacity_of(actor.nip, holders, today)
    if capacity is not None:
        return capacity, membership_basis(profile, team)
    divider = profile.teams.membership.roles_divided_by
    named = list(former.roles)
    if divider is not None:
        dividers = roles.role_holders(
            divider.role.value, Work(team.owning_unit, team_leader_nip=team.leader_nip)
        )
        capacity = roles.capacity_of(actor.nip, dividers, today)
        if capacity is not None:
            return capacity, cite(profile, divider.citation)
        holders, named = holders + dividers, [*named, divider.role]
    raise not_yours(phrase("divide_member_roles", roles=roles_words(named)), holders)


def former_holders(roles: Roles, former: ScopeRole, team: Team) -> list:
    """Who holds any office of the rule that fixed the team ("PPK dan/atau pejabat yang berwenang")."""
    return [h for role in former.roles for h in roles.role_holders(role.value, Work(team.owning_unit))]


def former_of(profile: Profile, team: Team) -> ScopeRole:
    return profile.teams.former(Scope(team.scope))


def former_basis(profile: Profile, team: Team) -> str:
    return cite(profile, former_of(profile, team).citation)


def membership_basis(profile: Profile, team: Team) -> str:
    return f"{former_basis(profile, team)}; {cite(profile, profile.teams.membership.citation)}"


def fixed_team_assignment(repo: Repository, team: Team, assignment_id: str) -> Assignment:
    found = repo.assignment(assignment_id)
    team_checks.fixed_team_assignment(found, team, assignment_id)
    return found


HANDLERS = {
    FormTeam: form_team,
    ProposeTeamMembers: propose_team_members,
    AdmitTeamMembers: admit_team_members,
    ChangeTeamMemberRole: change_team_member_role,
    RemoveTeamMember: remove_team_member,
    DissolveTeam: dissolve_team,
}
