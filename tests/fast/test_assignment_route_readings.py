"""Fast tier: the route readings of issue 10 (items 6, 9, 10, 12) as the events record them."""

from dataclasses import replace
from datetime import date

import pytest

from application.commands.assignments import ApproveStep, DesignateUnit, NameOfficials, RequestAssignment
from application.commands.organisation import PlaceOfficial
from application.principal import Principal
from domain.errors import InvalidInput
from tests.fast.conftest import ADMIN
from tests.support import build_world, register

START, END = date(2025, 1, 1), date(2025, 6, 30)
IN_FORCE = date(2025, 1, 2)  # Banyumas Pasal 20: in force from 2 January 2025


def test_banyumas_lampiran_b_2_huruf_c_the_request_records_the_direct_tasking_rule(given):
    g = given("banyumas-2024")
    w = build_world(g.app, ADMIN)
    madya = register(
        g.app, ADMIN, position_type="FUNGSIONAL", grade="AHLI_MADYA", rank="IV/a", education="S2"
    )
    g.given(
        ADMIN, PlaceOfficial(nip=madya, unit_code="A", appraiser_nip=w.a.agency_head, effective_date=IN_FORCE)
    )
    request = RequestAssignment(
        mode="APPOINTMENT",
        scope="WITHIN_UNIT",
        owning_unit_code="A.U2",
        work="Kajian kebijakan",
        period_start=START,
        period_end=END,
        official_nips=[madya],
    )
    _, events = g.when(Principal(w.heads["A.U2"]), request)
    assert events[0].scope == "WITHIN_UNIT" and events[0].official_unit == "A"
    assert events[0].decision["scope_basis"] == "banyumas-2024 Lampiran BAB II B.2 huruf c"
    # Where the officials stand within the unit, no rule is needed and none is recorded.
    _, events = g.when(
        Principal(w.a.unit_head), replace(request, owning_unit_code="A.U1", official_nips=[w.official])
    )
    assert "scope_basis" not in events[0].decision


def test_kab_serang_lampiran_b_1_c_the_designation_moves_the_official_unit_and_an_empty_list_is_refused(
    given,
):
    g = given("kab-serang-2024")
    w = build_world(g.app, ADMIN)
    made = g.given(
        Principal(w.b.unit_head),
        RequestAssignment(
            mode="APPOINTMENT",
            scope="CROSS_AGENCY",
            owning_unit_code=w.b.unit,
            work="Peta stunting",
            period_start=START,
            period_end=END,
            criteria="Analis data",
            official_unit_code="A",
            request_letter={"purpose": "p", "competencies": "c", "expected_target": "t"},
        ),
    )[0].result
    g.given(Principal(w.b.agency_head), ApproveStep(assignment_id=made, step=2))
    _, events = g.when(
        Principal(w.a.agency_head), DesignateUnit(assignment_id=made, step=3, unit_code=w.a.unit)
    )
    assert (events[0].official_unit, events[0].role) == (w.a.unit, "OFFICIAL_AGENCY_HEAD")
    assert g.app.repo.assignment(made).official_unit == w.a.unit
    with pytest.raises(InvalidInput) as empty:
        g.when(Principal(w.a.unit_head), NameOfficials(assignment_id=made, step=4, nips=[]))
    assert empty.value.code == "NONE_AVAILABLE"
    assert g.app.repo.assignment(made).version == 3  # nothing recorded
