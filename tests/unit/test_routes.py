"""The pure route rules: which route applies, refusals with reasons, scope of two units, the
letter number, and which roles belong to the other government."""

from datetime import date

import pytest

from domain.errors import InvalidInput
from domain.profile import Mode, Scope, cite, list_profiles, load_profile
from domain.routes import (
    UnitPlace,
    is_other_government,
    letter_number,
    next_step,
    route_for,
    scope_between,
    steps_snapshot,
)

PAIRS = [
    pytest.param(p, m, s, id=f"{p}-{m.value}-{s.value}") for p in list_profiles() for m in Mode for s in Scope
]


@pytest.mark.parametrize(("profile_id", "mode", "scope"), PAIRS)
def test_every_mode_and_scope_has_a_route_or_a_cited_refusal(profile_id, mode, scope):
    profile = load_profile(profile_id)
    route = profile.assignment.route(mode, scope)
    if route is not None:
        assert route_for(profile, mode, scope) is route
        steps = steps_snapshot(profile, route)
        assert [s["citation"] for s in steps] == [cite(profile, s.citation) for s in route.steps]
        return
    refusal = profile.assignment.refusal(mode, scope)
    with pytest.raises(InvalidInput) as refused:
        route_for(profile, mode, scope)
    assert refused.value.code == "ROUTE_NOT_ALLOWED"
    assert refused.value.details["citation"] == cite(profile, refusal.citation)
    assert refusal.reason_en in refused.value.message_en and refusal.reason_id in refused.value.message_id


def test_banyumas_refuses_cross_institution_appointment_pasal_9_ayat_2():
    with pytest.raises(InvalidInput) as refused:
        route_for(load_profile("banyumas-2024"), Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    assert "banyumas-2024 Pasal 9 ayat (2)" in refused.value.message_en


def _place(code: str) -> UnitPlace:
    parts = code.split(".")
    return UnitPlace(code, parts[0], tuple(".".join(parts[:i]) for i in range(1, len(parts))))


@pytest.mark.parametrize(
    ("owning", "official", "scope"),
    [
        ("A.U1", "A.U1", Scope.WITHIN_UNIT),
        ("A.U1", "A.U1.S1", Scope.WITHIN_UNIT),
        ("A", "A.U2.S1", Scope.WITHIN_UNIT),
        ("A.U1.S1", "A.U1", Scope.CROSS_UNIT),
        ("A.U2", "A.U1.S1", Scope.CROSS_UNIT),
        ("B.U1", "A.U1", Scope.CROSS_AGENCY),
    ],
)
def test_the_scope_follows_from_where_the_two_units_stand(owning, official, scope):
    assert scope_between(_place(owning), _place(official)) is scope


def test_the_letter_number_follows_the_tenant_template():
    template = load_profile("kab-serang-2024").letter_number_template
    assert letter_number(template, seq=7, unit="DINKES.P2P", on=date(2025, 9, 3)) == "7/ST/DINKES.P2P/IX/2025"


def test_the_other_governments_roles_depend_on_this_tenants_side():
    assert is_other_government("OFFICIAL_PYB", "OWNING") and not is_other_government("OWNING_PYB", "OWNING")
    assert is_other_government("OWNING_UNIT_HEAD", "OFFICIAL") and not is_other_government(
        "OFFICIAL", "OFFICIAL"
    )
    assert not is_other_government("OFFICIAL_PYB", None)
    assert not is_other_government("PPK", "OWNING") and is_other_government(
        "PPK", "OFFICIAL"
    )  # Kota Serang Pasal 13 ayat (2) huruf c
    assert not is_other_government("SEKDA", "OFFICIAL")


def test_next_step_counts_from_one():
    steps = [{"role": "A"}, {"role": "B"}]
    assert next_step(steps, 1) == (2, {"role": "B"}) and next_step(steps, 2) is None


# Issue 10 items 6, 9, 10, 12: the route data the handlers read ---------------------------------


def _step(profile_id: str, mode: Mode, scope: Scope, n: int):
    route = load_profile(profile_id).assignment.route(mode, scope)
    assert route is not None
    return route.steps[n - 1]


def test_kab_serang_lampiran_b_1_c_angka_3_the_target_agency_head_designates_before_the_appraiser_names():
    designating = _step("kab-serang-2024", Mode.APPOINTMENT, Scope.CROSS_AGENCY, 3)
    assert (designating.role.value, designating.action.value, designating.designates_unit) == (
        "OFFICIAL_AGENCY_HEAD",
        "APPROVE",
        True,
    )
    assert _step("kab-serang-2024", Mode.APPOINTMENT, Scope.CROSS_AGENCY, 4).action.value == "NAME_OFFICIALS"
    profile = load_profile("kab-serang-2024")
    route = profile.assignment.route(Mode.APPOINTMENT, Scope.CROSS_AGENCY)
    assert route is not None
    snapshot = steps_snapshot(profile, route)  # the request keeps the designation with its steps
    assert snapshot[2]["designates_unit"] is True and "designates_unit" not in snapshot[3]


def test_a_designating_step_comes_before_the_step_that_names_the_officials():
    from domain.profile import Route

    steps = [
        {"role": "OWNING_UNIT_HEAD", "action": "REQUEST", "citation": "x"},
        {"role": "OFFICIAL_APPRAISER", "action": "NAME_OFFICIALS", "citation": "x"},
        {"role": "OFFICIAL_AGENCY_HEAD", "action": "APPROVE", "citation": "x", "designates_unit": True},
        {"role": "OWNING_AGENCY_HEAD", "action": "FIX", "citation": "x"},
    ]
    with pytest.raises(ValueError, match="designates_unit"):
        Route(
            mode="APPOINTMENT",
            scope="CROSS_AGENCY",
            citation="x",
            steps=steps,
            letter={"issued_at_step": 4, "citation": "x"},
        )


def test_the_requesters_appraiser_is_only_ever_copied():
    from domain.profile import Route

    steps = [
        {"role": "OWNING_UNIT_HEAD", "action": "REQUEST", "citation": "x"},
        {
            "role": "OFFICIAL_APPRAISER",
            "action": "APPROVE",
            "citation": "x",
            "refused_by": ["REQUESTER_APPRAISER"],
        },
        {"role": "OWNING_UNIT_HEAD", "action": "ISSUE_LETTER", "citation": "x"},
    ]
    with pytest.raises(ValueError, match="only ever sent a copy"):
        Route(
            mode="APPOINTMENT",
            scope="CROSS_UNIT",
            citation="x",
            steps=steps,
            letter={"issued_at_step": 3, "citation": "x"},
        )
    assert is_other_government("REQUESTER_APPRAISER", "OFFICIAL") and not is_other_government(
        "REQUESTER_APPRAISER", "OWNING"
    )


def test_banjarnegara_pasal_20_ayat_3_huruf_d_and_banyumas_b_2_a_angka_2_huruf_b_ii_who_refuses():
    for scope in (Scope.CROSS_UNIT, Scope.CROSS_AGENCY):
        assert [r.value for r in _step("banjarnegara-2024", Mode.APPOINTMENT, scope, 2).refused_by] == [
            "OFFICIAL_UNIT_HEAD"
        ]
    assert [r.value for r in _step("banyumas-2024", Mode.APPOINTMENT, Scope.CROSS_UNIT, 2).refused_by] == [
        "OFFICIAL_APPRAISER",
        "OFFICIAL_AGENCY_HEAD",
    ]
    agency_step = _step("banyumas-2024", Mode.APPOINTMENT, Scope.CROSS_AGENCY, 3)
    assert (agency_step.role.value, agency_step.citation) == (
        "OFFICIAL_AGENCY_HEAD",
        "Lampiran BAB II B.2.a angka 2) huruf b) angka ii.",
    )


def test_banjarnegara_pasal_20_ayat_4_huruf_a_and_f_copy_and_issuer():
    route = load_profile("banjarnegara-2024").assignment.route(Mode.APPOINTMENT, Scope.CROSS_INSTITUTION)
    assert route is not None
    assert [c.value for c in route.steps[0].copies] == ["REQUESTER_APPRAISER"]
    assert route.letter_step.role.value == "OFFICIAL_UNIT_HEAD"
    assert "yang dituju" not in (route.letter_step.note or "").split("(1)")[0]  # no longer the old reason


def test_kota_serang_readings_are_written_down():
    """KT-4: the cross-unit route is the tenant's own procedure; KT-3: Pasal 8 ayat (2) huruf b."""
    rules = load_profile("kota-serang-2023").assignment
    for scope in (Scope.CROSS_UNIT,):
        route = rules.route(Mode.APPOINTMENT, scope)
        assert route is not None and "Pemerintah Kota Serang's own procedure" in (route.note or "")
    within = rules.route(Mode.APPOINTMENT, Scope.WITHIN_UNIT)
    assert within is not None and "perintah tertulis" in (within.letter.note or "")


def test_banyumas_lampiran_b_2_huruf_c_direct_tasking_rule():
    rule = load_profile("banyumas-2024").assignment.direct_tasking
    assert rule is not None and rule.citation == "Lampiran BAB II B.2 huruf c"
    assert [g.value for g in rule.grades] == ["AHLI_MADYA", "AHLI_UTAMA"]
    assert [p.value for p in rule.by_positions] == ["ADMINISTRATOR"]
    others = [p for p in list_profiles() if p != "banyumas-2024"]
    assert all(load_profile(p).assignment.direct_tasking is None for p in others)
