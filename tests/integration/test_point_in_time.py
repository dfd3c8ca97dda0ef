"""Point in time: aggregates replayed up to an instant, on SQLite and on a real PostgreSQL."""

import time
from datetime import UTC, date, datetime

from application.commands.organisation import AppointHead, GrantDelegation, PlaceOfficial, RevokeDelegation
from application.inspection import Inspection
from application.principal import Principal
from domain.ids import unit_id
from tests.support import build_agency, register


def moment() -> datetime:
    time.sleep(0.02)  # events on either side of it get distinct timestamps
    instant = datetime.now(UTC)
    time.sleep(0.02)
    return instant


def test_a_unit_and_its_head_as_they_were(system, admin):
    before_anything = moment()
    agency = build_agency(system.app, admin)
    first_head = moment()
    successor = register(system.app, admin, position_type="ADMINISTRATOR", rank="IV/a")
    system.app.handle(
        admin,
        AppointHead(
            unit_code=agency.unit, nip=successor, effective_date=date(2024, 7, 1), legal_basis="SK mutasi"
        ),
    )
    inspection = Inspection(system.app)
    assert inspection.unit_as_of(agency.unit, before_anything) is None
    assert inspection.unit_as_of(agency.unit, first_head).head_nip == agency.unit_head
    assert inspection.unit_as_of(agency.unit, datetime.now(UTC)).head_nip == successor
    assert inspection.official_as_of(agency.unit_head, first_head).head_of == agency.unit
    assert inspection.official_as_of(agency.unit_head, datetime.now(UTC)).head_of is None
    codes = [agency.agency, agency.unit, agency.subunit]
    assert [u.code for u in inspection.units_as_of(codes, before_anything)] == []
    assert [u.head_nip for u in inspection.units_as_of(codes, first_head)] == [
        agency.agency_head,
        agency.unit_head,
        agency.subunit_head,
    ]


def test_an_officials_placement_and_appraiser_as_they_were(system, admin):
    agency = build_agency(system.app, admin)
    staff = register(system.app, admin, position_type="FUNGSIONAL", grade="AHLI_PERTAMA")
    registered = moment()
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=staff,
            unit_code=agency.subunit,
            appraiser_nip=agency.agency_head,
            effective_date=date(2024, 3, 1),
        ),
    )
    first_placement = moment()
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=staff, unit_code=agency.unit, appraiser_nip=agency.unit_head, effective_date=date(2024, 9, 1)
        ),
    )
    inspection = Inspection(system.app)
    assert inspection.official_as_of(staff, registered).placement is None
    then = inspection.official_as_of(staff, first_placement).placement
    assert then == {
        "unit_code": agency.subunit,
        "appraiser_nip": agency.agency_head,
        "effective_date": "2024-03-01",
        "decree": None,
    }
    assert inspection.official_as_of(staff, datetime.now(UTC)).placement["appraiser_nip"] == agency.unit_head


def test_who_held_a_delegation_before_and_after_its_revocation(system, admin):
    agency = build_agency(system.app, admin)
    head = Principal(nip=agency.unit_head)
    delegation = system.app.handle(
        head,
        GrantDelegation(
            grantor_nip=agency.unit_head,
            delegate_nip=agency.subunit_head,
            valid_from=date(2020, 1, 1),
            valid_until=date(2099, 12, 31),
        ),
    ).result["delegation_id"]
    granted = moment()
    system.app.handle(
        head, RevokeDelegation(grantor_nip=agency.unit_head, delegation_id=delegation, reason="Selesai")
    )
    inspection = Inspection(system.app)
    held = inspection.delegations_held_as_of(agency.subunit_head, [agency.unit_head], granted)
    assert [(d["delegation_id"], d["grantor_nip"]) for d in held] == [(delegation, agency.unit_head)]
    assert inspection.delegations_held_as_of(agency.subunit_head, [agency.unit_head], datetime.now(UTC)) == []


def test_a_naive_instant_is_read_as_utc_and_history_lists_every_event(system, admin):
    agency = build_agency(system.app, admin)
    naive_now = datetime.now(UTC).replace(tzinfo=None)
    inspection = Inspection(system.app)
    assert inspection.aggregate_as_of(unit_id(agency.unit), naive_now).head_nip == agency.unit_head
    history = inspection.history(unit_id(agency.unit))
    assert [event.version for event in history] == [1, 2]
    assert history[1].details == {"nip": agency.unit_head, "previous_nip": None}
    assert history[1].decision["legal_basis"] == "SK jabatan"
