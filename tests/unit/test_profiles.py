"""Regulation profiles: loading, validation, citations."""

import copy
from pathlib import Path

import pytest
import yaml

from domain.errors import InvalidInput, NotFound
from domain.positions import AGENCY_KINDS, Education, Grade, PositionType, UnitKind
from domain.profile import (
    Action,
    AppraiserScope,
    CommonRules,
    DecisionContent,
    Mode,
    Profile,
    ReportingPeriod,
    Role,
    Scope,
    SeveralUnits,
    cite,
    list_profiles,
    load_profile,
    parse_profile,
    parse_profile_yaml,
)

REFERENCE = ["banjarnegara-2024", "banyumas-2024", "kab-serang-2024", "kota-serang-2023", "pemalang-2023"]
SEEDS = {
    "kab-serang-2024": "000_b0c17e078b9527e1.txt",
    "kota-serang-2023": "001_e516b0bda35fc9d7.txt",
    "banjarnegara-2024": "002_016176f69ceda407.txt",
    "pemalang-2023": "003_2f1b2f59cdc1f0bf.txt",
    "banyumas-2024": "004_848396b963163aae.txt",
}


def _raw(pid: str) -> dict:
    """The profile as plain data, to mutate into a 'sixth government' file."""
    return load_profile(pid).model_dump(mode="json", exclude_none=True)


def _walk_citations(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "citation" or k.endswith("_citation"):
                yield f"{path}.{k}", v
            yield from _walk_citations(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_citations(v, f"{path}[{i}]")


def test_the_five_reference_profiles_are_listed():
    assert list_profiles() == REFERENCE


@pytest.mark.parametrize("pid", REFERENCE)
def test_reference_profile_loads_and_names_its_seed(pid):
    p = load_profile(pid)
    assert isinstance(p, Profile)
    assert p.id == pid and p.seed_file == SEEDS[pid]
    assert p.government and p.regulation
    assert p.letter_number_template == "{seq}/ST/{unit}/{roman_month}/{year}"
    assert p.reporting_period in ReportingPeriod
    assert p.placement.appraiser_scope is AppraiserScope.SAME_UNIT_OR_ANCESTOR
    assert p.placement.default.appraiser_positions


@pytest.mark.parametrize("pid", REFERENCE)
def test_every_citation_in_a_reference_profile_points_at_an_article(pid):
    """Every rule carries the Pasal or Lampiran it comes from."""
    cites = list(_walk_citations(_raw(pid)))
    assert cites
    for where, c in cites:
        assert c.strip().startswith(("Pasal", "Lampiran")), (where, c)


COMMON_RULES = [
    "placed_before_assigned",
    "one_appraiser_per_request",
    "request_letter_contents",
    "pyb_fallback_sekda",
    "reports_forwarded_by_tier",
    "several_targets",
]


def test_the_common_rules_are_the_ones_code_applies():
    assert list(CommonRules.model_fields) == [*COMMON_RULES, "acceptance_is_a_duty"]


@pytest.mark.parametrize("pid", list_profiles())
def test_acceptance_is_a_duty_exactly_where_a_route_has_an_acceptance_step(pid):
    """Kab. Serang Lampiran B.1.c angka 5) huruf d); Pemalang Pasal 11 ayat (4) huruf e; Banyumas
    Lampiran BAB II B.2.a angka 2) huruf c): the profiles whose routes end with the official's acceptance."""
    p = load_profile(pid)
    accepting = any(s.action is Action.ACCEPT for r in p.assignment.routes for s in r.steps)
    duty = p.common.acceptance_is_a_duty
    assert (duty is not None) == accepting
    assert duty is None or duty.citation.startswith(("Pasal", "Lampiran"))


def test_a_profile_with_an_acceptance_step_must_cite_the_duty():
    data = yaml.safe_load(Path("domain/profiles/pemalang-2023.yaml").read_text(encoding="utf-8"))
    del data["common"]["acceptance_is_a_duty"]
    with pytest.raises(InvalidInput) as refused:
        parse_profile(data)
    assert "acceptance_is_a_duty" in refused.value.details["listing"]


@pytest.mark.parametrize("pid", list_profiles())
def test_every_profile_cites_its_own_article_for_every_common_rule(pid):
    """The rules that hold for every government live in each profile with that government's
    article, not in code."""
    common = load_profile(pid).common
    for name in COMMON_RULES:
        citation = getattr(common, name).citation
        assert citation.strip().startswith(("Pasal", "Lampiran")), (name, citation)


@pytest.mark.parametrize("pid", list_profiles())
def test_a_required_request_letter_cites_the_article_listing_its_contents(pid):
    p = load_profile(pid)
    for route in p.assignment.routes:
        if route.request_letter_required:
            assert route.request_letter_citation == p.common.request_letter_contents.citation


@pytest.mark.parametrize("rule", COMMON_RULES)
def test_a_profile_without_a_common_rule_is_refused_and_names_it(rule):
    data = _raw("kab-serang-2024")
    del data["common"][rule]
    assert _invalid(data).details["errors"][0]["field"] == f"common.{rule}"


def test_a_common_rule_with_an_empty_citation_is_refused():
    data = _raw("banyumas-2024")
    data["common"]["pyb_fallback_sekda"]["citation"] = " "
    assert _invalid(data).details["errors"][0]["field"] == "common.pyb_fallback_sekda.citation"


def test_load_profile_is_cached():
    assert load_profile("pemalang-2023") is load_profile("pemalang-2023")


def test_profiles_are_immutable():
    p = load_profile("banyumas-2024")
    with pytest.raises(Exception):
        p.id = "other"  # type: ignore[misc]


def test_unknown_profile_is_not_found_and_lists_known_ids():
    with pytest.raises(NotFound) as e:
        load_profile("kab-atlantis-2030")
    assert e.value.code == "PROFILE_NOT_FOUND"
    assert e.value.details["known"] == REFERENCE
    for pid in REFERENCE:
        assert pid in e.value.message_en and pid in e.value.message_id


def test_cite_prefixes_the_profile_id():
    """Banjarnegara Pasal 17 ayat (4) huruf a as a legal-basis string."""
    p = load_profile("banjarnegara-2024")
    assert cite(p, "Pasal 17 ayat (4) huruf a") == "banjarnegara-2024 Pasal 17 ayat (4) huruf a"


def test_a_sixth_government_is_added_as_data():
    data = _raw("banyumas-2024")
    data.update(
        id="kab-contoh-2025",
        government="Kabupaten Contoh",
        reporting_period="QUARTERLY",
        letter_number_template="{year}/{seq}/ST",
    )
    p = parse_profile(data)
    assert p.id == "kab-contoh-2025" and p.reporting_period is ReportingPeriod.QUARTERLY


def test_parse_profile_yaml_round_trip():
    text = yaml.safe_dump(_raw("kota-serang-2023"))
    assert parse_profile_yaml(text) == load_profile("kota-serang-2023")


def _invalid(data) -> InvalidInput:
    with pytest.raises(InvalidInput) as e:
        parse_profile(data)
    assert e.value.code == "PROFILE_INVALID"
    return e.value


def test_empty_citation_is_refused_and_names_the_field():
    data = _raw("pemalang-2023")
    data["placement"]["rules"][0]["citation"] = "   "
    err = _invalid(data)
    assert "placement.rules.0.citation" in err.message_en
    assert err.details["errors"][0]["field"] == "placement.rules.0.citation"


def test_missing_citation_is_refused():
    data = _raw("pemalang-2023")
    del data["placement"]["default"]["citation"]
    assert "placement.default.citation" in _invalid(data).message_en


def test_unknown_position_is_refused_and_named():
    data = _raw("kota-serang-2023")
    data["placement"]["rules"][0]["appraiser_positions"] = ["KEPALA_SEKSI"]
    err = _invalid(data)
    assert "appraiser_positions" in err.message_en and "KEPALA_SEKSI" in err.message_en


def test_typo_in_a_key_is_refused():
    data = _raw("kota-serang-2023")
    data["placement"]["rules"][0]["appraiser_position"] = ["PENGAWAS"]
    assert "appraiser_position" in _invalid(data).message_en


def test_empty_appraiser_positions_is_refused():
    data = _raw("kota-serang-2023")
    data["placement"]["default"]["appraiser_positions"] = []
    assert "appraiser_positions" in _invalid(data).message_en


def test_grades_on_a_rule_not_about_fungsional_is_refused():
    data = _raw("kota-serang-2023")
    data["placement"]["rules"][0]["when"] = {"position_types": ["PELAKSANA"], "grades": ["MAHIR"]}
    assert "FUNGSIONAL" in _invalid(data).message_en


def test_a_rule_shadowed_by_earlier_rules_is_refused():
    """First match wins: Kab. Serang's Pasal 6 ayat (2) rule repeated after the Pasal 6 ayat (1)
    catch-all would never apply."""
    data = _raw("kab-serang-2024")
    data["placement"]["rules"].append(copy.deepcopy(data["placement"]["rules"][0]))
    assert "can never apply" in _invalid(data).message_en


@pytest.mark.parametrize(
    "template,problem",
    [
        ("ST/{unit}/{year}", "{seq}"),
        ("{seq}/ST/{bidang}/{year}", "bidang"),
    ],
)
def test_letter_number_template_is_checked(template, problem):
    data = _raw("banyumas-2024")
    data["letter_number_template"] = template
    assert problem in _invalid(data).message_en


def test_bad_id_and_non_mapping_are_refused():
    data = _raw("banyumas-2024")
    data["id"] = "Banyumas 2024"
    assert "id" in _invalid(data).details["errors"][0]["field"]
    _invalid(["not", "a", "mapping"])


def test_invalid_yaml_is_refused_readably():
    with pytest.raises(InvalidInput) as e:
        parse_profile_yaml("id: [unclosed")
    assert e.value.code == "PROFILE_INVALID" and "YAML" in e.value.message_en


def test_default_position_values_are_position_types():
    for pid in REFERENCE:
        for pos in load_profile(pid).placement.default.appraiser_positions:
            assert isinstance(pos, PositionType)


# --- assignment routes (issue 3) -----------------------------------------------------------

A, V = Mode.APPOINTMENT, Mode.VOLUNTARY
WU, CU, CA, CI = Scope.WITHIN_UNIT, Scope.CROSS_UNIT, Scope.CROSS_AGENCY, Scope.CROSS_INSTITUTION


def _route(pid, mode, scope):
    r = load_profile(pid).assignment.route(mode, scope)
    assert r is not None, (pid, mode, scope)
    return r


def _walk(route):
    return [(s.role, s.action) for s in route.steps]


@pytest.mark.parametrize("pid", REFERENCE)
def test_every_mode_and_scope_is_a_route_or_refused_exactly_once(pid):
    a = load_profile(pid).assignment
    for mode in Mode:
        for scope in Scope:
            route, refusal = a.route(mode, scope), a.refusal(mode, scope)
            assert (route is None) != (refusal is None), (mode, scope)
            if route:
                assert scope in a.scopes_allowed.values
                assert route.steps[0].action in (Action.REQUEST, Action.PROPOSE)
                assert all(step.citation for step in route.steps)
                assert route.letter_step.action in (Action.ISSUE_LETTER, Action.FIX)
            else:
                assert refusal.reason_en and refusal.reason_id and refusal.citation


# Scopes allowed per regulation (domain.md section 4, checked against the texts).
@pytest.mark.parametrize(
    "pid,allowed",
    [
        ("kab-serang-2024", {WU, CU, CA}),  # Pasal 7 ayat (2); Lampiran B.1
        ("kota-serang-2023", {WU, CU, CA, CI}),  # Pasal 11 ayat (2), cross-agency = lintas Unit Organisasi
        ("banjarnegara-2024", {WU, CU, CA, CI}),  # Pasal 18 ayat (2); Pasal 20 ayat (1)
        ("pemalang-2023", {WU, CU, CA, CI}),  # Pasal 11 ayat (2)
        ("banyumas-2024", {WU, CU, CA}),  # Pasal 9 ayat (2); Lampiran BAB II B.3.b angka 2)
    ],
)
def test_scopes_allowed_per_regulation(pid, allowed):
    """Kab. Serang Pasal 7(2), Kota Serang Pasal 11(2), Banjarnegara Pasal 20(1), Pemalang
    Pasal 11(2), Banyumas Pasal 9(2)."""
    assert set(load_profile(pid).assignment.scopes_allowed.values) == allowed


# Voluntary application: where it is allowed.
@pytest.mark.parametrize(
    "pid,allowed,article",
    [
        ("kab-serang-2024", {WU, CU}, "Lampiran B.2"),
        # Pasal 1 angka 4 and Pasal 11 ayat (2): nothing limits the voluntary mode's scope.
        ("kota-serang-2023", {WU, CU, CA, CI}, None),
        ("banjarnegara-2024", {WU, CU, CA}, "Pasal 22 ayat (2)"),
        # "lintas unit organisasi" (Pasal 12 ayat (2) huruf b) read as in Pasal 10 ayat (7).
        ("pemalang-2023", {WU, CU, CA}, "Pasal 12 ayat (2)"),
        ("banyumas-2024", {WU, CU, CA}, "Lampiran BAB II B.2.b"),
    ],
)
def test_voluntary_scopes_and_the_article_refusing_the_rest(pid, allowed, article):
    """Kab. Serang Lampiran B.2, Kota Serang Pasal 10(4), Banjarnegara Pasal 22(2), Pemalang
    Pasal 12(2), Banyumas Lampiran B.2.b: voluntary application and its limits."""
    a = load_profile(pid).assignment
    assert {s for s in Scope if a.route(V, s)} == allowed
    refused = [a.refusal(V, s) for s in Scope if s not in allowed]
    assert all(r.citation == article for r in refused) and bool(refused) == (article is not None)


def test_kab_serang_lampiran_b_1_a_within_unit_proposed_by_unit_head_fixed_by_agency_head():
    assert _walk(_route("kab-serang-2024", A, WU)) == [
        (Role.OWNING_UNIT_HEAD, Action.PROPOSE),
        (Role.OWNING_AGENCY_HEAD, Action.FIX),
    ]


def test_kab_serang_lampiran_b_1_b_cross_unit_target_appraiser_decides_agency_head_fixes():
    r = _route("kab-serang-2024", A, CU)
    assert r.request_letter_required
    assert _walk(r)[:2] == [
        (Role.OWNING_UNIT_HEAD, Action.REQUEST),
        (Role.OFFICIAL_APPRAISER, Action.APPROVE),
    ]
    assert r.letter_step.role is Role.OWNING_AGENCY_HEAD and r.letter_step.action is Action.FIX


def test_kab_serang_lampiran_b_1_c_cross_agency_requester_fixes_with_copies():
    r = _route("kab-serang-2024", A, CA)
    assert [role for role, _ in _walk(r)] == [
        Role.OWNING_UNIT_HEAD,
        Role.OWNING_AGENCY_HEAD,
        Role.OFFICIAL_AGENCY_HEAD,
        Role.OFFICIAL_APPRAISER,
        Role.OFFICIAL_AGENCY_HEAD,
        Role.OWNING_AGENCY_HEAD,
        Role.OFFICIAL,
    ]
    assert (Role.OFFICIAL_APPRAISER, Action.NAME_OFFICIALS) in _walk(r)
    assert r.letter_step.role is Role.OWNING_AGENCY_HEAD
    assert set(r.letter.copies) == {Role.OFFICIAL_AGENCY_HEAD, Role.OFFICIAL_APPRAISER}
    assert r.letter.citation == "Lampiran B.1.c angka 5) huruf c)"


def test_kab_serang_lampiran_b_2_b_voluntary_cross_unit_target_then_own_head_then_agency_head():
    assert _walk(_route("kab-serang-2024", V, CU)) == [
        (Role.OFFICIAL, Action.REQUEST),
        (Role.OWNING_UNIT_HEAD, Action.APPROVE),
        (Role.OFFICIAL_UNIT_HEAD, Action.APPROVE),
        (Role.OWNING_AGENCY_HEAD, Action.FIX),
    ]


def test_kab_serang_pasal_7_2_refuses_cross_institution_appointment():
    r = load_profile("kab-serang-2024").assignment.refusal(A, CI)
    assert r.citation == "Pasal 7 ayat (2); Lampiran B.1"


def test_kota_serang_pasal_8_2_a_surat_tugas_by_the_unit_head():
    r = _route("kota-serang-2023", A, WU)
    assert r.letter_step.role is Role.OWNING_UNIT_HEAD and r.letter_step.action is Action.ISSUE_LETTER
    assert r.letter_step.citation == "Pasal 8 ayat (2) huruf a"


def test_kota_serang_pasal_13_2_c_external_personnel_fixed_by_ppk():
    r = _route("kota-serang-2023", A, CI)
    assert r.letter_step.role is Role.PPK and r.letter_step.action is Action.FIX
    assert r.letter_step.citation == "Pasal 13 ayat (2) huruf c"


def test_kota_serang_pasal_10_4_voluntary_needs_approval():
    steps = _walk(_route("kota-serang-2023", V, WU))
    assert steps[1] == (Role.OWNING_UNIT_HEAD, Action.APPROVE)


def test_banjarnegara_pasal_20_2_within_unit_directly_by_unit_head():
    assert {role for role, _ in _walk(_route("banjarnegara-2024", A, WU))} == {Role.OWNING_UNIT_HEAD}


def test_banjarnegara_pasal_20_3_letter_written_by_the_officials_unit_head():
    """Pasal 20(3) huruf c leaves open which Pimpinan Unit Organisasi writes the letter: the
    profile chooses the head of the official's unit, and says why."""
    r = _route("banjarnegara-2024", A, CU)
    assert _walk(r)[1] == (Role.OFFICIAL_APPRAISER, Action.APPROVE)
    assert r.letter_step.role is Role.OFFICIAL_UNIT_HEAD
    assert r.letter_step.citation == "Pasal 20 ayat (3) huruf c"
    assert "huruf d" in r.letter_step.note
    assert r.request_letter_citation == "Pasal 21"


def test_banjarnegara_pasal_20_4_cross_institution_through_both_pyb():
    r = _route("banjarnegara-2024", A, CI)
    roles = [role for role, _ in _walk(r)]
    assert roles.index(Role.OWNING_PYB) < roles.index(Role.OFFICIAL_PYB)
    assert (Role.OFFICIAL_UNIT_HEAD, Action.RECOMMEND) in _walk(r)
    assert (Role.OFFICIAL_APPRAISER, Action.NAME_OFFICIALS) in _walk(r)
    assert set(r.letter.copies) == {Role.OFFICIAL_PYB, Role.OFFICIAL_APPRAISER, Role.OWNING_PYB}


def test_banjarnegara_pasal_22_4_voluntary_cross_unit_letter_by_own_appraiser():
    r = _route("banjarnegara-2024", V, CU)
    assert r.steps[0].copies == (Role.OFFICIAL_APPRAISER, Role.OFFICIAL_UNIT_HEAD)
    assert r.letter_step.role is Role.OFFICIAL_APPRAISER


def test_pemalang_pasal_10_3_within_unit_fixed_by_appraiser_on_unit_heads_proposal():
    assert _walk(_route("pemalang-2023", A, WU)) == [
        (Role.OWNING_UNIT_HEAD, Action.PROPOSE),
        (Role.OFFICIAL_APPRAISER, Action.FIX),
    ]


def test_pemalang_pasal_11_4_cross_unit_and_cross_agency_share_one_mechanism():
    cu, ca = _route("pemalang-2023", A, CU), _route("pemalang-2023", A, CA)
    assert cu.steps == ca.steps
    assert (Role.OFFICIAL_AGENCY_HEAD, Action.RECOMMEND) in _walk(cu)
    assert cu.letter_step.role is Role.OFFICIAL_AGENCY_HEAD
    assert _walk(cu)[-1] == (Role.OFFICIAL, Action.ACCEPT)


def test_pemalang_pasal_11_5_letter_copied_to_the_personnel_agency():
    r = _route("pemalang-2023", A, CI)
    assert r.steps[0].role is Role.OWNING_AGENCY_HEAD
    assert Role.OFFICIAL_PERSONNEL_AGENCY_HEAD in r.letter.copies
    assert r.letter_step.role is Role.OFFICIAL_AGENCY_HEAD


def test_pemalang_pasal_12_3_voluntary_within_unit_with_agency_heads_approval():
    assert (Role.OWNING_AGENCY_HEAD, Action.APPROVE) in _walk(_route("pemalang-2023", V, WU))


def test_banyumas_lampiran_b_2_a_2_cross_unit_appraiser_issues_letter():
    r = _route("banyumas-2024", A, CU)
    assert r.steps[0].copies == (Role.OFFICIAL_APPRAISER,)
    assert r.letter_step.role is Role.OFFICIAL_APPRAISER
    assert not r.request_letter_required


def test_banyumas_lampiran_b_2_b_1_voluntary_within_unit_appraiser_first():
    assert _walk(_route("banyumas-2024", V, WU))[:3] == [
        (Role.OFFICIAL, Action.REQUEST),
        (Role.OFFICIAL_APPRAISER, Action.APPROVE),
        (Role.OWNING_UNIT_HEAD, Action.APPROVE),
    ]


def test_banyumas_pasal_9_2_refuses_cross_institution():
    assert load_profile("banyumas-2024").assignment.refusal(A, CI).citation == "Pasal 9 ayat (2)"


@pytest.mark.parametrize(
    "pid,scopes",
    [
        ("kab-serang-2024", [CU, CA]),
        ("banjarnegara-2024", [CU, CI]),
        ("pemalang-2023", [CU, CA, CI]),
    ],
)
def test_request_letter_contents_required_where_the_text_lists_them(pid, scopes):
    """Kab. Serang Lampiran B.1, Banjarnegara Pasal 21, Pemalang Pasal 11(6): purpose,
    competencies, target and duration."""
    for scope in scopes:
        assert _route(pid, A, scope).request_letter_required


# --- assignment validation -------------------------------------------------------------------


def _assignment_invalid(mutate) -> str:
    data = _raw("banjarnegara-2024")
    mutate(data["assignment"])
    return _invalid(data).message_en


def _find(assignment, mode, scope):
    return next(r for r in assignment["routes"] if r["mode"] == mode and r["scope"] == scope)


def test_a_pair_neither_routed_nor_refused_is_refused():
    msg = _assignment_invalid(lambda a: a["refused"].clear())
    assert "neither a route nor refused: VOLUNTARY CROSS_INSTITUTION" in msg


def test_a_pair_both_routed_and_refused_is_refused():
    def both(a):
        a["refused"].append({**a["refused"][0], "mode": "APPOINTMENT", "scope": "WITHIN_UNIT"})

    assert "APPOINTMENT WITHIN_UNIT is given twice" in _assignment_invalid(both)


def test_a_route_outside_scopes_allowed_is_refused():
    def narrow(a):
        a["scopes_allowed"]["values"] = ["WITHIN_UNIT", "CROSS_UNIT", "CROSS_AGENCY"]

    assert "scope not in scopes_allowed" in _assignment_invalid(narrow)


def test_step_one_must_request_or_propose():
    def approve_first(a):
        _find(a, "APPOINTMENT", "CROSS_UNIT")["steps"][0]["action"] = "APPROVE"

    assert "step 1 must REQUEST or PROPOSE" in _assignment_invalid(approve_first)


def test_voluntary_starts_with_the_official():
    def unit_head_first(a):
        _find(a, "VOLUNTARY", "WITHIN_UNIT")["steps"][0]["role"] = "OWNING_UNIT_HEAD"

    assert "OFFICIAL exactly when the mode is VOLUNTARY" in _assignment_invalid(unit_head_first)


def test_letter_must_be_issued_at_a_letter_step():
    def at_approval(a):
        _find(a, "APPOINTMENT", "CROSS_UNIT")["letter"]["issued_at_step"] = 2

    assert "must ISSUE_LETTER or FIX" in _assignment_invalid(at_approval)

    def past_the_end(a):
        _find(a, "APPOINTMENT", "CROSS_UNIT")["letter"]["issued_at_step"] = 9

    assert "is not a step" in _assignment_invalid(past_the_end)


def test_every_step_cites():
    def uncited(a):
        _find(a, "APPOINTMENT", "CROSS_UNIT")["steps"][1]["citation"] = ""

    assert "assignment.routes.1.steps.1.citation" in _assignment_invalid(uncited)


def test_unknown_role_is_refused():
    def bad_role(a):
        _find(a, "APPOINTMENT", "CROSS_UNIT")["steps"][1]["role"] = "KEPALA_DESA"

    assert "KEPALA_DESA" in _assignment_invalid(bad_role)


def test_refusal_needs_reasons_in_both_languages():
    def no_reason(a):
        del a["refused"][0]["reason_id"]

    assert "reason_id" in _assignment_invalid(no_reason)


def test_required_request_letter_needs_its_citation():
    def uncited(a):
        del _find(a, "APPOINTMENT", "CROSS_UNIT")["request_letter_citation"]

    assert "request_letter_citation" in _assignment_invalid(uncited)


def test_accept_only_as_the_officials_last_step():
    def early_accept(a):
        r = _find(a, "APPOINTMENT", "CROSS_UNIT")
        r["steps"].insert(1, {"role": "OFFICIAL", "action": "ACCEPT", "citation": "Pasal 20"})
        r["letter"]["issued_at_step"] = 4

    assert "ACCEPT is the official's last step only" in _assignment_invalid(early_accept)


# --- teams, reporting, escalation, evaluation (issue 4) --------------------------------------

PT = PositionType
K = UnitKind


@pytest.mark.parametrize(
    "pid,formed_by",
    [
        (
            "kab-serang-2024",
            {WU: Role.OWNING_AGENCY_HEAD, CU: Role.OWNING_AGENCY_HEAD, CA: Role.OWNING_AGENCY_HEAD},
        ),
        ("kota-serang-2023", {WU: Role.OWNING_UNIT_HEAD, CU: Role.SEKDA, CA: Role.SEKDA, CI: Role.PPK}),
        ("banjarnegara-2024", dict.fromkeys([WU, CU, CA, CI], Role.OWNING_UNIT_HEAD)),
        ("pemalang-2023", dict.fromkeys([WU, CU, CA, CI], Role.OWNING_UNIT_HEAD)),
        ("banyumas-2024", dict.fromkeys([WU, CU, CA], Role.OWNING_UNIT_HEAD)),
    ],
)
def test_who_fixes_a_team_per_scope(pid, formed_by):
    """Kab. Serang Lampiran B (agency head); Kota Serang Pasal 13(2) huruf a-c (unit head,
    Sekda, PPK); Banjarnegara Pasal 23(8), Pemalang Pasal 13(4), Banyumas Lampiran B.3: the
    unit head's strategy."""
    teams = load_profile(pid).teams
    assert {f.scope: f.role for f in teams.formed_by} == formed_by


def test_kota_serang_pasal_13_4_team_decision_states_tasks_targets_roles():
    d = load_profile("kota-serang-2023").teams.decision_must_state
    assert set(d.values) == {
        DecisionContent.TASKS,
        DecisionContent.TARGETS,
        DecisionContent.MEMBER_ROLES,
        DecisionContent.MEMBER_TASKS,  # "pembagian peran dan tugas"
    }
    assert d.citation == "Pasal 13 ayat (4)"
    for pid in ["kab-serang-2024", "banjarnegara-2024", "pemalang-2023", "banyumas-2024"]:
        assert load_profile(pid).teams.decision_must_state.values == ()


def test_kota_serang_pasal_8_6_leader_fixed_by_ppk_members_proposed_by_leader():
    t = load_profile("kota-serang-2023").teams
    assert t.leader_appointed_by.role is Role.PPK
    assert t.members_proposed_by.role is Role.TEAM_LEADER
    assert t.members_proposed_by.citation == "Pasal 12 ayat (5)"


def test_kab_serang_lampiran_e_1_k_unit_head_proposes_agency_head_fixes_leader():
    t = load_profile("kab-serang-2024").teams
    assert t.leader_proposed_by.role is Role.OWNING_UNIT_HEAD
    assert t.leader_appointed_by.role is Role.OWNING_AGENCY_HEAD


def test_pemalang_pasal_14_2_g_leader_optional_banjarnegara_too():
    assert not load_profile("pemalang-2023").teams.leader_required.value
    assert not load_profile("banjarnegara-2024").teams.leader_required.value
    assert load_profile("kota-serang-2023").teams.leader_required.value  # Pasal 12 ayat (6)


@pytest.mark.parametrize(
    "case",
    [
        # (education, rank, experience, eligible) for a Pelaksana leader
        (Education.S1, "III/b", True, True),
        (Education.D4, "III/c", True, True),  # D-IV counts as S1
        (Education.S2, "IV/a", True, True),
        (Education.D3, "III/b", True, False),  # below S1
        (Education.S1, "III/a", True, False),  # below III/b
        (Education.S1, "X", True, False),  # PPPK golongan: no golongan ruang
        (Education.S1, "III/b", False, False),  # no relevant experience
        (None, "III/b", True, False),
    ],
    ids=[
        "S1-IIIb",
        "D4-IIIc",
        "S2-IVa",
        "D3-refused",
        "IIIa-refused",
        "PPPK-refused",
        "no-experience-refused",
        "no-education-refused",
    ],
)
def test_kota_serang_pasal_8_4_a_pelaksana_leader_needs_s1_and_iii_b(case):
    education, rank, experience, ok = case
    rule = load_profile("kota-serang-2023").teams.leader_rule_for(
        PT.PELAKSANA, None, education, rank, experience
    )
    assert (rule is not None) == ok
    if ok:
        assert rule.citation == "Pasal 8 ayat (4) huruf a"


def test_kota_serang_pasal_8_4_b_coordinator_needs_s1_iii_d():
    c = load_profile("kota-serang-2023").teams.coordinator
    assert c.appointed_by.role is Role.PPK
    ok = [e for e in c.eligibility if e.admits(PT.FUNGSIONAL, Grade.AHLI_MUDA, Education.S1, "III/d", True)]
    assert ok
    # angka 3: the experience is stated on the appointment, never assumed
    assert not any(e.admits(PT.FUNGSIONAL, Grade.AHLI_MUDA, Education.S1, "III/d") for e in c.eligibility)
    assert not any(
        e.admits(PT.FUNGSIONAL, Grade.AHLI_MUDA, Education.S1, "III/c", True) for e in c.eligibility
    )
    assert not any(
        e.admits(PT.FUNGSIONAL, Grade.AHLI_PERTAMA, Education.S1, "III/d", True) for e in c.eligibility
    )
    # KT-13: the grades bind the functional officials only; an Administrator has none.
    assert any(e.admits(PT.ADMINISTRATOR, None, Education.S1, "III/d", True) for e in c.eligibility)
    assert c.agency_affair.affair.value == "INVESTMENT" and c.agency_affair.citation == "Pasal 8 ayat (5)"
    assert load_profile("banyumas-2024").teams.coordinator is None


@pytest.mark.parametrize(
    "pid,position,ok",
    [
        ("kab-serang-2024", PT.JPT_PRATAMA, True),  # Pasal 7 ayat (4)
        ("kab-serang-2024", PT.ADMINISTRATOR, True),  # Pasal 7 ayat (4)
        ("kab-serang-2024", PT.PENGAWAS, False),  # Pasal 7 ayat (4) leaves Pengawas out (the note)
        ("kab-serang-2024", PT.JPT_MADYA, False),
        ("kota-serang-2023", PT.FUNGSIONAL, True),  # Pasal 1 angka 20
        ("kota-serang-2023", PT.JPT_PRATAMA, False),
        ("banjarnegara-2024", PT.FUNGSIONAL, True),  # Pasal 23 ayat (6)
        ("banjarnegara-2024", PT.ADMINISTRATOR, False),
        ("pemalang-2023", PT.PELAKSANA, True),  # Pasal 13 ayat (2)
        ("pemalang-2023", PT.PENGAWAS, False),
        ("banyumas-2024", PT.FUNGSIONAL, True),  # Lampiran BAB II B.3 huruf b
        ("banyumas-2024", PT.ADMINISTRATOR, False),
    ],
)
def test_leader_eligibility_by_position(pid, position, ok):
    """Kab. Serang Pasal 7(4); Kota Serang Pasal 12(4); Banjarnegara Pasal 23(6); Pemalang
    Pasal 13(2); Banyumas Lampiran B.3.b."""
    grade = Grade.AHLI_MUDA if position is PT.FUNGSIONAL else None
    rule = load_profile(pid).teams.leader_rule_for(position, grade, Education.S1, "III/c")
    assert (rule is not None) == ok


@pytest.mark.parametrize(
    "pid,article",
    [
        ("kab-serang-2024", "Pasal 7 ayat (5)"),
        ("kota-serang-2023", "Pasal 13 ayat (1)"),
        ("banjarnegara-2024", "Pasal 18 ayat (3); Pasal 23 ayat (7)"),
        ("pemalang-2023", "Pasal 10 ayat (8); Pasal 13 ayat (3)"),
        ("banyumas-2024", "Pasal 9 ayat (3)"),
    ],
)
def test_leader_from_owning_unit_preferred_everywhere(pid, article):
    assert load_profile(pid).teams.leader_from_owning_unit_preferred.citation == article


@pytest.mark.parametrize(
    "pid,individual,leader,requesters",
    [
        ("kab-serang-2024", {Role.OWNING_UNIT_HEAD}, {Role.OWNING_UNIT_HEAD}, {Role.OWNING_UNIT_HEAD}),
        (
            "kota-serang-2023",
            {Role.OWNING_UNIT_HEAD},
            {Role.OWNING_UNIT_HEAD},
            {Role.OWNING_UNIT_HEAD, Role.PPK, Role.OWNING_PYB},
        ),
        ("banjarnegara-2024", {Role.OWNING_UNIT_HEAD}, {Role.OWNING_UNIT_HEAD}, {Role.OWNING_UNIT_HEAD}),
        ("pemalang-2023", {Role.OWNING_UNIT_HEAD}, {Role.OWNING_UNIT_HEAD}, {Role.OWNING_UNIT_HEAD}),
        (
            "banyumas-2024",
            {Role.OFFICIAL_APPRAISER, Role.OWNING_UNIT_HEAD},
            {Role.OFFICIAL_APPRAISER, Role.OWNING_UNIT_HEAD},
            {Role.OFFICIAL_APPRAISER, Role.OWNING_UNIT_HEAD},
        ),
    ],
)
def test_reporting_lines(pid, individual, leader, requesters):
    """Kab. Serang Pasal 10-11; Kota Serang Pasal 16 and Lampiran angka 2 huruf c (the owning
    unit's head first, then tier by tier);
    Banjarnegara Pasal 25; Pemalang Pasal 16-17; Banyumas Pasal 12-13 (appraiser and/or unit
    head)."""
    r = load_profile(pid).reporting
    assert set(r.individual_reports_to.roles) == individual
    assert r.member_reports_to.roles == (Role.TEAM_LEADER,)
    assert set(r.leader_reports_to.roles) == leader
    assert set(r.may_request_report.roles) == requesters
    assert Role.OFFICIAL_APPRAISER in r.member_performance_to.roles


OWNING_HEAD = (Role.OWNING_UNIT_HEAD,)


@pytest.mark.parametrize(
    "pid,to,several",
    [
        ("kab-serang-2024", OWNING_HEAD, SeveralUnits.EACH_UNIT_OR_AGENCY_HEAD),  # Lampiran C.3 huruf e
        ("kota-serang-2023", OWNING_HEAD, SeveralUnits.EACH_UNIT_OR_AGENCY_HEAD),  # general rule
        ("banjarnegara-2024", OWNING_HEAD, SeveralUnits.EACH_UNIT_OR_AGENCY_HEAD),  # Pasal 23 ayat (5)
        ("pemalang-2023", OWNING_HEAD, SeveralUnits.EACH_UNIT_OR_AGENCY_HEAD),  # general rule
        # Lampiran B.3.a angka 2) huruf c) "Pejabat Penilai Kinerja dan/atau Pimpinan Unit Organisasi";
        # B.3.b angka 4) "masing-masing"
        ("banyumas-2024", (Role.OFFICIAL_APPRAISER, Role.OWNING_UNIT_HEAD), SeveralUnits.EACH_UNIT_HEAD),
    ],
)
def test_escalation_goes_to_each_role_of_the_rule_then_each_head(pid, to, several):
    e = load_profile(pid).escalation
    assert e.to == to and e.several_units is several


def test_escalation_to_a_role_no_unit_head_holds_is_refused():
    data = _raw("banyumas-2024")
    data["escalation"]["to"] = ["OWNING_UNIT_HEAD", "PPK"]
    assert "escalation.to roles ['PPK'] are not held by a unit's head" in _invalid(data).message_en


def test_a_unit_kind_within_two_chains_is_refused():
    data = _raw("banjarnegara-2024")
    data["evaluation"]["chains"][0]["within_units"] = ["UPTD"]
    assert "within_units kinds in more than one chain: UPTD" in _invalid(data).message_en


# An organisation path is the owning unit first, then each unit above it.
SETDA_PATH = [
    ("subbag-1", K.SUBBAGIAN),
    ("bag-hukum", K.BAGIAN),
    ("asisten-3", K.ASISTEN),
    ("setda", K.SETDA),
]
DINAS_PATH = [("seksi-1", K.SEKSI), ("bidang-2", K.BIDANG), ("dinkes", K.DINAS)]
RSUD_PATH = [
    ("seksi-rs", K.SEKSI),
    ("bidang-yan", K.BIDANG),
    ("wadir-yan", K.WAKIL_DIREKTUR),
    ("rsud", K.RSUD),
]


@pytest.mark.parametrize(
    "pid,kind,path,expected",
    [
        # Kab. Serang Lampiran E.3 huruf c: Kepala Bagian -> Asisten -> Sekretaris Daerah.
        ("kab-serang-2024", K.SETDA, SETDA_PATH[1:], ["bag-hukum", "asisten-3", "setda"]),
        # Kab. Serang Lampiran E.3 huruf d: unit head -> Wakil Direktur -> Direktur.
        ("kab-serang-2024", K.RSUD, RSUD_PATH[1:], ["bidang-yan", "wadir-yan", "rsud"]),
        # Kab. Serang Lampiran E.3 huruf b: unit head -> Kepala Perangkat Daerah.
        ("kab-serang-2024", K.DINAS, DINAS_PATH[1:], ["bidang-2", "dinkes"]),
        # Kota Serang Lampiran angka 3: level 2 -> level 1.
        ("kota-serang-2023", K.DINAS, DINAS_PATH, ["seksi-1", "bidang-2", "dinkes"]),
        # Banjarnegara Pasal 33 ayat (4): Pengawas -> Administrator -> Asisten -> Sekda.
        ("banjarnegara-2024", K.SETDA, SETDA_PATH, ["subbag-1", "bag-hukum", "asisten-3", "setda"]),
        # Banjarnegara Pasal 50 ayat (4): Pengawas -> Administrator, who declares complete.
        ("banjarnegara-2024", K.RSUD, RSUD_PATH, ["seksi-rs", "bidang-yan"]),
        # Banjarnegara Pasal 53 ayat (4): to the Camat.
        (
            "banjarnegara-2024",
            K.KECAMATAN,
            [("kel-1", K.KELURAHAN), ("kec-1", K.KECAMATAN)],
            ["kel-1", "kec-1"],
        ),
        # Banjarnegara Pasal 56 ayat (4): the head of the UPTD.
        ("banjarnegara-2024", K.UPTD, [("uptd-1", K.UPTD)], ["uptd-1"]),
        # Banjarnegara Pasal 56 ayat (4) huruf b: a UPTD inside its Dinas; its head, not the
        # Kepala Dinas, accepts the results.
        ("banjarnegara-2024", K.DINAS, [("uptd-1", K.UPTD), ("dinkes", K.DINAS)], ["uptd-1"]),
        # Kota Serang is silent on a UPTD: its last level lists UPTD, the nearest of those kinds.
        ("kota-serang-2023", K.DINAS, [("uptd-1", K.UPTD), ("dinkes", K.DINAS)], ["uptd-1"]),
        # Banjarnegara Pasal 45 ayat (4): a Dinas with one level, officials under the Kepala Dinas.
        ("banjarnegara-2024", K.DINAS, [("dinkes", K.DINAS)], ["dinkes"]),
        # Pemalang Pasal 14 ayat (4): Administrator -> JPT Pratama.
        ("pemalang-2023", K.BADAN, [("bidang-x", K.BIDANG), ("bappeda", K.BADAN)], ["bidang-x", "bappeda"]),
        # Banyumas Lampiran BAB II A.3: Setda level 3 -> level 2 (Asisten) -> level 1 (Sekda).
        ("banyumas-2024", K.SETDA, SETDA_PATH[1:], ["bag-hukum", "asisten-3", "setda"]),
    ],
)
def test_evaluation_chain_per_agency_type(pid, kind, path, expected):
    chain = load_profile(pid).evaluation.chain_for(kind, [k for _, k in path])
    assert chain.resolve(path) == expected


def test_evaluation_chain_without_a_required_level_is_a_clear_error():
    """Kab. Serang Lampiran E.3 huruf c: a Setda without an Asisten above the Bagian."""
    chain = load_profile("kab-serang-2024").evaluation.chain_for(K.SETDA)
    with pytest.raises(InvalidInput) as e:
        chain.resolve([("bag-hukum", K.BAGIAN), ("setda", K.SETDA)])
    assert e.value.code == "EVALUATION_CHAIN_UNRESOLVED" and "ASISTEN" in e.value.message_en


@pytest.mark.parametrize("pid", REFERENCE)
def test_every_agency_kind_has_exactly_one_chain_and_rework_is_cited(pid):
    ev = load_profile(pid).evaluation
    kinds = [k for c in ev.chains for k in c.agency_kinds]
    assert sorted(kinds) == sorted(AGENCY_KINDS)
    assert ev.rework.citation


# --- teams/evaluation validation -------------------------------------------------------------


def test_teams_must_cover_exactly_the_allowed_scopes():
    data = _raw("kota-serang-2023")
    data["teams"]["formed_by"].pop()
    assert "teams.formed_by must name who fixes a team" in _invalid(data).message_en


def test_an_agency_kind_without_chain_is_refused():
    data = _raw("pemalang-2023")
    data["evaluation"]["chains"][1]["agency_kinds"].remove("UPTD")
    assert "agency kinds without a chain: UPTD" in _invalid(data).message_en


def test_an_agency_kind_in_two_chains_is_refused():
    data = _raw("pemalang-2023")
    data["evaluation"]["chains"][0]["agency_kinds"].append("DINAS")
    assert "in more than one chain: DINAS" in _invalid(data).message_en


def test_the_top_of_a_chain_cannot_be_optional():
    data = _raw("pemalang-2023")
    data["evaluation"]["chains"][0]["levels"][-1]["optional"] = True
    assert "cannot be optional" in _invalid(data).message_en


def test_a_level_needs_exactly_one_target():
    data = _raw("pemalang-2023")
    data["evaluation"]["chains"][0]["levels"][0]["unit_kinds"] = ["BAGIAN"]
    assert "either unit_kinds or owning_unit" in _invalid(data).message_en


def test_min_rank_must_be_a_pns_rank():
    data = _raw("kota-serang-2023")
    data["teams"]["leader_eligibility"][1]["min_rank"] = "3B"
    assert "not a PNS golongan/ruang" in _invalid(data).message_en


def test_reporting_roles_have_no_part_in_routes():
    data = _raw("banyumas-2024")
    data["assignment"]["routes"][1]["steps"][1]["role"] = "TEAM_LEADER"
    assert "TEAM_LEADER has no part in an assignment route" in _invalid(data).message_en


def test_report_line_needs_a_role():
    data = _raw("banyumas-2024")
    data["reporting"]["member_reports_to"]["roles"] = []
    assert "reporting.member_reports_to" in _invalid(data).message_en
