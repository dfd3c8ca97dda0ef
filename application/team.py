"""Forming a team, appointing its leader, admitting members through fixed assignments, their
roles, leaving, and dissolving the team — each decided by the office the profile names."""

from datetime import date

from application.app import BaseApp
from application import checks, team_checks
from application.principal import Principal
from application.team_checks import numbered_targets
from application.roles import Work, not_yours
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput
from domain.messages import phrase, role_words
from domain.limits import DONE, PERIOD, TEXT, TITLE
from domain.profile import Scope, cite
from domain.team import Team

class TeamCommands(BaseApp):
    def form_team(self, actor: Principal, *, owning_unit: str, scope: str, name: str, tasks: list[str],
                  targets: list[dict], planned_members: list[dict], period_start: date, period_end: date) -> Team:
        unit = self.repo.unit(checks.unit_code(owning_unit))
        chosen = team_checks.scope(self.profile, scope)
        former = self.profile.teams.former(chosen)
        holders = self.roles.role_holders(former.role.value, Work(unit.code))
        capacity = self.roles.acting_capacity(actor.nip, holders,
                                        phrase("form_team", scope=chosen.value, role=role_words(former.role)))
        checks.day(period_start, PERIOD, "period start")
        checks.day(period_end, PERIOD, "period end")
        checks.period(period_start, period_end)
        team_checks.decision_contents(self.profile, tasks, targets, planned_members)
        basis = cite(self.profile, former.citation)
        rule = self.profile.teams.decision_must_state
        if rule.values:
            basis = f"{basis}; {cite(self.profile, rule.citation)}"
        team = Team(name=checks.text(name, TITLE, "name"), unit_code=unit.code, scope=chosen.value,
                    tasks=[t.strip() for t in tasks], targets=numbered_targets(targets), planned_members=planned_members,
                    period_start=period_start.isoformat(), period_end=period_end.isoformat(),
                    decision=Decision(actor.nip, capacity, basis).as_event_fields())
        self.save_decision(team)
        return team

    def admit_team_members(self, actor: Principal, *, team_id: str, assignment_id: str,
                           roles: dict[str, str] | None = None) -> Team:
        """Every official of a fixed team assignment of the owning unit joins, with a role."""
        team = self.repo.team(team_id)
        team.expect_active()
        capacity = self.team_manager_capacity(actor, team)
        assignment = self._fixed_team_assignment(team, assignment_id)
        planned = {m["nip"]: m["role"] for m in team.planned_members}
        owning = self.repo.unit(team.owning_unit)
        basis = f"{cite(self.profile, self.profile.teams.former(Scope(team.scope)).citation)}; {assignment.route_citation}"
        for official in assignment.officials:
            if official["nip"] in team.members:
                continue
            unit_code = self.roles.official_unit(official["nip"])
            if not team_checks.fits_scope(team.scope, owning, self.repo.unit(unit_code) if unit_code else None):
                raise InvalidInput("MEMBER_OUTSIDE_SCOPE", nip=official["nip"],
                                   official_name=official["name"], scope=team.scope)
            role = ((roles or {}).get(official["nip"]) or planned.get(official["nip"]) or "Anggota").strip()
            team.join(nip=official["nip"], role=role, member_unit=unit_code, assignment_id=str(assignment.id),
                      decision=Decision(actor.nip, capacity, basis).as_event_fields())
        self.save_decision(team)
        return team

    def change_team_member_role(self, actor: Principal, *, team_id: str, nip: str, role: str) -> Team:
        team = self.repo.team(team_id)
        team.expect_active()
        capacity = self.team_manager_capacity(actor, team)
        team.expect_member(nip)
        team.change_role(nip=nip, role=checks.text(role, TITLE, "role"),
                         decision=Decision(actor.nip, capacity, self._former_basis(team)).as_event_fields())
        self.save_decision(team)
        return team

    def remove_team_member(self, actor: Principal, *, team_id: str, nip: str, reason: str) -> Team:
        team = self.repo.team(team_id)
        team.expect_active()
        capacity = self.team_manager_capacity(actor, team)
        team.expect_member(nip)
        team.leave(nip=nip, decision=Decision(actor.nip, capacity, self._former_basis(team),
                                              reason=checks.text(reason, TEXT, "reason")).as_event_fields())
        self.save_decision(team)
        return team

    def dissolve_team(self, actor: Principal, *, team_id: str, on: date, reason: str) -> Team:
        checks.day(on, DONE, "on")
        team = self.repo.team(team_id)
        team.expect_active()
        former = self.profile.teams.former(Scope(team.scope))
        capacity = self.roles.acting_capacity(actor.nip, self.roles.role_holders(former.role.value, Work(team.owning_unit)),
                                        phrase("dissolve_team", role=role_words(former.role)))
        team.dissolve(on=on.isoformat(), decision=Decision(
            actor.nip, capacity, self._former_basis(team), reason=checks.text(reason, TEXT, "reason"),
            effective_date=on.isoformat()).as_event_fields())
        self.save_decision(team)
        return team

    # --- helpers ---------------------------------------------------------------------------

    def team_manager_capacity(self, actor: Principal, team: Team) -> Capacity:
        """The office that formed the team, or its leader, manages its members."""
        if team.leader_nip and actor.nip == team.leader_nip:
            return Capacity(kind="POSITION", unit_code=team.owning_unit, position="TEAM_LEADER")
        former = self.profile.teams.former(Scope(team.scope))
        holders = self.roles.role_holders(former.role.value, Work(team.owning_unit))
        action = phrase("manage_members", role=role_words(former.role))
        try:
            return self.roles.acting_capacity(actor.nip, holders, action)
        except Forbidden:
            leader = self.roles.person(team.leader_nip, "TEAM_LEADER")
            raise not_yours(action, holders + leader) from None

    def _former_basis(self, team: Team) -> str:
        return cite(self.profile, self.profile.teams.former(Scope(team.scope)).citation)

    def _fixed_team_assignment(self, team: Team, assignment_id: str):
        found = self.repo.assignment(assignment_id)
        team_checks.fixed_team_assignment(found, team, assignment_id)
        return found
