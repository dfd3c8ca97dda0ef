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
