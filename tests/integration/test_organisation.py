"""The organisation and placement commands, on SQLite and on a real PostgreSQL."""

from datetime import date

import pytest

from application.commands.organisation import (
    AppointHead,
    EstablishUnit,
    GrantDelegation,
    PlaceOfficial,
    RevokeDelegation,
)
from application.principal import Principal
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from projections.organisation.queries import OrganisationQueries
from tests.support import build_agency, nip, register


def test_an_agency_tree_with_heads_is_established_and_projected(system, admin):
    agency = build_agency(system.app, admin)
    queries = OrganisationQueries(system.store)
    tree = queries.units()
    assert [unit["code"] for unit in tree] == ["DINKES", "DINKES.U1", "DINKES.U1.S1"]
    assert [unit["level"] for unit in tree] == [1, 2, 3]
    assert {unit["agency_code"] for unit in tree} == {"DINKES"}
    assert queries.unit("DINKES.U1")["head_nip"] == agency.unit_head
    assert queries.official(agency.unit_head)["head_of"] == "DINKES.U1"


def test_only_the_administrator_manages_the_organisation(system, admin):
    official = Principal(nip=nip())
    with pytest.raises(Forbidden) as refused:
        system.app.handle(
            official,
            EstablishUnit(
                code="X",
                name="X",
                kind="DINAS",
                head_position="JPT_PRATAMA",
                parent_code=None,
                legal_basis="Perbup",
            ),
        )
    assert refused.value.code == "NOT_AUTHORISED"
    assert OrganisationQueries(system.store).units() == []


def test_a_unit_inside_an_agency_needs_its_parent(system, admin):
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            EstablishUnit(
                code="B1",
                name="Bidang",
                kind="BIDANG",
                head_position="ADMINISTRATOR",
                parent_code=None,
                legal_basis="Perbup",
            ),
        )
    assert refused.value.code == "PARENT_REQUIRED"
    with pytest.raises(NotFound):
        system.app.handle(
            admin,
            EstablishUnit(
                code="B1",
                name="Bidang",
                kind="BIDANG",
                head_position="ADMINISTRATOR",
                parent_code="NOPE",
                legal_basis="Perbup",
            ),
        )


def test_a_duplicate_unit_or_official_is_a_conflict_and_records_nothing(system, admin):
    agency = build_agency(system.app, admin)
    before = system.app.recorder.max_notification_id()
    with pytest.raises(Conflict):
        system.app.handle(
            admin,
            EstablishUnit(
                code=agency.agency,
                name="Again",
                kind="DINAS",
                head_position="JPT_PRATAMA",
                parent_code=None,
                legal_basis="Perbup",
            ),
        )
    with pytest.raises(Conflict):
        register(system.app, admin, position_type="PELAKSANA", number=agency.unit_head)
    assert system.app.recorder.max_notification_id() == before


def test_a_head_must_hold_the_position_the_unit_is_led_by(system, admin):
    agency = build_agency(system.app, admin)
    pelaksana = register(system.app, admin, position_type="PELAKSANA")
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            AppointHead(
                unit_code=agency.unit, nip=pelaksana, effective_date=date(2024, 5, 1), legal_basis="SK"
            ),
        )
    assert refused.value.code == "POSITION_MISMATCH"


def test_a_new_head_replaces_the_previous_one(system, admin):
    agency = build_agency(system.app, admin)
    successor = register(system.app, admin, position_type="ADMINISTRATOR", rank="IV/a")
    system.app.handle(
        admin,
        AppointHead(
            unit_code=agency.unit, nip=successor, effective_date=date(2025, 1, 6), legal_basis="SK mutasi"
        ),
    )
    queries = OrganisationQueries(system.store)
    assert queries.unit(agency.unit)["head_nip"] == successor
    assert queries.unit(agency.unit)["head_since"] == "2025-01-06"
    assert queries.official(agency.unit_head)["head_of"] is None


def test_registration_validates_grade_rank_and_nip(system, admin):
    with pytest.raises(InvalidInput, match="grade"):
        register(system.app, admin, position_type="FUNGSIONAL")
    with pytest.raises(InvalidInput) as refused:
        register(system.app, admin, position_type="PELAKSANA", rank="III/e")
    assert refused.value.code == "INVALID_RANK"
    with pytest.raises(InvalidInput) as refused:
        register(system.app, admin, position_type="PELAKSANA", number="198502302010011002")
    assert refused.value.code == "INVALID_NIP"


def test_kab_serang_places_a_pelaksana_under_the_kepala_bidang_lampiran_a(system, admin):
    """Kab. Serang Pasal 6 and Lampiran A: a Pelaksana of a Seksi stands under the Kepala Bidang; the
    Kepala Seksi only coordinates "seperti ketua tim"."""
    agency = build_agency(system.app, admin)
    pelaksana = register(system.app, admin, position_type="PELAKSANA", rank="II/c", education="SMA")
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            PlaceOfficial(
                nip=pelaksana,
                unit_code=agency.subunit,
                appraiser_nip=agency.subunit_head,
                effective_date=date(2025, 3, 3),
            ),
        )
    assert refused.value.code == "PLACEMENT_NOT_ALLOWED"
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=pelaksana,
            unit_code=agency.subunit,
            appraiser_nip=agency.unit_head,
            effective_date=date(2025, 3, 3),
        ),
    )
    queries = OrganisationQueries(system.store)
    row = queries.official(pelaksana)
    assert (row["unit_code"], row["appraiser_nip"], row["placed_since"]) == (
        agency.subunit,
        agency.unit_head,
        "2025-03-03",
    )
    [history] = queries.placement_history(pelaksana)
    assert history["legal_basis"] == "kab-serang-2024 Pasal 6 ayat (1) dan ayat (4); Lampiran A"
    assert history["actor_nip"] == admin.nip


def test_an_appraiser_must_head_the_unit_or_one_above_it(system, admin):
    agency = build_agency(system.app, admin)
    other = build_agency(system.app, admin, code="DISDIK")
    pelaksana = register(system.app, admin, position_type="PELAKSANA")
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            PlaceOfficial(
                nip=pelaksana,
                unit_code=agency.subunit,
                appraiser_nip=other.subunit_head,
                effective_date=date(2025, 3, 3),
            ),
        )
    assert refused.value.code == "APPRAISER_OUT_OF_SCOPE"
    assert OrganisationQueries(system.store).placement_history(pelaksana) == []


def test_structural_officials_are_not_placed_under_an_appraiser(system, admin):
    agency = build_agency(system.app, admin)
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            PlaceOfficial(
                nip=agency.subunit_head,
                unit_code=agency.subunit,
                appraiser_nip=agency.unit_head,
                effective_date=date(2025, 3, 3),
            ),
        )
    assert refused.value.code == "NOT_PLACEABLE"


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_places_ahli_utama_only_under_a_jpt_pratama(system, admin):
    """Banjarnegara Pasal 17 ayat (4) huruf a: Ahli Utama and Madya under the JPT Pratama."""
    agency = build_agency(system.app, admin)
    expert = register(
        system.app, admin, position_type="FUNGSIONAL", grade="AHLI_UTAMA", rank="IV/d", education="S3"
    )
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            PlaceOfficial(
                nip=expert,
                unit_code=agency.unit,
                appraiser_nip=agency.unit_head,
                effective_date=date(2025, 3, 3),
            ),
        )
    assert refused.value.code == "PLACEMENT_NOT_ALLOWED"
    assert "Pasal 17" in refused.value.message_en
    system.app.handle(
        admin,
        PlaceOfficial(
            nip=expert,
            unit_code=agency.unit,
            appraiser_nip=agency.agency_head,
            effective_date=date(2025, 3, 3),
        ),
    )
    [history] = OrganisationQueries(system.store).placement_history(expert)
    assert history["legal_basis"] == "banjarnegara-2024 Pasal 17 ayat (4) huruf a"


def test_a_delegation_is_granted_by_the_appraiser_and_revoked_with_a_reason(system, admin):
    agency = build_agency(system.app, admin)
    deputy = register(system.app, admin, position_type="FUNGSIONAL", grade="AHLI_MUDA")
    head = Principal(nip=agency.unit_head)
    delegation_id = system.app.handle(
        head,
        GrantDelegation(
            grantor_nip=agency.unit_head,
            delegate_nip=deputy,
            valid_from=date(2024, 6, 1),
            valid_until=date(2024, 6, 30),
        ),
    ).result["delegation_id"]
    holders = system.app.roles.head_of_unit(agency.unit)  # the write side's own question: may the deputy act?
    assert system.app.roles.capacity_of(deputy, holders, date(2024, 6, 15)).kind == "DELEGATION"
    assert system.app.roles.capacity_of(deputy, holders, date(2024, 7, 1)) is None
    with pytest.raises(Forbidden):
        system.app.handle(
            Principal(nip=deputy),
            RevokeDelegation(grantor_nip=agency.unit_head, delegation_id=delegation_id, reason="x"),
        )
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            head, RevokeDelegation(grantor_nip=agency.unit_head, delegation_id=delegation_id, reason=" ")
        )
    assert refused.value.code == "REQUIRED"
    system.app.handle(
        head,
        RevokeDelegation(
            grantor_nip=agency.unit_head, delegation_id=delegation_id, reason="Kembali bertugas"
        ),
    )
    [row] = OrganisationQueries(system.store).delegations(delegate_nip=deputy)
    assert row["revoke_reason"] == "Kembali bertugas" and row["revoked_at"]
    assert system.app.roles.capacity_of(deputy, holders, date(2024, 6, 15)) is None


def test_a_delegation_period_must_not_end_before_it_starts(system, admin):
    agency = build_agency(system.app, admin)
    deputy = register(system.app, admin, position_type="PELAKSANA")
    with pytest.raises(InvalidInput) as refused:
        system.app.handle(
            admin,
            GrantDelegation(
                grantor_nip=agency.unit_head,
                delegate_nip=deputy,
                valid_from=date(2024, 6, 30),
                valid_until=date(2024, 6, 1),
            ),
        )
    assert refused.value.code == "INVALID_PERIOD"


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_one_level_dinas_places_staff_under_its_head_pasal_40_ayat_2_huruf_b(system, admin):
    """Banjarnegara Pasal 40 ayat (2) huruf b: in a Dinas/Badan declared of one structural level,
    Pelaksana stand under the JPT Pratama although it keeps a Sekretariat (Pasal 42 ayat (2)); an
    agency that declared no type, whatever units it has, gets the general rule (Pasal 17 ayat (5))."""
    app = system.app
    app.handle(
        admin,
        EstablishUnit(
            code="DINSOS",
            name="Dinas Sosial",
            kind="DINAS",
            head_position="JPT_PRATAMA",
            parent_code=None,
            legal_basis="Perbup SOTK",
            structure_type="ONE_LEVEL",
        ),
    )
    app.handle(
        admin,
        EstablishUnit(
            code="DINSOS.SEK",
            name="Sekretariat",
            kind="SEKRETARIAT",
            head_position="ADMINISTRATOR",
            parent_code="DINSOS",
            legal_basis="Perbup SOTK",
        ),
    )
    head = register(app, admin, position_type="JPT_PRATAMA", rank="IV/c")
    app.handle(
        admin, AppointHead(unit_code="DINSOS", nip=head, effective_date=date(2024, 1, 2), legal_basis="SK")
    )
    staff = register(app, admin, position_type="PELAKSANA", rank="II/c", education="SMA")
    app.handle(
        admin,
        PlaceOfficial(nip=staff, unit_code="DINSOS", appraiser_nip=head, effective_date=date(2025, 3, 3)),
    )
    [history] = OrganisationQueries(system.store).placement_history(staff)
    assert history["legal_basis"] == (
        "banjarnegara-2024 Pasal 40 ayat (2) huruf b dan huruf d; Pasal 42 ayat (2) huruf c"
    )

    agency = build_agency(app, admin, code="DINKES")  # JPT > Administrator > Pengawas, no declared type
    other = register(app, admin, position_type="PELAKSANA", rank="II/c", education="SMA")
    with pytest.raises(InvalidInput) as refused:
        app.handle(
            admin,
            PlaceOfficial(
                nip=other,
                unit_code=agency.agency,
                appraiser_nip=agency.agency_head,
                effective_date=date(2025, 3, 3),
            ),
        )
    assert refused.value.code == "PLACEMENT_NOT_ALLOWED" and "Pasal 17 ayat (5)" in refused.value.message_en
