"""Establishing units and declaring their structure type and unit kerja mandiri, registering
officials, appointing heads: the administrator's decisions."""

from eventsourcing.domain import Aggregate

from application import checks
from application.checks import enum_value, require_admin
from application.commands.organisation import (
    AppointHead,
    DeclareAgencyAffairs,
    DeclareStructureType,
    DeclareUnitKerjaMandiri,
    Decree,
    EstablishUnit,
    RegisterOfficial,
)
from application.pipeline import Decided
from application.principal import Principal
from application.repository import Repository
from domain.decision import Capacity, Decision
from domain.errors import Conflict, InvalidInput
from domain.ids import official_id, unit_id
from domain.limits import EFFECTIVE, LINE, NAME, REFERENCE, TITLE
from domain.nip import parse_employee_number
from domain.official import Official
from domain.organisation import GovernmentAffair, OrganisationUnit, StructureType
from domain.positions import (
    AGENCY_KINDS,
    PNS_RANKS,
    PPPK_RANKS,
    Education,
    EmployeeType,
    Grade,
    PositionType,
    UnitKind,
)

ADMIN = Capacity(kind="ADMIN")


def decided_with_decree(decision: Decision | dict, decree: Decree | None) -> dict:
    """The decision's event fields (or the fields themselves) with the SK it rests on: a `decree`
    field, and the SK named after the legal basis so that the ledger's one line shows it."""
    fields = dict(decision) if isinstance(decision, dict) else decision.as_event_fields()
    if decree is None:
        return fields
    number = checks.text(decree.number, REFERENCE, "decree number")
    signed_by = checks.text(decree.signed_by, TITLE, "decree signed by")
    day = checks.day(decree.date, EFFECTIVE, "decree date").isoformat()
    fields["decree"] = {"number": number, "date": day, "signed_by": signed_by}
    fields["legal_basis"] = f"{fields['legal_basis']}; SK {number} tanggal {day} ({signed_by})"
    return fields


def establish_unit(c: EstablishUnit, actor: Principal, repo: Repository) -> Decided:
    require_admin(actor, "establish_units")
    code = checks.unit_code(c.code)
    unit_kind = enum_value(UnitKind, c.kind, "unit kind")
    head = enum_value(PositionType, c.head_position, "head position")
    if repo.exists(unit_id(code)):
        raise Conflict("UNIT_EXISTS", unit=code)
    if c.parent_code:
        parent = repo.unit(checks.unit_code(c.parent_code))
        level, ancestors = parent.level + 1, [*parent.ancestors, parent.code]
    elif unit_kind not in AGENCY_KINDS:
        raise InvalidInput("PARENT_REQUIRED", unit_kind=unit_kind.value)
    else:
        level, ancestors = 1, []
    if c.structure_type is not None and ancestors:
        raise InvalidInput("STRUCTURE_TYPE_FOR_AGENCIES", field="structure_type", unit=code)
    structure = enum_value(StructureType, c.structure_type, "structure type") if c.structure_type else None
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
    # Declared by the same instrument (the SOTK) that establishes the unit.
    if structure is not None:
        unit.declare_structure_type(structure_type=structure.value, decision=decision)
    if c.unit_kerja_mandiri:
        unit.declare_unit_kerja_mandiri(mandiri=True, decision=decision)
    return Decided(unit, result=unit.code)


def declare_structure_type(c: DeclareStructureType, actor: Principal, repo: Repository) -> Decided:
    """An agency's structure type as its SOTK states it, with that basis (placement's structure_types)."""
    require_admin(actor, "establish_units")
    agency = repo.unit(checks.unit_code(c.agency_code))
    if not agency.is_agency:
        raise InvalidInput("STRUCTURE_TYPE_FOR_AGENCIES", field="agency_code", unit=agency.code)
    structure = enum_value(StructureType, c.structure_type, "structure type")
    basis = checks.text(c.legal_basis, LINE, "legal basis")
    if agency.structure_type == structure.value:
        return Decided(result=agency.code)
    agency.declare_structure_type(
        structure_type=structure.value, decision=Decision(actor.nip, ADMIN, basis).as_event_fields()
    )
    return Decided(agency, result=agency.code)


def declare_agency_affairs(c: DeclareAgencyAffairs, actor: Principal, repo: Repository) -> Decided:
    """The government affairs an agency carries out, as its SOTK states them, with that basis
    (e.g. the investment affairs a Koordinator needs: teams.coordinator.agency_affair)."""
    require_admin(actor, "establish_units")
    agency = repo.unit(checks.unit_code(c.agency_code))
    if not agency.is_agency:
        raise InvalidInput("AFFAIRS_FOR_AGENCIES", field="agency_code", unit=agency.code)
    affairs = sorted({enum_value(GovernmentAffair, a, "affair").value for a in c.affairs})
    basis = checks.text(c.legal_basis, LINE, "legal basis")
    if agency.affairs == affairs:
        return Decided(result=agency.code)
    agency.declare_affairs(affairs=affairs, decision=Decision(actor.nip, ADMIN, basis).as_event_fields())
    return Decided(agency, result=agency.code)


def declare_unit_kerja_mandiri(c: DeclareUnitKerjaMandiri, actor: Principal, repo: Repository) -> Decided:
    """Whether a unit is a unit kerja mandiri, with its basis (placement.fungsional_appraiser_mandiri)."""
    require_admin(actor, "establish_units")
    unit = repo.unit(checks.unit_code(c.unit_code))
    basis = checks.text(c.legal_basis, LINE, "legal basis")
    if unit.unit_kerja_mandiri == c.mandiri:
        return Decided(result=unit.code)
    unit.declare_unit_kerja_mandiri(
        mandiri=c.mandiri, decision=Decision(actor.nip, ADMIN, basis).as_event_fields()
    )
    return Decided(unit, result=unit.code)


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
    decision = decided_with_decree(
        Decision(
            actor.nip,
            ADMIN,
            checks.text(c.legal_basis, LINE, "legal basis"),
            effective_date=c.effective_date.isoformat(),
        ),
        c.decree,
    )
    changed: list[Aggregate] = [unit, official]
    if unit.head_nip:
        previous = repo.official(unit.head_nip)
        previous.end_headship(unit_code=unit.code, decision=decision)
        changed.append(previous)
    unit.appoint_head(nip=official.nip, previous_nip=unit.head_nip, decision=decision)
    official.assume_headship(unit_code=unit.code, decision=decision)
    return Decided(*changed, result=unit.code)


HANDLERS = {
    EstablishUnit: establish_unit,
    DeclareStructureType: declare_structure_type,
    DeclareAgencyAffairs: declare_agency_affairs,
    DeclareUnitKerjaMandiri: declare_unit_kerja_mandiri,
    RegisterOfficial: register_official,
    AppointHead: appoint_head,
}
