"""Pure rules of team work, no store: reporting periods, what a team decision must state (Kota
Serang Pasal 13 ayat (4)), leader eligibility (Kota Serang Pasal 8 ayat (4) huruf a), the owning-unit
preference (e.g. Kab. Serang Pasal 7 ayat (5)), scope fit, and the aggregates' own guards."""

from datetime import date

import pytest

from application.team_checks import decision_contents, fits_scope, leader_warnings
from domain.errors import Conflict, InvalidInput
from domain.evaluation import Evaluation
from domain.organisation import OrganisationUnit
from domain.periods import bounds, period
from domain.positions import Education, PositionType, UnitKind
from domain.profile import load_profile
from domain.team import Team

KOTA = load_profile("kota-serang-2023")
KAB = load_profile("kab-serang-2024")


def unit(code: str, ancestors: list[str]) -> OrganisationUnit:
    return OrganisationUnit(
        code=code,
        name=code,
        kind="BIDANG",
        level=len(ancestors) + 1,
        head_position="ADMINISTRATOR",
        parent_code=ancestors[-1] if ancestors else None,
        ancestors=ancestors,
        decision={},
    )


def test_periods_monthly_and_quarterly():
    assert period(KOTA, " 2025-03 ") == "2025-03"
    assert bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert bounds("2025-TW4") == (date(2025, 10, 1), date(2025, 12, 31))
    assert bounds("2025-12") == (date(2025, 12, 1), date(2025, 12, 31))
    quarterly = KOTA.model_copy(update={"reporting_period": "QUARTERLY"})
    assert period(quarterly, "2025-tw2") == "2025-TW2"
    for bad in ("2025-13", "2025-TW1", "March"):
        with pytest.raises(InvalidInput):
            period(KOTA, bad)


def test_kota_serang_pasal_13_ayat_4_every_content_is_required():
    good = dict(
        tasks=["Peta"],
        targets=[{"description": "Peta", "measure": "1 dokumen"}],
        planned=[{"nip": "1", "role": "Analis", "task": "Memetakan sebaran"}],
    )
    decision_contents(KOTA, **good)
    for missing, change in (
        ("TASKS", {"tasks": []}),
        ("TARGETS", {"targets": [{"description": "Peta", "measure": ""}]}),
        ("MEMBER_ROLES", {"planned": [{"nip": "1", "role": " ", "task": "Memetakan"}]}),
        # "pembagian peran dan tugas": a task for each member too (KT-14)
        ("MEMBER_TASKS", {"planned": [{"nip": "1", "role": "Analis"}]}),
    ):
        with pytest.raises(InvalidInput) as refused:
            decision_contents(KOTA, **{**good, **change})
        assert refused.value.details["missing"] == [missing]
    decision_contents(KAB, tasks=[], targets=[], planned=[])  # Kab. Serang prescribes no contents


def test_kota_serang_pasal_8_ayat_4_huruf_a_a_pelaksana_leader_needs_s1_and_iii_b():
    def rule(*args):
        return KOTA.teams.leader_rule_for(*args, relevant_experience=True)

    assert rule(PositionType.PELAKSANA, None, Education.S1, "III/b") is not None
    assert rule(PositionType.PELAKSANA, None, Education.D4, "III/c") is not None  # D-IV counts as S1
    assert rule(PositionType.PELAKSANA, None, Education.S1, "III/a") is None
    assert rule(PositionType.PELAKSANA, None, Education.D3, "IV/a") is None
    assert rule(PositionType.PELAKSANA, None, Education.S2, "IX") is None  # a PPPK golongan is no PNS rank
    # angka 3: never assumed
    assert KOTA.teams.leader_rule_for(PositionType.PELAKSANA, None, Education.S1, "III/b") is None


def test_kota_serang_pasal_12_ayat_5_and_6_a_team_has_its_leader():
    """KT-9, a reading: ayat (6) composes the team of one Ketua Tim/Koordinator and members, and ayat
    (5) has him propose the members; the "dapat" of ayat (4) says from whom he may come."""
    rule = KOTA.teams.leader_required
    assert rule.value and rule.citation == "Pasal 12 ayat (5) dan ayat (6)"
    assert "Lampiran angka 1 huruf b" in (rule.note or "")


def test_pemalang_pasal_14_ayat_2_huruf_g_the_need_for_a_leader_is_not_a_separate_record():
    """PM-8, a reading: the Administrator's decision is the leader's appointment or its absence."""
    rule = load_profile("pemalang-2023").teams.leader_required
    assert not rule.value and rule.citation == "Pasal 14 ayat (2) huruf g"
    assert "not recorded on its own" in (rule.note or "")


def test_banjarnegara_pasal_33_ayat_3_huruf_d_a_pengawas_leads_in_the_setda_only():
    """BN-9: the rule holds where the leader's agency is the Setda."""
    rules = load_profile("banjarnegara-2024").teams
    setda = rules.leader_rule_for(
        PositionType.PENGAWAS, None, Education.S1, "III/d", agency_kind=UnitKind.SETDA
    )
    assert setda is not None and setda.citation == "Pasal 33 ayat (3) huruf d"
    assert (
        rules.leader_rule_for(PositionType.PENGAWAS, None, Education.S1, "III/d", agency_kind=UnitKind.DINAS)
        is None
    )


def test_the_owning_unit_preference_applies_to_cross_unit_teams_only():
    owning, below, beside = unit("A.U1", ["A"]), unit("A.U1.S1", ["A", "A.U1"]), unit("A.U2", ["A"])
    assert leader_warnings(KAB, "WITHIN_UNIT", "A.U1", beside) == []
    assert leader_warnings(KAB, "CROSS_UNIT", "A.U1", below) == []
    warning = leader_warnings(KAB, "CROSS_UNIT", "A.U1", beside)[0]
    assert warning["code"] == "LEADER_NOT_FROM_OWNING_UNIT" and "Pasal 7 ayat (5)" in warning["legal_basis"]
    assert fits_scope("WITHIN_UNIT", owning, below) and not fits_scope("WITHIN_UNIT", owning, beside)
    assert fits_scope("CROSS_UNIT", owning, beside) and not fits_scope(
        "CROSS_UNIT", owning, unit("B.U1", ["B"])
    )


def test_a_dissolved_team_and_a_stale_review_are_refused():
    team = Team(
        name="T",
        unit_code="A.U1",
        scope="WITHIN_UNIT",
        tasks=[],
        targets=[],
        planned_members=[],
        period_start="2025-01-01",
        period_end="2025-12-31",
        decision={"actor_nip": "1"},
    )
    with pytest.raises(InvalidInput):
        team.expect_member("2")
    team.dissolve(on="2025-12-31", decision={"actor_nip": "1"})
    with pytest.raises(Conflict):
        team.expect_active()
    evaluation = Evaluation(
        subject_id="s",
        subject_kind="TEAM",
        title="T",
        unit_code="A.U1",
        agency_kind="DINAS",
        chain=[{"unit_code": "A.U1"}, {"unit_code": "A"}],
        chain_citation="Pasal 1",
    )
    with pytest.raises(Conflict):
        evaluation.expect_level(1)  # nothing submitted yet
    evaluation.submit(round=1, summary="s", results=[], attachments=[], decision={"actor_nip": "1"})
    evaluation.approve_level(level=1, unit_code="A.U1", note=None, decision={"actor_nip": "2"})
    assert evaluation.reviewing_unit == "A"
    with pytest.raises(Conflict):
        evaluation.expect_level(1)


def test_kota_serang_pasal_9_ayat_1_extra_income_names_the_rules_of_pasal_8_ayat_4_only():
    """The heads paid extra (Pasal 8 ayat (4) huruf a and b) are named by their rules' citations;
    a citation no eligibility rule carries is refused when the profile loads."""
    from pydantic import ValidationError

    from domain.profile import Teams

    income = KOTA.teams.extra_income
    assert income is not None and income.citation == "Pasal 9 ayat (1)"
    assert "Pasal 1 angka 20; Pasal 12 ayat (4)" not in income.eligibility  # the Fungsional Ketua Tim
    data = KOTA.teams.model_dump(mode="json", exclude_none=True)
    data["extra_income"]["eligibility"] = ["Pasal 99"]
    with pytest.raises(ValidationError):
        Teams.model_validate(data)
