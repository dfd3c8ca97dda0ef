"""Placement (kedudukan) per regulation: each rule admits and refuses, naming its Pasal."""

import pytest

from domain.errors import DomainError
from domain.organisation import StructureType
from domain.placement import check_placement
from domain.positions import Grade, PositionType, UnitKind
from domain.profile import load_profile
from domain.profile.placement import Where

F, P = PositionType.FUNGSIONAL, PositionType.PELAKSANA
JPT_MADYA, JPT, ADM, PENG = (
    PositionType.JPT_MADYA,
    PositionType.JPT_PRATAMA,
    PositionType.ADMINISTRATOR,
    PositionType.PENGAWAS,
)
G, U = Grade, UnitKind
KS_LAMPIRAN_A = "Pasal 6 ayat (1) dan ayat (4); Lampiran A"

# (profile, article expected in the basis, official type, grade, appraiser, admitted?)
CASES = [
    # Kab. Serang Pasal 6 ayat (2): Ahli Utama/Madya appraised by the Asisten/kepala PD (JPT Pratama).
    ("kab-serang-2024", "Pasal 6 ayat (2)", F, G.AHLI_MADYA, JPT, True),
    ("kab-serang-2024", "Pasal 6 ayat (2)", F, G.AHLI_UTAMA, ADM, False),
    ("kab-serang-2024", "Pasal 6 ayat (2)", F, G.AHLI_MADYA, PENG, False),
    # Kab. Serang Lampiran A: other JF and Pelaksana under the Kepala Bagian/Bidang, Sekretaris,
    # Irban (Administrators) or, in DPMPTSP, the Kepala Dinas; a Kasi/Kasubbag only coordinates.
    ("kab-serang-2024", KS_LAMPIRAN_A, F, G.AHLI_MUDA, ADM, True),
    ("kab-serang-2024", KS_LAMPIRAN_A, P, None, JPT, True),
    ("kab-serang-2024", KS_LAMPIRAN_A, P, None, PENG, False),
    ("kab-serang-2024", KS_LAMPIRAN_A, F, G.TERAMPIL, F, False),
    ("kab-serang-2024", KS_LAMPIRAN_A, P, None, P, False),
    ("kab-serang-2024", KS_LAMPIRAN_A, F, G.AHLI_PERTAMA, JPT_MADYA, False),
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


def _admitted_basis(pid: str, article: str, appraiser: PositionType) -> str:
    """A JF appraiser heading a unit kerja mandiri adds that article where the profile requires it."""
    mandiri = load_profile(pid).placement.fungsional_appraiser_mandiri
    extra = f"; {mandiri.citation}" if mandiri and appraiser is F else ""
    return f"{pid} {article}{extra}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_placement_rule_per_pasal(case):
    """Each case names the Pasal (in its id) whose rule admits or refuses the placement."""
    pid, article, who, grade, appraiser, ok = case
    profile = load_profile(pid)
    basis = f"{pid} {article}"
    if ok:
        assert check_placement(
            profile,
            position_type=who,
            grade=grade,
            appraiser_position=appraiser,
            appraiser_in_scope=True,
            appraiser_heads_mandiri=True,
        ) == _admitted_basis(pid, article, appraiser)
    else:
        with pytest.raises(DomainError) as e:
            check_placement(
                profile,
                position_type=who,
                grade=grade,
                appraiser_position=appraiser,
                appraiser_in_scope=True,
                appraiser_heads_mandiri=True,
            )
        assert e.value.code == "PLACEMENT_NOT_ALLOWED"
        assert e.value.details["citation"] == basis
        assert basis in e.value.message_en and basis in e.value.message_id


# Rules that depend on where the official stands: (profile, article, official, grade, appraiser,
# where, admitted?).
ONE, TWO, MORE = StructureType.ONE_LEVEL, StructureType.TWO_LEVELS, StructureType.MORE_THAN_TWO_LEVELS
BN = "banjarnegara-2024"
BN_40_B = "Pasal 40 ayat (2) huruf b; Pasal 42 ayat (2) huruf b"
BN_40_BD = "Pasal 40 ayat (2) huruf b dan huruf d; Pasal 42 ayat (2) huruf c"
BN_KEC = "Pasal 51 ayat (2); Pasal 52 ayat (2) huruf b"


def at(kind: UnitKind, structure: StructureType | None = None, *inside: UnitKind) -> Where:
    return Where(agency_kind=kind, structure_type=structure, kinds=frozenset({kind, *inside}))


AGENCY_CASES = [
    # Banjarnegara Pasal 40 ayat (2) huruf b: in a Dinas/Badan declared of one structural level,
    # under the JPT Pratama; the Administrator and Pengawas that remain too (Pasal 42 ayat (2)).
    (BN, BN_40_B, F, G.AHLI_MUDA, JPT, at(U.DINAS, ONE), True),
    (BN, BN_40_B, F, G.AHLI_MUDA, ADM, at(U.BADAN, ONE), True),
    (BN, BN_40_B, F, G.AHLI_MUDA, PENG, at(U.DINAS, ONE), False),
    (BN, BN_40_BD, F, G.AHLI_PERTAMA, JPT, at(U.DINAS, ONE), True),
    (BN, BN_40_BD, P, None, JPT, at(U.BADAN, ONE), True),
    (BN, BN_40_BD, P, None, PENG, at(U.DINAS, ONE), True),
    (BN, BN_40_BD, P, None, JPT_MADYA, at(U.DINAS, ONE), False),
    # huruf c: two or more levels, an Ahli Muda under an Administrator only.
    (BN, "Pasal 40 ayat (2) huruf c", F, G.AHLI_MUDA, ADM, at(U.DINAS, TWO), True),
    (BN, "Pasal 40 ayat (2) huruf c", F, G.AHLI_MUDA, JPT, at(U.BADAN, MORE), False),
    # In a Dinas of two or more levels, or one that declared no type, the general rules apply.
    (BN, "Pasal 17 ayat (5)", P, None, JPT, at(U.DINAS, TWO), False),
    (BN, "Pasal 17 ayat (5)", P, None, JPT, at(U.DINAS), False),
    # Pasal 40 is about Dinas/Badan: a Kecamatan never takes the one-level rule.
    (BN, "Pasal 17 ayat (4) huruf c", F, G.AHLI_PERTAMA, JPT, at(U.KECAMATAN, ONE), False),
    # Kecamatan: skilled grades and Pelaksana under a Pengawas only (Pasal 51 ayat (2), 52 ayat (2) huruf b).
    (BN, BN_KEC, F, G.TERAMPIL, PENG, at(U.KECAMATAN), True),
    (BN, BN_KEC, F, G.MAHIR, ADM, at(U.KECAMATAN), False),
    (BN, BN_KEC, P, None, PENG, at(U.KECAMATAN, None, U.SEKSI), True),
    (BN, BN_KEC, P, None, ADM, at(U.KECAMATAN), False),
    # Setda: an Ahli Muda under an Administrator (Pasal 31 ayat (2) huruf b), not the JPT Pratama.
    (BN, "Pasal 31 ayat (2) huruf b", F, G.AHLI_MUDA, ADM, at(U.SETDA, None, U.BAGIAN), True),
    (BN, "Pasal 31 ayat (2) huruf b", F, G.AHLI_MUDA, JPT, at(U.SETDA), False),
    # RSUD: an Ahli Muda under an Administrator, the others under a Pengawas (Pasal 48 ayat (2) huruf b-c).
    (BN, "Pasal 48 ayat (2) huruf b", F, G.AHLI_MUDA, ADM, at(U.RSUD, None, U.BIDANG), True),
    (BN, "Pasal 48 ayat (2) huruf b", F, G.AHLI_MUDA, JPT, at(U.RSUD), False),
    (BN, "Pasal 48 ayat (2) huruf c", P, None, PENG, at(U.RSUD, None, U.SEKSI), True),
    (BN, "Pasal 48 ayat (2) huruf c", F, G.PENYELIA, ADM, at(U.RSUD), False),
    # Pemalang Pasal 9 huruf d: in the Setda, an Administrator.
    ("pemalang-2023", "Pasal 9 huruf d", P, None, ADM, at(U.SETDA, None, U.BAGIAN), True),
    ("pemalang-2023", "Pasal 9 huruf d", F, G.AHLI_PERTAMA, PENG, at(U.SETDA, None, U.SUBBAGIAN), False),
    # Kab. Serang Pasal 6 ayat (1): where Lampiran A does not reach (UPTD, Kecamatan, Kelurahan) the
    # unit head, a Pengawas or a Pejabat Fungsional included, appraises.
    ("kab-serang-2024", "Pasal 6 ayat (1)", P, None, PENG, at(U.KECAMATAN, None, U.SEKSI), True),
    ("kab-serang-2024", "Pasal 6 ayat (1)", F, G.TERAMPIL, F, at(U.DINAS, None, U.UPTD), True),
    ("kab-serang-2024", "Pasal 6 ayat (1)", P, None, PENG, at(U.DINAS, None, U.BIDANG, U.KELURAHAN), True),
    ("kab-serang-2024", "Pasal 6 ayat (1)", P, None, P, at(U.UPTD), False),
    # ... while in a depicted agency a Kasi stays a coordinator (Lampiran A).
    ("kab-serang-2024", KS_LAMPIRAN_A, P, None, PENG, at(U.DINAS, None, U.BIDANG, U.SEKSI), False),
]


def _where_id(where: Where) -> str:
    kinds = "/".join(sorted(k.value for k in where.kinds))
    return f"{kinds} {where.structure_type.value}" if where.structure_type else kinds


@pytest.mark.parametrize(
    "case",
    AGENCY_CASES,
    ids=[
        f"{c[0]} {c[1]}: {(c[3] or c[2]).value} under {c[4].value} in {_where_id(c[5])} "
        f"{'admitted' if c[6] else 'refused'}"
        for c in AGENCY_CASES
    ],
)
def test_placement_rule_by_agency_per_pasal(case):
    pid, article, who, grade, appraiser, where, ok = case
    args = dict(
        position_type=who,
        grade=grade,
        appraiser_position=appraiser,
        appraiser_in_scope=True,
        where=where,
        appraiser_heads_mandiri=True,
    )
    if ok:
        assert check_placement(load_profile(pid), **args) == _admitted_basis(pid, article, appraiser)
    else:
        with pytest.raises(DomainError) as e:
            check_placement(load_profile(pid), **args)
        assert e.value.code == "PLACEMENT_NOT_ALLOWED"
        assert e.value.details["citation"] == f"{pid} {article}"


@pytest.mark.parametrize(
    "pid,article",
    [
        ("banjarnegara-2024", "Pasal 17 ayat (2) dan ayat (6)"),
        ("pemalang-2023", "Pasal 8 ayat (2)"),
        ("banyumas-2024", "Lampiran BAB II B.1 huruf b; Pasal 1 angka 4"),
    ],
)
def test_unit_kerja_mandiri_a_fungsional_appraises_only_when_heading_one(pid, article):
    """Banjarnegara Pasal 17 ayat (2), (6); Pemalang Pasal 8 ayat (2); Banyumas Lampiran BAB II B.1
    huruf b: "Pejabat Fungsional yang diangkat untuk memimpin suatu unit kerja mandiri"."""
    args = dict(position_type=P, grade=None, appraiser_position=F, appraiser_in_scope=True)
    assert check_placement(load_profile(pid), **args, appraiser_heads_mandiri=True).endswith(f"; {article}")
    with pytest.raises(DomainError) as e:
        check_placement(load_profile(pid), **args, appraiser_heads_mandiri=False)
    assert e.value.code == "APPRAISER_NOT_UNIT_KERJA_MANDIRI"
    assert e.value.details["citation"] == f"{pid} {article}"
    assert "unit kerja mandiri" in e.value.message_id and "unit kerja mandiri" in e.value.message_en


@pytest.mark.parametrize("pid", ["kab-serang-2024", "kota-serang-2023"])
def test_a_fungsional_heading_any_unit_appraises_where_the_text_does_not_say_mandiri(pid):
    """Kab. Serang Pasal 1 angka 9 and Kota Serang Pasal 5 ayat (4): "diangkat untuk memimpin suatu
    Unit Organisasi", without "mandiri"."""
    assert check_placement(
        load_profile(pid),
        position_type=P,
        grade=None,
        appraiser_position=F,
        appraiser_in_scope=True,
        where=at(U.UPTD),
        appraiser_heads_mandiri=False,
    )


def test_every_rule_has_an_admitted_and_a_refused_case():
    """Coverage guard: no placement rule of any profile goes untested."""
    covered = {(c[0], c[1], c[5]) for c in CASES} | {(c[0], c[1], c[6]) for c in AGENCY_CASES}
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
