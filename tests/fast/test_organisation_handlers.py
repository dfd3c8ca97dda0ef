"""Fast tier for the organisation and placement handlers (application.handlers.organisation,
application.handlers.placement)."""

from datetime import date

import pytest

from application.commands.organisation import (
    AppointHead,
    DeclareStructureType,
    DeclareUnitKerjaMandiri,
    Decree,
    EstablishUnit,
    GrantDelegation,
    PlaceOfficial,
    RegisterOfficial,
    RevokeDelegation,
)
from application.principal import Principal
from domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from tests.fast.conftest import ADMIN
from tests.support import nip

ON = date(2025, 1, 2)  # on or after the day every regulation took effect


def names(events: list[object]) -> list[str]:
    return [type(e).__qualname__ for e in events]


def agency(g) -> dict[str, str]:
    """An agency with a unit; the agency head, the unit head and a functional official, registered."""
    people = {"agency_head": nip(), "unit_head": nip(), "official": nip()}
    g.given(
        ADMIN,
        EstablishUnit(
            code="A", name="Dinas A", kind="DINAS", head_position="JPT_PRATAMA", legal_basis="SOTK"
        ),
        EstablishUnit(
            code="A.U1",
            name="Bidang 1",
            kind="BIDANG",
            head_position="ADMINISTRATOR",
            parent_code="A",
            legal_basis="SOTK",
        ),
        *(
            RegisterOfficial(
                nip=n,
                name="Pegawai",
                position_type=p,
                position_title=p,
                rank="IV/a",
                education="S1",
                legal_basis="SK",
                grade=grade,
            )
            for n, p, grade in (
                (people["agency_head"], "JPT_PRATAMA", None),
                (people["unit_head"], "ADMINISTRATOR", None),
                (people["official"], "FUNGSIONAL", "AHLI_PERTAMA"),
            )
        ),
        AppointHead(unit_code="A", nip=people["agency_head"], effective_date=ON, legal_basis="SK"),
        AppointHead(unit_code="A.U1", nip=people["unit_head"], effective_date=ON, legal_basis="SK"),
    )
    return people


def registered_administrator(g) -> str:
    """An Administrator registered but heading nothing yet: a successor for a unit head."""
    number = nip()
    g.given(
        ADMIN,
        RegisterOfficial(
            nip=number,
            name="Pengganti",
            position_type="ADMINISTRATOR",
            position_title="Kabid",
            rank="IV/a",
            education="S1",
            legal_basis="SK",
        ),
    )
    return number


def test_establish_unit_records_the_unit_and_counts_no_structural_level(given):
    """The structure type is declared, never counted from the units (banjarnegara-2024 Pasal 41-42)."""
    g = given()
    g.given(
        ADMIN,
        EstablishUnit(
            code="A", name="Dinas A", kind="DINAS", head_position="JPT_PRATAMA", legal_basis="SOTK"
        ),
    )
    outcome, events = g.when(
        ADMIN,
        EstablishUnit(
            code="a.u1",
            name="Bidang",
            kind="BIDANG",
            head_position="ADMINISTRATOR",
            parent_code="A",
            legal_basis="SOTK",
        ),
    )
    assert outcome.result == "A.U1"
    assert names(events) == ["OrganisationUnit.Established"]
    assert g.app.repo.unit("A").structure_type is None


def test_banjarnegara_pasal_41_structure_type_is_declared_with_its_basis(given):
    """Banjarnegara Pasal 41 huruf a: the SOTK establishing a Dinas declares its structure type; a
    later instrument may declare it again; a unit inside an agency has none."""
    g = given("banjarnegara-2024")
    _, events = g.when(
        ADMIN,
        EstablishUnit(
            code="A",
            name="Dinas A",
            kind="DINAS",
            head_position="JPT_PRATAMA",
            legal_basis="Perbup 12/2023 SOTK",
            structure_type="ONE_LEVEL",
        ),
    )
    assert names(events) == ["OrganisationUnit.Established", "OrganisationUnit.StructureTypeDeclared"]
    assert events[1].decision["legal_basis"] == "Perbup 12/2023 SOTK"
    _, declared = g.when(
        ADMIN,
        DeclareStructureType(
            agency_code="A", structure_type="TWO_LEVELS", legal_basis="Perbup 3/2025 perubahan SOTK"
        ),
    )
    assert [e.structure_type for e in declared] == ["TWO_LEVELS"]
    assert (
        g.when(
            ADMIN,
            DeclareStructureType(agency_code="A", structure_type="TWO_LEVELS", legal_basis="Perbup 3/2025"),
        )[1]
        == []
    )
    g.given(
        ADMIN,
        EstablishUnit(
            code="A.S",
            name="Sekretariat",
            kind="SEKRETARIAT",
            head_position="ADMINISTRATOR",
            parent_code="A",
            legal_basis="SOTK",
        ),
    )
    for command in (
        DeclareStructureType(agency_code="A.S", structure_type="ONE_LEVEL", legal_basis="SOTK"),
        EstablishUnit(
            code="A.B",
            name="Bidang",
            kind="BIDANG",
            head_position="ADMINISTRATOR",
            parent_code="A",
            legal_basis="SOTK",
            structure_type="ONE_LEVEL",
        ),
    ):
        with pytest.raises(InvalidInput) as refused:
            g.when(ADMIN, command)
        assert refused.value.code == "STRUCTURE_TYPE_FOR_AGENCIES"
    with pytest.raises(Forbidden):
        g.when(
            Principal(nip()),
            DeclareStructureType(agency_code="A", structure_type="ONE_LEVEL", legal_basis="x"),
        )


def one_level_dinas(g, structure_type: str | None) -> dict[str, str]:
    """A Banjarnegara Dinas with its Sekretariat (Pasal 42 ayat (2)), its head and a Pelaksana."""
    people = {"head": nip(), "sekretaris": nip(), "staff": nip()}
    g.given(
        ADMIN,
        EstablishUnit(
            code="D",
            name="Dinas D",
            kind="DINAS",
            head_position="JPT_PRATAMA",
            legal_basis="SOTK",
            structure_type=structure_type,
        ),
        EstablishUnit(
            code="D.S",
            name="Sekretariat",
            kind="SEKRETARIAT",
            head_position="ADMINISTRATOR",
            parent_code="D",
            legal_basis="SOTK",
        ),
        *(
            RegisterOfficial(
                nip=n,
                name="Pegawai",
                position_type=p,
                position_title=p,
                rank="III/a",
                education="S1",
                legal_basis="SK",
            )
            for n, p in (
                (people["head"], "JPT_PRATAMA"),
                (people["sekretaris"], "ADMINISTRATOR"),
                (people["staff"], "PELAKSANA"),
            )
        ),
        AppointHead(unit_code="D", nip=people["head"], effective_date=ON, legal_basis="SK"),
        AppointHead(unit_code="D.S", nip=people["sekretaris"], effective_date=ON, legal_basis="SK"),
    )
    return people


def test_banjarnegara_pasal_40_2_b_pelaksana_under_the_jpt_of_a_declared_one_level_dinas(given):
    """Banjarnegara Pasal 40 ayat (2) huruf b: reachable although the Dinas has a Sekretariat."""
    g = given("banjarnegara-2024")
    people = one_level_dinas(g, "ONE_LEVEL")
    _, events = g.when(
        ADMIN,
        PlaceOfficial(nip=people["staff"], unit_code="D", appraiser_nip=people["head"], effective_date=ON),
    )
    assert events[0].decision["legal_basis"] == (
        "banjarnegara-2024 Pasal 40 ayat (2) huruf b dan huruf d; Pasal 42 ayat (2) huruf c"
    )


def test_banjarnegara_pasal_17_5_without_a_declared_type_the_general_rule_refuses_the_jpt(given):
    g = given("banjarnegara-2024")
    people = one_level_dinas(g, None)
    with pytest.raises(InvalidInput) as refused:
        g.when(
            ADMIN,
            PlaceOfficial(
                nip=people["staff"], unit_code="D", appraiser_nip=people["head"], effective_date=ON
            ),
        )
    assert refused.value.details["citation"] == "banjarnegara-2024 Pasal 17 ayat (5)"


def test_banjarnegara_pasal_17_6_a_fungsional_appraises_only_a_declared_unit_kerja_mandiri(given):
    """Banjarnegara Pasal 17 ayat (2) and (6): "Pejabat Fungsional yang diangkat untuk memimpin suatu
    unit kerja mandiri"."""
    g = given("banjarnegara-2024")
    people = one_level_dinas(g, None)
    leader = nip()
    g.given(
        ADMIN,
        EstablishUnit(
            code="D.U",
            name="UPTD",
            kind="UPTD",
            head_position="FUNGSIONAL",
            parent_code="D",
            legal_basis="SOTK",
        ),
        RegisterOfficial(
            nip=leader,
            name="Dokter",
            position_type="FUNGSIONAL",
            position_title="Dokter",
            rank="III/d",
            education="S1",
            legal_basis="SK",
            grade="AHLI_MUDA",
        ),
        AppointHead(unit_code="D.U", nip=leader, effective_date=ON, legal_basis="SK"),
    )
    place = PlaceOfficial(nip=people["staff"], unit_code="D.U", appraiser_nip=leader, effective_date=ON)
    with pytest.raises(InvalidInput) as refused:
        g.when(ADMIN, place)
    assert refused.value.code == "APPRAISER_NOT_UNIT_KERJA_MANDIRI"
    _, declared = g.when(
        ADMIN, DeclareUnitKerjaMandiri(unit_code="D.U", mandiri=True, legal_basis="Perbup UPTD")
    )
    assert names(declared) == ["OrganisationUnit.UnitKerjaMandiriDeclared"]
    _, events = g.when(ADMIN, place)
    assert events[0].decision["legal_basis"] == (
        "banjarnegara-2024 Pasal 17 ayat (5); Pasal 17 ayat (2) dan ayat (6)"
    )


def test_establish_unit_refuses_a_code_in_use_and_a_non_administrator(given):
    g = given()
    g.given(
        ADMIN,
        EstablishUnit(
            code="A", name="Dinas A", kind="DINAS", head_position="JPT_PRATAMA", legal_basis="SOTK"
        ),
    )
    with pytest.raises(Conflict) as taken:
        g.when(
            ADMIN,
            EstablishUnit(
                code="A", name="Lagi", kind="DINAS", head_position="JPT_PRATAMA", legal_basis="SOTK"
            ),
        )
    assert taken.value.code == "UNIT_EXISTS"
    with pytest.raises(Forbidden):
        g.when(
            Principal(nip()),
            EstablishUnit(
                code="B", name="Dinas B", kind="DINAS", head_position="JPT_PRATAMA", legal_basis="SOTK"
            ),
        )


def test_register_official_records_them_and_refuses_a_grade_for_a_structural_position(given):
    g = given()
    number = nip()
    outcome, events = g.when(
        ADMIN,
        RegisterOfficial(
            nip=number,
            name="Sari",
            position_type="PELAKSANA",
            position_title="Pengadministrasi",
            rank="II/c",
            education="SMA",
            legal_basis="SK",
        ),
    )
    assert (outcome.result, names(events)) == (number, ["Official.Registered"])
    with pytest.raises(InvalidInput) as refused:
        g.when(
            ADMIN,
            RegisterOfficial(
                nip=nip(),
                name="Budi",
                position_type="ADMINISTRATOR",
                position_title="Kabid",
                rank="IV/a",
                education="S1",
                legal_basis="SK",
                grade="AHLI_MUDA",
            ),
        )
    assert refused.value.code == "GRADE_NOT_APPLICABLE"


def test_appoint_head_ends_the_previous_headship_and_is_a_no_op_when_repeated(given):
    g = given()
    people = agency(g)
    successor = registered_administrator(g)
    _, events = g.when(
        ADMIN, AppointHead(unit_code="A.U1", nip=successor, effective_date=ON, legal_basis="SK")
    )
    assert sorted(names(events)) == [
        "Official.HeadshipAssumed",
        "Official.HeadshipEnded",
        "OrganisationUnit.HeadAppointed",
    ]
    again, nothing = g.when(
        ADMIN, AppointHead(unit_code="A.U1", nip=successor, effective_date=ON, legal_basis="SK")
    )
    assert (again.position, nothing) == (0, [])
    with pytest.raises(InvalidInput) as refused:
        g.when(ADMIN, AppointHead(unit_code="A", nip=people["official"], effective_date=ON, legal_basis="SK"))
    assert refused.value.code == "POSITION_MISMATCH"


def test_place_official_cites_the_profile_and_refuses_self_appraisal(given):
    g = given()
    people = agency(g)
    outcome, events = g.when(
        ADMIN,
        PlaceOfficial(
            nip=people["official"], unit_code="A.U1", appraiser_nip=people["unit_head"], effective_date=ON
        ),
    )
    assert names(events) == ["Official.Placed"]
    assert events[0].decision["legal_basis"].startswith("kab-serang-2024 ")
    with pytest.raises(InvalidInput) as refused:
        g.when(
            ADMIN,
            PlaceOfficial(
                nip=people["official"], unit_code="A.U1", appraiser_nip=people["official"], effective_date=ON
            ),
        )
    assert refused.value.code == "SELF_APPRAISAL"
    with pytest.raises(NotFound):
        g.when(
            ADMIN,
            PlaceOfficial(nip=nip(), unit_code="A.U1", appraiser_nip=people["unit_head"], effective_date=ON),
        )


def test_the_decree_behind_a_placement_and_a_head_appointment_is_recorded(given):
    """Banjarnegara Pasal 17 ayat (7), Pemalang Pasal 8 ayat (4), Banyumas Pasal 8: the SK of the PPK."""
    g = given()
    people = agency(g)
    sk = {"number": "821/12/2024", "date": date(2024, 1, 2), "signed_by": "Bupati Serang selaku PPK"}
    _, events = g.when(
        ADMIN,
        PlaceOfficial(
            nip=people["official"],
            unit_code="A.U1",
            appraiser_nip=people["unit_head"],
            effective_date=ON,
            decree=sk,
        ),
    )
    assert events[0].decision["decree"] == {**sk, "date": "2024-01-02"}
    assert events[0].decision["legal_basis"] == (
        "kab-serang-2024 Pasal 6 ayat (1) dan ayat (4); Lampiran A; "
        "SK 821/12/2024 tanggal 2024-01-02 (Bupati Serang selaku PPK)"
    )
    successor = registered_administrator(g)
    _, appointed = g.when(
        ADMIN,
        AppointHead(
            unit_code="A.U1",
            nip=successor,
            effective_date=ON,
            legal_basis="Pelantikan",
            decree=Decree(number="821/13/2024", date=ON, signed_by="Bupati Serang"),
        ),
    )
    assert {e.decision["decree"]["number"] for e in appointed} == {"821/13/2024"}
    with pytest.raises(InvalidInput):
        g.when(
            ADMIN,
            PlaceOfficial(
                nip=people["official"],
                unit_code="A.U1",
                appraiser_nip=successor,
                effective_date=ON,
                decree={**sk, "number": " "},
            ),
        )


def test_grant_and_revoke_delegation_by_the_grantor_and_only_once(given):
    g = given()
    people = agency(g)
    head = Principal(people["unit_head"])
    granted, events = g.when(
        head,
        GrantDelegation(
            grantor_nip=people["unit_head"],
            delegate_nip=people["official"],
            valid_from=ON,
            valid_until=date(2025, 12, 31),
        ),
    )
    assert names(events) == ["Official.DelegationGranted"]
    revoke = RevokeDelegation(
        grantor_nip=people["unit_head"], delegation_id=granted.result["delegation_id"], reason="Selesai"
    )
    _, revoked = g.when(head, revoke)
    assert names(revoked) == ["Official.DelegationRevoked"]
    assert g.when(head, revoke)[1] == []  # already revoked: nothing more recorded
    with pytest.raises(Forbidden):
        g.when(
            Principal(people["official"]),
            GrantDelegation(
                grantor_nip=people["unit_head"],
                delegate_nip=people["agency_head"],
                valid_from=ON,
                valid_until=date(2025, 12, 31),
            ),
        )


def test_a_retried_key_answers_the_first_outcome_and_records_nothing_new(given):
    g = given()
    first, events = g.when(
        ADMIN,
        EstablishUnit(
            code="A",
            name="Dinas A",
            kind="DINAS",
            head_position="JPT_PRATAMA",
            legal_basis="SOTK",
            idempotency_key="k-1",
        ),
    )
    again, more = g.when(
        ADMIN,
        EstablishUnit(
            code="A",
            name="Dinas A",
            kind="DINAS",
            head_position="JPT_PRATAMA",
            legal_basis="SOTK",
            idempotency_key="k-1",
        ),
    )
    assert (again.result, again.replayed, more) == (first.result, True, [])
    with pytest.raises(Conflict) as reused:
        g.when(
            ADMIN,
            EstablishUnit(
                code="B",
                name="Dinas B",
                kind="DINAS",
                head_position="JPT_PRATAMA",
                legal_basis="SOTK",
                idempotency_key="k-1",
            ),
        )
    assert reused.value.code == "IDEMPOTENCY_KEY_REUSED"
