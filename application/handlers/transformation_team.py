"""The transformation-management team, where the profile has one (teams.transformation_team):
recorded by the administrator from the regional head's decree, each member with his role."""

from application import checks
from application.checks import enum_value, require_admin
from application.commands.teams import RecordTransformationTeam
from application.handlers.organisation import ADMIN, decided_with_decree
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from domain.decision import Decision
from domain.errors import InvalidInput
from domain.limits import TITLE
from domain.profile import Profile, cite
from domain.profile.teams import TransformationRole
from domain.transformation_team import TransformationTeam


def record_transformation_team(
    c: RecordTransformationTeam, actor: Principal, repo: Repository, profile: Profile
) -> Decided:
    require_admin(actor, "record_transformation_team")
    rule = profile.teams.transformation_team
    if rule is None:
        raise InvalidInput("NO_TRANSFORMATION_TEAM")
    members, seen = [], set()
    for m in c.members:
        role = enum_value(TransformationRole, m.get("role") or "", "role")
        official = repo.official(m.get("nip") or "")
        if (official.nip, role) in seen:
            continue
        seen.add((official.nip, role))
        members.append({"nip": official.nip, "name": official.name, "role": role.value})
    present = {m["role"] for m in members}
    missing = [r.value for r in rule.roles if r.value not in present]
    if missing:
        raise InvalidInput(
            "TRANSFORMATION_TEAM_INCOMPLETE", missing=missing, legal_basis=cite(profile, rule.citation)
        )
    checks.in_force(profile, c.decree.date, "decree date")  # a team of this regulation's
    basis = f"{cite(profile, rule.citation)}; {cite(profile, rule.decree_citation)}"
    decision = decided_with_decree(Decision(actor.nip, ADMIN, basis), c.decree)
    team = TransformationTeam(
        name=checks.text(c.name, TITLE, "name"), decree=decision["decree"], members=members, decision=decision
    )
    return Decided(team, result=str(team.id))


HANDLERS = {RecordTransformationTeam: record_transformation_team}
