"""Commands on the organisation: establishing units, registering officials, appointing heads."""

from datetime import date

from application import checks
from application.app import BaseApp
from application.checks import enum_value, require_admin
from application.principal import Principal
from domain.decision import Capacity, Decision
from domain.errors import Conflict, InvalidInput
from domain.ids import official_id, unit_id
from domain.limits import EFFECTIVE, LINE, NAME, TITLE
from domain.nip import parse_employee_number
from domain.official import Official
from domain.organisation import OrganisationUnit
from domain.positions import (
    AGENCY_KINDS, STRUCTURAL, PNS_RANKS, PPPK_RANKS, Education, EmployeeType, Grade, PositionType, UnitKind,
)

ADMIN = Capacity(kind="ADMIN")


class OrganisationCommands(BaseApp):
    def establish_unit(
        self, actor: Principal, *, code: str, name: str, kind: str, head_position: str,
        parent_code: str | None, legal_basis: str,
    ) -> OrganisationUnit:
        require_admin(actor, "establish_units")
        code = checks.unit_code(code)
        unit_kind = enum_value(UnitKind, kind, "unit kind")
        head = enum_value(PositionType, head_position, "head position")
        if self.exists(unit_id(code)):
            raise Conflict("UNIT_EXISTS", unit=code)
        deeper: list[OrganisationUnit] = []
        if parent_code:
            parent = self.get_unit(checks.unit_code(parent_code))
            level, ancestors = parent.level + 1, [*parent.ancestors, parent.code]
            agency = parent if parent.is_agency else self.get_unit(parent.agency_code)
            if head.value in STRUCTURAL and level > agency.structure_levels:
                deeper.append(agency)
        elif unit_kind not in AGENCY_KINDS:
            raise InvalidInput("PARENT_REQUIRED", unit_kind=unit_kind.value)
        else:
            level, ancestors = 1, []
        decision = Decision(actor.nip, ADMIN, checks.text(legal_basis, LINE, "legal basis")).as_event_fields()
        unit = OrganisationUnit(
            code=code, name=checks.text(name, TITLE, "name"), kind=unit_kind.value, level=level,
            head_position=head.value, parent_code=ancestors[-1] if ancestors else None,
            ancestors=ancestors, decision=decision,
        )
        for agency in deeper:  # a structural unit one level deeper than any before it
            agency.deepen_structure(levels=level, decision=decision)
        self.save_decision(unit, *deeper)
        return unit

    def register_official(
        self, actor: Principal, *, nip: str, employee_type: str, name: str, position_type: str,
        position_title: str, grade: str | None, rank: str, education: str, legal_basis: str,
    ) -> Official:
        require_admin(actor, "register_officials")
        kind = enum_value(EmployeeType, employee_type, "employee type")
        number = parse_employee_number(nip, kind).value
        position = enum_value(PositionType, position_type, "position type")
        if position is PositionType.FUNGSIONAL:
            if not grade:
                raise InvalidInput("GRADE_REQUIRED", field="grade")
            grade = enum_value(Grade, grade, "grade").value
        elif grade:
            raise InvalidInput("GRADE_NOT_APPLICABLE", field="grade")
        ranks = PNS_RANKS if kind is EmployeeType.PNS else PPPK_RANKS
        if rank not in ranks:
            raise InvalidInput("INVALID_RANK", field="rank", rank=rank, kind=kind.value, ranks=list(ranks))
        if self.exists(official_id(number)):
            raise Conflict("OFFICIAL_EXISTS", nip=number)
        official = Official(
            nip=number, employee_type=kind.value, name=checks.text(name, NAME, "name"),
            position_type=position.value, position_title=checks.text(position_title, TITLE, "position title"),
            grade=grade or None, rank=rank, education=enum_value(Education, education, "education").value,
            decision=Decision(actor.nip, ADMIN, checks.text(legal_basis, LINE, "legal basis")).as_event_fields(),
        )
        self.save_decision(official)
        return official

    def appoint_head(
        self, actor: Principal, *, unit_code: str, nip: str, effective_date: date, legal_basis: str,
    ) -> OrganisationUnit:
        require_admin(actor, "appoint_heads")
        checks.day(effective_date, EFFECTIVE, "effective date")
        unit = self.get_unit(checks.unit_code(unit_code))
        official = self.get_official(nip)
        if official.position_type != unit.head_position:
            raise InvalidInput("POSITION_MISMATCH", unit_name=unit.name, head_position=unit.head_position,
                               official_name=official.name,
                               position_type=official.position_type)
        if official.head_of and official.head_of != unit.code:
            raise Conflict("ALREADY_HEADS_ANOTHER_UNIT", official_name=official.name,
                           head_of=official.head_of)
        if unit.head_nip == official.nip:
            return unit
        decision = Decision(actor.nip, ADMIN, checks.text(legal_basis, LINE, "legal basis"),
                            effective_date=effective_date.isoformat()).as_event_fields()
        changed: list[object] = [unit, official]
        if unit.head_nip:
            previous = self.get_official(unit.head_nip)
            previous.end_headship(unit_code=unit.code, decision=decision)
            changed.append(previous)
        unit.appoint_head(nip=official.nip, previous_nip=unit.head_nip, decision=decision)
        official.assume_headship(unit_code=unit.code, decision=decision)
        self.save_decision(*changed)
        return unit
