"""Establishing units, registering officials, appointing heads: the administrator's decisions."""

from eventsourcing.domain import Aggregate

from application import checks
from application.checks import enum_value, require_admin
from application.commands.organisation import AppointHead, EstablishUnit, RegisterOfficial
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from domain.decision import Capacity, Decision
from domain.errors import Conflict, InvalidInput
from domain.ids import official_id, unit_id
from domain.limits import EFFECTIVE, LINE, NAME, TITLE
from domain.nip import parse_employee_number
from domain.official import Official
from domain.organisation import OrganisationUnit
from domain.positions import (
    AGENCY_KINDS,
    PNS_RANKS,
    PPPK_RANKS,
    STRUCTURAL,
    Education,
    EmployeeType,
    Grade,
    PositionType,
    UnitKind,
)

ADMIN = Capacity(kind="ADMIN")


def establish_unit(c: EstablishUnit, actor: Principal, repo: Repository) -> Decided:
    require_admin(actor, "establish_units")
    code = checks.unit_code(c.code)
    unit_kind = enum_value(UnitKind, c.kind, "unit kind")
    head = enum_value(PositionType, c.head_position, "head position")
    if repo.exists(unit_id(code)):
        raise Conflict("UNIT_EXISTS", unit=code)
    deeper: list[OrganisationUnit] = []
    if c.parent_code:
        parent = repo.unit(checks.unit_code(c.parent_code))
        level, ancestors = parent.level + 1, [*parent.ancestors, parent.code]
        agency = parent if parent.is_agency else repo.unit(parent.agency_code)
        if head.value in STRUCTURAL and level > agency.structure_levels:
            deeper.append(agency)
    elif unit_kind not in AGENCY_KINDS:
        raise InvalidInput("PARENT_REQUIRED", unit_kind=unit_kind.value)
    else:
        level, ancestors = 1, []
    decision = Decision(actor.nip, ADMIN, checks.text(c.legal_basis, LINE, "legal basis")).as_event_fields()
    unit = OrganisationUnit(
        code=code,
        name=checks.text(c.name, TITLE, "name"),
        kind=unit_kind.value,
        level=level,
        head_position=head.value,
        parent_code=ancestors[-1] if ancestors else None,
        ancestors=ancestors,
        decision=decision,
    )
    for agency in deeper:  # a structural unit one level deeper than any before it
        agency.deepen_structure(levels=level, decision=decision)
    return Decided(unit, *deeper, result=unit.code)


def register_official(c: RegisterOfficial, actor: Principal, repo: Repository) -> Decided:
    require_admin(actor, "register_officials")
    kind = enum_value(EmployeeType, c.employee_type, "employee type")
    number = parse_employee_number(c.nip, kind).value
    position = enum_value(PositionType, c.position_type, "position type")
    grade = c.grade
    if position is PositionType.FUNGSIONAL:
        if not grade:
            raise InvalidInput("GRADE_REQUIRED", field="grade")
        grade = enum_value(Grade, grade, "grade").value
    elif grade:
        raise InvalidInput("GRADE_NOT_APPLICABLE", field="grade")
    ranks = PNS_RANKS if kind is EmployeeType.PNS else PPPK_RANKS
    if c.rank not in ranks:
        raise InvalidInput("INVALID_RANK", field="rank", rank=c.rank, kind=kind.value, ranks=list(ranks))
    if repo.exists(official_id(number)):
        raise Conflict("OFFICIAL_EXISTS", nip=number)
    official = Official(
        nip=number,
        employee_type=kind.value,
        name=checks.text(c.name, NAME, "name"),
        position_type=position.value,
        position_title=checks.text(c.position_title, TITLE, "position title"),
        grade=grade or None,
        rank=c.rank,
        education=enum_value(Education, c.education, "education").value,
        decision=Decision(
            actor.nip, ADMIN, checks.text(c.legal_basis, LINE, "legal basis")
        ).as_event_fields(),
    )
    return Decided(official, result=official.nip)


def appoint_head(c: AppointHead, actor: Principal, repo: Repository) -> Decided:
    require_admin(actor, "appoint_heads")
    checks.day(c.effective_date, EFFECTIVE, "effective date")
    unit = repo.unit(checks.unit_code(c.unit_code))
    official = repo.official(c.nip)
    if official.position_type != unit.head_position:
        raise InvalidInput(
            "POSITION_MISMATCH",
            unit_name=unit.name,
            head_position=unit.head_position,
            official_name=official.name,
            position_type=official.position_type,
        )
    if official.head_of and official.head_of != unit.code:
        raise Conflict("ALREADY_HEADS_ANOTHER_UNIT", official_name=official.name, head_of=official.head_of)
    if unit.head_nip == official.nip:
        return Decided(result=unit.code)
    decision = Decision(
        actor.nip,
        ADMIN,
        checks.text(c.legal_basis, LINE, "legal basis"),
        effective_date=c.effective_date.isoformat(),
    ).as_event_fields()
    changed: list[Aggregate] = [unit, official]
    if unit.head_nip:
        previous = repo.official(unit.head_nip)
        previous.end_headship(unit_code=unit.code, decision=decision)
        changed.append(previous)
    unit.appoint_head(nip=official.nip, previous_nip=unit.head_nip, decision=decision)
    official.assume_headship(unit_code=unit.code, decision=decision)
    return Decided(*changed, result=unit.code)


HANDLERS = {EstablishUnit: establish_unit, RegisterOfficial: register_official, AppointHead: appoint_head}
