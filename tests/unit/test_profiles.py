"""Regulation profiles: loading, validation, citations."""

import copy

import pytest
import yaml

from domain.errors import InvalidInput, NotFound
from domain.positions import PositionType
from domain.profile import (
    AppraiserScope, Profile, ReportingPeriod, cite, list_profiles, load_profile, parse_profile,
    parse_profile_yaml,
)

REFERENCE = ["banjarnegara-2024", "banyumas-2024", "kab-serang-2024", "kota-serang-2023",
             "pemalang-2023"]
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
    data.update(id="kab-contoh-2025", government="Kabupaten Contoh", reporting_period="QUARTERLY",
                letter_number_template="{year}/{seq}/ST")
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


@pytest.mark.parametrize("template,problem", [
    ("ST/{unit}/{year}", "{seq}"),
    ("{seq}/ST/{bidang}/{year}", "bidang"),
])
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
