"""Checks on a team decision against the tenant's profile (domain.profile.Teams)."""

from application import checks
from domain.errors import InvalidInput, NotFound
from domain.limits import LINE, TEXT
from domain.messages import render
from domain.positions import Education, Grade, PositionType, UnitKind
from domain.profile import DecisionContent, Eligibility, Profile, Scope, cite


def scope(profile: Profile, value: str) -> Scope:
    allowed = profile.assignment.scopes_allowed
    try:
        chosen = Scope(value)
    except ValueError:
        chosen = None
    if chosen is None or chosen not in allowed.values:
        names = ", ".join(s.value for s in allowed.values)
        basis = cite(profile, allowed.citation)
        raise InvalidInput("SCOPE_NOT_ALLOWED", field="scope", legal_basis=basis, value=value, names=names)
    return chosen


def decision_contents(profile: Profile, tasks: list[str], targets: list[dict], planned: list[dict]) -> None:
    """What the regulation requires the team decision to state (the profile's teams.decision_must_state)."""
    rule = profile.teams.decision_must_state
    present = {
        DecisionContent.TASKS: bool(tasks) and all(t.strip() for t in tasks),
        DecisionContent.TARGETS: bool(targets)
        and all((t.get("description") or "").strip() and (t.get("measure") or "").strip() for t in targets),
        DecisionContent.MEMBER_ROLES: bool(planned)
        and all((m.get("nip") or "").strip() and (m.get("role") or "").strip() for m in planned),
        DecisionContent.MEMBER_TASKS: bool(planned) and all((m.get("task") or "").strip() for m in planned),
    }
    missing = [c.value for c in rule.values if not present[c]]
    if missing:
        basis = cite(profile, rule.citation)
        raise InvalidInput("TEAM_DECISION_INCOMPLETE", missing=missing, legal_basis=basis)


def leader_warnings(profile: Profile, team_scope: str, owning_code: str, leader_unit) -> list[dict]:
    """In a team across units the leader comes preferably from the owning unit."""
    if team_scope == Scope.WITHIN_UNIT.value:
        return []
    if leader_unit is not None and leader_unit.is_at_or_below(owning_code):
        return []
    basis = cite(profile, profile.teams.leader_from_owning_unit_preferred.citation)
    # A warning, not a refusal: its texts are in the catalogue too.
    code = "LEADER_NOT_FROM_OWNING_UNIT"
    details: dict[str, object] = {"legal_basis": basis}
    return [
        {
            "code": code,
            "legal_basis": basis,
            "message_en": render(code, "en", details),
            "message_id": render(code, "id", details),
        }
    ]


def fits_scope(team_scope: str, owning_unit, member_unit) -> bool:
    """A member of a within-unit team stands in the owning unit; of a cross-unit team, in its agency."""
    if member_unit is None:
        return team_scope == Scope.CROSS_INSTITUTION.value
    if team_scope == Scope.WITHIN_UNIT.value:
        return member_unit.is_at_or_below(owning_unit.code)
    if team_scope == Scope.CROSS_UNIT.value:
        return member_unit.agency_code == owning_unit.agency_code
    return True


def numbered_targets(targets: list[dict]) -> list[dict]:
    return [
        {
            "code": (t.get("code") or f"T{i}").strip(),
            "description": checks.text(t.get("description"), LINE, "target"),
            "measure": (t.get("measure") or "").strip(),
        }
        for i, t in enumerate(targets, 1)
    ]


def rules_text(profile: Profile, rules: tuple[Eligibility, ...]) -> str:
    return "; ".join(
        f"{'/'.join(p.value for p in r.position_types)}"
        + (f" ({'/'.join(g.value for g in r.grades)})" if r.grades else "")
        + (f" in {'/'.join(k.value for k in r.agency_kinds)}" if r.agency_kinds else "")
        + (f" with at least {r.min_education.value}" if r.min_education else "")
        + (f" and rank {r.min_rank}" if r.min_rank else "")
        + (" and stated relevant experience" if r.relevant_experience_required else "")
        + f" ({cite(profile, r.citation)})"
        for r in rules
    )


def not_eligible(profile: Profile, leader, rules: tuple[Eligibility, ...]) -> InvalidInput:
    return InvalidInput(
        "LEADER_NOT_ELIGIBLE",
        nip=leader.nip,
        legal_basis=[cite(profile, r.citation) for r in rules],
        leader_name=leader.name,
        position_type=leader.position_type,
        education=leader.education,
        rank=leader.rank,
        rules=rules_text(profile, rules),
    )


def experience_required(profile: Profile, leader, rule: Eligibility) -> InvalidInput:
    """The rule would admit the official, but the experience it asks for was not stated."""
    return InvalidInput(
        "RELEVANT_EXPERIENCE_REQUIRED",
        field="relevant_experience",
        nip=leader.nip,
        leader_name=leader.name,
        legal_basis=cite(profile, rule.citation),
    )


def admitting(profile: Profile, rules: tuple[Eligibility, ...], official, agency, stated) -> Eligibility:
    """The rule of `rules` admitting the official. `stated`: the experience stated (None: none,
    which a rule requiring it refuses), or True where it is not yet asked (a proposal)."""
    args = (
        PositionType(official.position_type),
        Grade(official.grade) if official.grade else None,
        Education(official.education),
        official.rank,
    )
    found = next((r for r in rules if r.admits(*args, stated is not None, agency)), None)
    if found is not None:
        return found
    wanting = next((r for r in rules if r.admits(*args, True, agency)), None)
    if wanting is not None:
        raise experience_required(profile, official, wanting)
    raise not_eligible(profile, official, rules)


def experience(value: dict | None) -> dict | None:
    """The "pengalaman jabatan dalam bidang tugas terkait" as stated, with its evidence (both
    required when given); None when not stated."""
    if value is None:
        return None
    return {
        "statement": checks.text(value.get("statement"), TEXT, "relevant experience"),
        "evidence": checks.text(value.get("evidence"), TEXT, "experience evidence"),
    }


def agency_kind(repo, roles, nip: str) -> UnitKind | None:
    """The kind of the agency where the official stands (None: not placed here)."""
    unit_code = roles.official_unit(nip)
    if not unit_code:
        return None
    return UnitKind(repo.unit(repo.unit(unit_code).agency_code).kind)


ADMITTABLE = {"FIXED", "ACTIVE"}  # domain.assignment: the letter is issued (and maybe accepted)


def fixed_team_assignment(found, team, assignment_id: str) -> None:
    """Members join through a fixed team assignment for the team's owning unit."""
    if type(found).__name__ != "Assignment":
        raise NotFound("ASSIGNMENT_NOT_FOUND", assignment_id=assignment_id)
    if found.status not in ADMITTABLE:
        raise InvalidInput("ASSIGNMENT_NOT_FIXED", status=found.status)
    if not found.team:
        raise InvalidInput("ASSIGNMENT_NOT_FOR_TEAM")
    if found.owning_unit != team.owning_unit:
        raise InvalidInput(
            "ASSIGNMENT_OF_OTHER_UNIT", assignment_unit=found.owning_unit, team_unit=team.owning_unit
        )
