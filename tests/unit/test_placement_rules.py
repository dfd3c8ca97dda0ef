"""Placement (kedudukan) per regulation: each rule admits and refuses, naming its Pasal."""

import pytest

from domain.errors import DomainError
from domain.placement import check_placement
from domain.positions import Grade, PositionType, UnitKind
from domain.profile import load_profile

F, P = PositionType.FUNGSIONAL, PositionType.PELAKSANA
JPT_MADYA, JPT, ADM, PENG = (
    PositionType.JPT_MADYA,
    PositionType.JPT_PRATAMA,
    PositionType.ADMINISTRATOR,
    PositionType.PENGAWAS,
)
G, U = Grade, UnitKind

# (profile, article expected in the basis, official type, grade, appraiser, admitted?)
CASES = [
    # Kab. Serang Pasal 6 ayat (2): Ahli Utama/Madya appraised by the Asisten/kepala PD (JPT Pratama).
    ("kab-serang-2024", "Pasal 6 ayat (2)", F, G.AHLI_MADYA, JPT, True),
    ("kab-serang-2024", "Pasal 6 ayat (2)", F, G.AHLI_UTAMA, ADM, False),
    ("kab-serang-2024", "Pasal 6 ayat (2)", F, G.AHLI_MADYA, PENG, False),
    # Kab. Serang Pasal 6 ayat (1): other JF and Pelaksana under their unit head.
    ("kab-serang-2024", "Pasal 6 ayat (1)", F, G.AHLI_MUDA, ADM, True),
    ("kab-serang-2024", "Pasal 6 ayat (1)", P, None, PENG, True),
    ("kab-serang-2024", "Pasal 6 ayat (1)", F, G.TERAMPIL, F, True),
    ("kab-serang-2024", "Pasal 6 ayat (1)", P, None, P, False),
    ("kab-serang-2024", "Pasal 6 ayat (1)", F, G.AHLI_PERTAMA, JPT_MADYA, False),
    # Kab. Serang Pasal 1 angka 12 (default): at least a Pengawas.
    ("kab-serang-2024", "Pasal 1 angka 12", PENG, None, ADM, True),
    ("kab-serang-2024", "Pasal 1 angka 12", PENG, None, F, False),
    # Kota Serang Pasal 5 ayat (3)-(4): JPT Pratama, Administrator, Pengawas or a JF unit head.
    ("kota-serang-2023", "Pasal 5 ayat (3) dan ayat (4)", F, G.AHLI_MADYA, ADM, True),
    ("kota-serang-2023", "Pasal 5 ayat (3) dan ayat (4)", P, None, PENG, True),
    ("kota-serang-2023", "Pasal 5 ayat (3) dan ayat (4)", F, G.MAHIR, F, True),
    ("kota-serang-2023", "Pasal 5 ayat (3) dan ayat (4)", F, G.AHLI_MUDA, JPT_MADYA, False),
    ("kota-serang-2023", "Pasal 5 ayat (3) dan ayat (4)", P, None, P, False),
    ("kota-serang-2023", "Pasal 1 angka 17", ADM, None, JPT, True),
    ("kota-serang-2023", "Pasal 1 angka 17", ADM, None, P, False),
    # Banjarnegara Pasal 17 ayat (4) huruf a: Ahli Utama and Madya under the JPT Pratama.
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf a", F, G.AHLI_UTAMA, JPT, True),
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf a", F, G.AHLI_MADYA, ADM, False),
    # huruf b: Ahli Muda under an Administrator or one level up.
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf b", F, G.AHLI_MUDA, ADM, True),
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf b", F, G.AHLI_MUDA, JPT, True),
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf b", F, G.AHLI_MUDA, PENG, False),
    # huruf c: Ahli Pertama and every skilled grade under a Pengawas or one level up.
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf c", F, G.AHLI_PERTAMA, PENG, True),
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf c", F, G.PENYELIA, ADM, True),
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf c", F, G.PEMULA, F, True),
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf c", F, G.AHLI_PERTAMA, JPT, False),
    # ayat (5): Pelaksana under a Pengawas or an Administrator.
    ("banjarnegara-2024", "Pasal 17 ayat (5)", P, None, PENG, True),
    ("banjarnegara-2024", "Pasal 17 ayat (5)", P, None, ADM, True),
    ("banjarnegara-2024", "Pasal 17 ayat (5)", P, None, JPT, False),
    ("banjarnegara-2024", "Pasal 1 angka 19", ADM, None, JPT, True),
    ("banjarnegara-2024", "Pasal 1 angka 19", PENG, None, P, False),
    # Pemalang Pasal 9: by who leads the unit; Administrator, Pengawas or JF unit head.
    ("pemalang-2023", "Pasal 9", F, G.AHLI_MADYA, ADM, True),
    ("pemalang-2023", "Pasal 9", P, None, PENG, True),
    ("pemalang-2023", "Pasal 9", F, G.AHLI_PERTAMA, F, True),
    ("pemalang-2023", "Pasal 9", F, G.AHLI_MADYA, JPT, False),
    ("pemalang-2023", "Pasal 9", P, None, P, False),
    ("pemalang-2023", "Pasal 1 angka 12", PENG, None, ADM, True),
    ("pemalang-2023", "Pasal 1 angka 12", ADM, None, P, False),
    # Banyumas Pasal 7 ayat (1)-(2): JPT Pratama, Administrator, Pengawas or a JF unit head.
    ("banyumas-2024", "Pasal 7 ayat (1) dan ayat (2)", F, G.AHLI_UTAMA, JPT, True),
    ("banyumas-2024", "Pasal 7 ayat (1) dan ayat (2)", P, None, PENG, True),
    ("banyumas-2024", "Pasal 7 ayat (1) dan ayat (2)", F, G.TERAMPIL, F, True),
    ("banyumas-2024", "Pasal 7 ayat (1) dan ayat (2)", F, G.AHLI_MUDA, JPT_MADYA, False),
    ("banyumas-2024", "Pasal 7 ayat (1) dan ayat (2)", P, None, P, False),
    ("banyumas-2024", "Pasal 1 angka 15", ADM, None, JPT, True),
    ("banyumas-2024", "Pasal 1 angka 15", ADM, None, P, False),
]


def _id(case):
    pid, article, who, grade, appraiser, ok = case
    official = grade.value if grade else who.value
    return f"{pid} {article}: {official} under {appraiser.value} {'admitted' if ok else 'refused'}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_placement_rule_per_pasal(case):
    """Each case names the Pasal (in its id) whose rule admits or refuses the placement."""
    pid, article, who, grade, appraiser, ok = case
    profile = load_profile(pid)
    basis = f"{pid} {article}"
    if ok:
        assert (
            check_placement(
                profile, position_type=who, grade=grade, appraiser_position=appraiser, appraiser_in_scope=True
            )
            == basis
        )
    else:
        with pytest.raises(DomainError) as e:
            check_placement(
                profile, position_type=who, grade=grade, appraiser_position=appraiser, appraiser_in_scope=True
            )
        assert e.value.code == "PLACEMENT_NOT_ALLOWED"
        assert e.value.details["citation"] == basis
        assert basis in e.value.message_en and basis in e.value.message_id


# Rules that depend on the official's agency: (profile, article, official, grade, appraiser,
# agency kind, the agency's structural levels, admitted?).
AGENCY_CASES = [
    ("banjarnegara-2024", "Pasal 40 ayat (2) huruf b", F, G.AHLI_PERTAMA, JPT, U.DINAS, 1, True),
    ("banjarnegara-2024", "Pasal 40 ayat (2) huruf b", F, G.AHLI_MUDA, ADM, U.BADAN, 1, False),
    ("banjarnegara-2024", "Pasal 40 ayat (2) huruf b", P, None, JPT, U.BADAN, 1, True),
    ("banjarnegara-2024", "Pasal 40 ayat (2) huruf b", P, None, PENG, U.DINAS, 1, False),
    # In a Dinas with two or more levels the general rules apply again (Pasal 40 ayat (2) huruf c).
    ("banjarnegara-2024", "Pasal 17 ayat (5)", P, None, JPT, U.DINAS, 2, False),
    # Pasal 40 is about Dinas/Badan: a one-level Kecamatan keeps the general rule.
    ("banjarnegara-2024", "Pasal 17 ayat (4) huruf c", F, G.AHLI_PERTAMA, JPT, U.KECAMATAN, 1, False),
]


@pytest.mark.parametrize(
    "case",
    AGENCY_CASES,
    ids=[
        f"{c[0]} {c[1]}: {(c[3] or c[2]).value} under {c[4].value} in a {c[6]}-level {c[5].value} "
        f"{'admitted' if c[7] else 'refused'}"
        for c in AGENCY_CASES
    ],
)
def test_placement_rule_by_agency_per_pasal(case):
    pid, article, who, grade, appraiser, kind, levels, ok = case
    args = dict(
        position_type=who,
        grade=grade,
        appraiser_position=appraiser,
        appraiser_in_scope=True,
        agency_kind=kind,
        agency_levels=levels,
    )
    basis = f"{pid} {article}"
    if ok:
        assert check_placement(load_profile(pid), **args) == basis
    else:
        with pytest.raises(DomainError) as e:
            check_placement(load_profile(pid), **args)
        assert e.value.code == "PLACEMENT_NOT_ALLOWED"
        assert e.value.details["citation"] == basis


def test_every_rule_has_an_admitted_and_a_refused_case():
    """Coverage guard: no placement rule of any profile goes untested."""
    covered = {(c[0], c[1], c[5]) for c in CASES} | {(c[0], c[1], c[7]) for c in AGENCY_CASES}
    for pid in ("kab-serang-2024", "kota-serang-2023", "banjarnegara-2024", "pemalang-2023", "banyumas-2024"):
        placement = load_profile(pid).placement
        for article in [r.citation for r in placement.rules] + [placement.default.citation]:
            assert (pid, article, True) in covered, (pid, article)
            assert (pid, article, False) in covered, (pid, article)


def test_banjarnegara_pasal_17_4_c_message_is_readable():
    """Banjarnegara Pasal 17 ayat (4) huruf c: the refusal names the rule, grade and appraiser."""
    with pytest.raises(DomainError) as e:
        check_placement(
            load_profile("banjarnegara-2024"),
            position_type=F,
            grade=G.AHLI_PERTAMA,
            appraiser_position=JPT,
            appraiser_in_scope=True,
        )
    assert e.value.message_en == (
        "Under banjarnegara-2024 Pasal 17 ayat (4) huruf c an Ahli Pertama is appraised by a "
        "Pengawas, an Administrator or a Pejabat Fungsional heading a unit; the proposed "
        "appraiser is a JPT Pratama."
    )
    assert e.value.message_id.startswith(
        "Menurut banjarnegara-2024 Pasal 17 ayat (4) huruf c, Ahli Pertama dinilai oleh Pengawas"
    )
    assert e.value.details["allowed"] == ["PENGAWAS", "ADMINISTRATOR", "FUNGSIONAL"]
    assert e.value.details["proposed"] == "JPT_PRATAMA"


@pytest.mark.parametrize(
    "pid,article",
    [
        ("kab-serang-2024", "Pasal 6"),
        ("kota-serang-2023", "Pasal 5"),
        ("banjarnegara-2024", "Pasal 17"),
        ("pemalang-2023", "Pasal 9"),
        ("banyumas-2024", "Pasal 7"),
    ],
)
def test_appraiser_out_of_scope_cites_the_placement_article(pid, article):
    """The placement article (e.g. Banjarnegara Pasal 17) requires the appraiser to head the
    official's unit or one above it in the same agency, even when the position level fits."""
    with pytest.raises(DomainError) as e:
        check_placement(
            load_profile(pid), position_type=P, grade=None, appraiser_position=PENG, appraiser_in_scope=False
        )
    assert e.value.code == "APPRAISER_OUT_OF_SCOPE"
    assert e.value.details["citation"] == f"{pid} {article}"
    assert f"{pid} {article}" in e.value.message_en
    assert "Perangkat Daerah yang sama" in e.value.message_id


def test_fungsional_without_grade_falls_to_the_general_rule():
    """Banjarnegara Pasal 1 angka 19: a JF whose grade is unknown gets only the general rule."""
    basis = check_placement(
        load_profile("banjarnegara-2024"),
        position_type=F,
        grade=None,
        appraiser_position=PENG,
        appraiser_in_scope=True,
    )
    assert basis == "banjarnegara-2024 Pasal 1 angka 19"
