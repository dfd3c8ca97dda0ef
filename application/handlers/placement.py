"""Placing officials under a performance appraiser (kedudukan) and delegating an appraiser's
authority ("pejabat lain yang diberi pendelegasian wewenang")."""

from datetime import date
from uuid import uuid4

from application import checks
from application.checks import require_admin
from application.commands.organisation import (
    GrantDelegation,
    PlaceOfficial,
    RecommendAppraisal,
    RevokeDelegation,
)
from application.handlers.organisation import decided_with_decree
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from application.roles import Roles
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput, NotFound
from domain.limits import DELEGATION_END, EFFECTIVE, LINE, TEXT
from domain.messages import phrase
from domain.official import DelegationAuthority, Official
from domain.organisation import StructureType
from domain.placement import check_placement
from domain.positions import Grade, PositionType, UnitKind
from domain.profile import Profile, cite
from domain.profile.placement import Where

ADMIN = Capacity(kind="ADMIN")
FIRST_YEAR = 2020  # appraisal years before the bureaucratic simplification are not recorded here
PLACEABLE = {PositionType.FUNGSIONAL.value, PositionType.PELAKSANA.value}


def place_official(c: PlaceOfficial, actor: Principal, repo: Repository, profile: Profile) -> Decided:
    require_admin(actor, "place_officials")
    checks.day(c.effective_date, EFFECTIVE, "effective date")
    official = repo.official(c.nip)
    if official.position_type not in PLACEABLE:
        raise InvalidInput("NOT_PLACEABLE", official_name=official.name, position_type=official.position_type)
    unit = repo.unit(checks.unit_code(c.unit_code))
    if c.appraiser_nip == official.nip:
        raise InvalidInput("SELF_APPRAISAL")
    appraiser = repo.official(c.appraiser_nip)
    if not appraiser.head_of:
        raise InvalidInput("APPRAISER_HOLDS_NO_POSITION", appraiser_name=appraiser.name)
    above = [repo.unit(code) for code in unit.ancestors]  # the agency first
    agency = above[0] if above else unit
    in_scope = unit.is_at_or_below(appraiser.head_of)
    legal_basis = check_placement(
        profile,
        position_type=PositionType(official.position_type),
        grade=Grade(official.grade) if official.grade else None,
        appraiser_position=PositionType(appraiser.position_type),
        appraiser_in_scope=in_scope,
        where=Where(
            agency_kind=UnitKind(agency.kind),
            structure_type=StructureType(agency.structure_type) if agency.structure_type else None,
            kinds=frozenset(UnitKind(u.kind) for u in [*above, unit]),
        ),
        appraiser_heads_mandiri=in_scope and repo.unit(appraiser.head_of).unit_kerja_mandiri,
    )
    if not profile.in_force_on(c.effective_date):  # rests on its SK, not on a rule not yet in force
        legal_basis = checks.before_in_force(profile)
    decision = decided_with_decree(
        Decision(actor.nip, ADMIN, legal_basis, effective_date=c.effective_date.isoformat()), c.decree
    )
    official.place(
        unit_code=unit.code, appraiser_nip=appraiser.nip, previous=official.placement, decision=decision
    )
    return Decided(official, result=official.nip)


def recommend_appraisal(
    c: RecommendAppraisal, actor: Principal, repo: Repository, roles: Roles, profile: Profile
) -> Decided:
    """The head of the unit the official is placed in recommends him for appraisal, where the
    profile says the appraiser decides on that recommendation (placement.appraisal_recommendation)."""
    rule = profile.placement.appraisal_recommendation
    if rule is None:
        raise InvalidInput("NO_APPRAISAL_RECOMMENDATION", government=profile.government)
    official = repo.official(c.nip)
    basis = cite(profile, rule.citation)
    if official.position_type != PositionType.FUNGSIONAL.value or official.grade not in rule.grades:
        raise InvalidInput(
            "RECOMMENDATION_NOT_FOR_GRADE",
            official_name=official.name,
            grades=", ".join(g.value for g in rule.grades),
            legal_basis=basis,
        )
    if not official.placement:
        raise InvalidInput("OFFICIAL_NOT_PLACED", official_name=official.name)
    unit_code = official.placement["unit_code"]
    capacity = roles.acting_capacity(
        actor.nip, roles.head_of_unit(unit_code), phrase("recommend_appraisal", unit=unit_code)
    )
    if not FIRST_YEAR <= c.year <= date.today().year + 1:
        raise InvalidInput("INVALID_VALUE", field="year", value=c.year, allowed=f"{FIRST_YEAR}..")
    official.recommend_appraisal(
        year=c.year,
        unit_code=unit_code,
        recommendation=checks.text(c.recommendation, TEXT, "recommendation"),
        decision=Decision(actor.nip, capacity, basis).as_event_fields(),
    )
    return Decided(official, result=official.nip)


def grant_delegation(c: GrantDelegation, actor: Principal, repo: Repository, profile: Profile) -> Decided:
    grantor = repo.official(c.grantor_nip)
    capacity = _grantor_capacity(actor, grantor)
    if c.delegate_nip == grantor.nip:
        raise InvalidInput("SELF_DELEGATION")
    delegate = repo.official(c.delegate_nip)
    checks.day(c.valid_from, EFFECTIVE, "valid from")
    checks.day(c.valid_until, DELEGATION_END, "valid until")
    checks.period(c.valid_from, c.valid_until)
    # Before the regulation took effect the delegation rests on its own basis, not on its article.
    in_force = profile.in_force_on(c.valid_from)
    basis = cite(profile, profile.placement.citation) if in_force else checks.before_in_force(profile)
    if c.legal_basis and c.legal_basis.strip():
        basis = f"{basis}; {checks.text(c.legal_basis, LINE, 'legal basis')}"
    delegation_id = str(uuid4())
    grantor.grant_delegation(
        delegation_id=delegation_id,
        delegate_nip=delegate.nip,
        authority=DelegationAuthority.APPRAISER.value,
        valid_from=c.valid_from.isoformat(),
        valid_until=c.valid_until.isoformat(),
        decision=Decision(actor.nip, capacity, basis).as_event_fields(),
    )
    return Decided(grantor, result={"grantor_nip": grantor.nip, "delegation_id": delegation_id})


def revoke_delegation(c: RevokeDelegation, actor: Principal, repo: Repository, profile: Profile) -> Decided:
    grantor = repo.official(c.grantor_nip)
    capacity = _grantor_capacity(actor, grantor)
    grant = grantor.delegations.get(c.delegation_id)
    if grant is None:
        raise NotFound("DELEGATION_NOT_FOUND", grantor_name=grantor.name, delegation_id=c.delegation_id)
    revoked = {"grantor_nip": grantor.nip, "delegation_id": c.delegation_id}
    if grant["revoked"]:
        return Decided(result=revoked)
    grantor.revoke_delegation(
        delegation_id=c.delegation_id,
        decision=Decision(
            actor.nip,
            capacity,
            cite(profile, profile.placement.citation),
            reason=checks.text(c.reason, TEXT, "reason"),
        ).as_event_fields(),
    )
    return Decided(grantor, result=revoked)


def _grantor_capacity(actor: Principal, grantor: Official) -> Capacity:
    """The grantor delegates their own appraiser authority; the administrator may record it."""
    if not grantor.head_of:
        raise InvalidInput("NOTHING_TO_DELEGATE", grantor_name=grantor.name)
    if actor.nip == grantor.nip:
        return Capacity(kind="POSITION", unit_code=grantor.head_of, position=grantor.position_type)
    if actor.is_admin:
        return ADMIN
    raise Forbidden("NOT_AUTHORISED", case="delegations", grantor_name=grantor.name)


HANDLERS = {
    PlaceOfficial: place_official,
    RecommendAppraisal: recommend_appraisal,
    GrantDelegation: grant_delegation,
    RevokeDelegation: revoke_delegation,
}
