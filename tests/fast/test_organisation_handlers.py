"""Fast tier for the organisation and placement handlers (application.handlers.organisation,
application.handlers.placement)."""

from datetime import date

import pytest

from application.commands.organisation import (
    AppointHead,
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

ON = date(2024, 1, 2)


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


def test_establish_unit_records_the_unit_and_deepens_its_agency(given):
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
    assert names(events) == ["OrganisationUnit.Established", "OrganisationUnit.StructureDeepened"]


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
    successor = nip()
    g.given(
        ADMIN,
        RegisterOfficial(
            nip=successor,
            name="Pengganti",
            position_type="ADMINISTRATOR",
            position_title="Kabid",
            rank="IV/a",
            education="S1",
            legal_basis="SK",
        ),
    )
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
            valid_until=date(2024, 12, 31),
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
                valid_until=date(2024, 12, 31),
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
