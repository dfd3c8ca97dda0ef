"""Placing officials under a performance appraiser (kedudukan) and delegating an appraiser's
authority ("pejabat lain yang diberi pendelegasian wewenang")."""

from datetime import date
from uuid import uuid4

from application import checks
from application.app import BaseApp
from application.checks import require_admin
from application.principal import Principal
from domain.decision import Capacity, Decision
from domain.errors import Forbidden, InvalidInput, NotFound
from domain.limits import DELEGATION_END, EFFECTIVE, LINE, TEXT
from domain.official import Official
from domain.placement import check_placement
from domain.positions import Grade, PositionType, UnitKind
from domain.profile import cite

ADMIN = Capacity(kind="ADMIN")
APPRAISER_AUTHORITY = "APPRAISER"
PLACEABLE = {PositionType.FUNGSIONAL.value, PositionType.PELAKSANA.value}


class PlacementCommands(BaseApp):
    def place_official(
        self, actor: Principal, *, nip: str, unit_code: str, appraiser_nip: str, effective_date: date,
    ) -> Official:
        require_admin(actor, "place_officials")
        checks.day(effective_date, EFFECTIVE, "effective date")
        official = self.get_official(nip)
        if official.position_type not in PLACEABLE:
            raise InvalidInput("NOT_PLACEABLE", official_name=official.name,
                               position_type=official.position_type)
        unit = self.get_unit(checks.unit_code(unit_code))
        if appraiser_nip == official.nip:
            raise InvalidInput("SELF_APPRAISAL")
        appraiser = self.get_official(appraiser_nip)
        if not appraiser.head_of:
            raise InvalidInput("APPRAISER_HOLDS_NO_POSITION", appraiser_name=appraiser.name)
        agency = unit if unit.is_agency else self.get_unit(unit.agency_code)
        legal_basis = check_placement(
            self.profile,
            position_type=PositionType(official.position_type),
            grade=Grade(official.grade) if official.grade else None,
            appraiser_position=PositionType(appraiser.position_type),
            appraiser_in_scope=unit.is_at_or_below(appraiser.head_of),
            agency_kind=UnitKind(agency.kind),
            agency_levels=agency.structure_levels,
        )
        decision = Decision(actor.nip, ADMIN, legal_basis, effective_date=effective_date.isoformat())
        official.place(unit_code=unit.code, appraiser_nip=appraiser.nip, previous=official.placement,
                       decision=decision.as_event_fields())
        self.save_decision(official)
        return official

    def grant_delegation(
        self, actor: Principal, *, grantor_nip: str, delegate_nip: str, valid_from: date,
        valid_until: date, legal_basis: str | None = None,
    ) -> str:
        grantor = self.get_official(grantor_nip)
        capacity = self._grantor_capacity(actor, grantor)
        if delegate_nip == grantor.nip:
            raise InvalidInput("SELF_DELEGATION")
        delegate = self.get_official(delegate_nip)
        checks.day(valid_from, EFFECTIVE, "valid from")
        checks.day(valid_until, DELEGATION_END, "valid until")
        checks.period(valid_from, valid_until)
        basis = cite(self.profile, self.profile.placement.citation)
        if legal_basis and legal_basis.strip():
            basis = f"{basis}; {checks.text(legal_basis, LINE, 'legal basis')}"
        delegation_id = str(uuid4())
        grantor.grant_delegation(
            delegation_id=delegation_id, delegate_nip=delegate.nip, authority=APPRAISER_AUTHORITY,
            valid_from=valid_from.isoformat(), valid_until=valid_until.isoformat(),
            decision=Decision(actor.nip, capacity, basis).as_event_fields(),
        )
        self.save_decision(grantor)
        return delegation_id

    def revoke_delegation(
        self, actor: Principal, *, grantor_nip: str, delegation_id: str, reason: str,
    ) -> None:
        grantor = self.get_official(grantor_nip)
        capacity = self._grantor_capacity(actor, grantor)
        grant = grantor.delegations.get(delegation_id)
        if grant is None:
            raise NotFound("DELEGATION_NOT_FOUND", grantor_name=grantor.name, delegation_id=delegation_id)
        if grant["revoked"]:
            return
        grantor.revoke_delegation(
            delegation_id=delegation_id,
            decision=Decision(actor.nip, capacity, cite(self.profile, self.profile.placement.citation),
                              reason=checks.text(reason, TEXT, "reason")).as_event_fields(),
        )
        self.save_decision(grantor)

    def _grantor_capacity(self, actor: Principal, grantor: Official) -> Capacity:
        """The grantor delegates their own appraiser authority; the administrator may record it."""
        if not grantor.head_of:
            raise InvalidInput("NOTHING_TO_DELEGATE", grantor_name=grantor.name)
        if actor.nip == grantor.nip:
            return Capacity(kind="POSITION", unit_code=grantor.head_of, position=grantor.position_type)
        if actor.is_admin:
            return ADMIN
        raise Forbidden("NOT_AUTHORISED", case="delegations", grantor_name=grantor.name)
