"""Placement (kedudukan) to the letter, over GraphQL: the declared structure type (banjarnegara-2024
Pasal 40-41), the Kecamatan (Pasal 51-52) and Setda (Pasal 31) rules, Kab. Serang Lampiran A, the unit
kerja mandiri, and the SK behind a placement or a head appointment."""

import pytest

from tests.e2e.test_organisation_api import APPOINT, ESTABLISH, register

PLACE = (
    "mutation($i: PlaceOfficialInput!) { placeOfficial(input: $i) { "
    "... on OfficialSuccess { official { nip appraiser { nip } placementHistory { legalBasis "
    "decree { number date signedBy } } } } ... on CommandError { code message pesan } } }"
)
DECLARE_TYPE = (
    "mutation($i: DeclareStructureTypeInput!) { declareStructureType(input: $i) { "
    "... on UnitSuccess { unit { code structureType } } ... on CommandError { code message } } }"
)
DECLARE_MANDIRI = (
    "mutation($i: DeclareUnitKerjaMandiriInput!) { declareUnitKerjaMandiri(input: $i) { "
    "... on UnitSuccess { unit { code unitKerjaMandiri } } ... on CommandError { code } } }"
)
ON = "2025-01-06"  # after every regulation took effect (profile in_force)


def headed(server, code, kind, head_position, parent=None, grade=None, **extra) -> str:
    """A unit established (with any extra input fields), and its head appointed; the head's NIP."""
    result = server.gql(
        ESTABLISH,
        {
            "i": {
                "code": code,
                "name": code,
                "kind": kind,
                "headPosition": head_position,
                "parentCode": parent,
                "legalBasis": "Perbup SOTK",
                **extra,
            }
        },
    )
    assert "unit" in result["establishUnit"], result
    head = register(server, head_position, grade=grade, rank="IV/a")
    answer = server.gql(
        APPOINT,
        {"i": {"unitCode": code, "nip": head, "effectiveDate": "2024-01-02", "legalBasis": "SK jabatan"}},
    )["appointHead"]
    assert "unit" in answer, answer
    return head


def place(server, nip, unit, appraiser, decree=None) -> dict:
    return server.gql(
        PLACE,
        {
            "i": {
                "nip": nip,
                "unitCode": unit,
                "appraiserNip": appraiser,
                "effectiveDate": ON,
                "decree": decree,
            }
        },
    )["placeOfficial"]


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_40_ayat_2_huruf_b_one_level_dinas_declared(live_server):
    """Pasal 40 ayat (2) huruf b and Pasal 41 huruf a: a Dinas declared of one structural level (it
    keeps its Sekretariat, Pasal 42 ayat (2)) places a Pelaksana under the JPT Pratama; before the
    declaration the general Pasal 17 ayat (5) refuses it."""
    head = headed(live_server, "DINSOS", "DINAS", "JPT_PRATAMA")
    headed(live_server, "DINSOS.SEK", "SEKRETARIAT", "ADMINISTRATOR", "DINSOS")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    refused = place(live_server, staff, "DINSOS", head)
    assert refused["code"] == "PLACEMENT_NOT_ALLOWED" and "Pasal 17 ayat (5)" in refused["message"]
    declared = live_server.gql(
        DECLARE_TYPE,
        {
            "i": {
                "agencyCode": "DINSOS",
                "structureType": "ONE_LEVEL",
                "legalBasis": "Perbup Banjarnegara 12/2023 SOTK",
            }
        },
    )
    assert declared["declareStructureType"]["unit"] == {"code": "DINSOS", "structureType": "ONE_LEVEL"}
    placed = place(live_server, staff, "DINSOS", head)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banjarnegara-2024 Pasal 40 ayat (2) huruf b dan huruf d; Pasal 42 ayat (2) huruf c"
    )
    not_agency = live_server.gql(
        DECLARE_TYPE, {"i": {"agencyCode": "DINSOS.SEK", "legalBasis": "SOTK", "structureType": "ONE_LEVEL"}}
    )["declareStructureType"]
    assert not_agency["code"] == "STRUCTURE_TYPE_FOR_AGENCIES"


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_52_ayat_2_huruf_b_kecamatan_pengawas_only(live_server):
    """Pasal 51 ayat (2), Pasal 52 ayat (2) huruf b: in a Kecamatan, Pelaksana under a Pengawas only."""
    headed(live_server, "KEC", "KECAMATAN", "ADMINISTRATOR")
    sekcam = headed(live_server, "KEC.SEK", "SEKRETARIAT", "ADMINISTRATOR", "KEC")
    kasi = headed(live_server, "KEC.SEK.S1", "SEKSI", "PENGAWAS", "KEC.SEK")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    assert place(live_server, staff, "KEC.SEK.S1", sekcam)["code"] == "PLACEMENT_NOT_ALLOWED"
    placed = place(live_server, staff, "KEC.SEK.S1", kasi)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banjarnegara-2024 Pasal 51 ayat (2); Pasal 52 ayat (2) huruf b"
    )


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_31_ayat_2_huruf_b_setda_ahli_muda_under_an_administrator(live_server):
    sekda = headed(live_server, "SETDA", "SETDA", "JPT_PRATAMA")
    headed(live_server, "SETDA.AS1", "ASISTEN", "JPT_PRATAMA", "SETDA")
    kabag = headed(live_server, "SETDA.AS1.HUK", "BAGIAN", "ADMINISTRATOR", "SETDA.AS1")
    expert = register(live_server, "FUNGSIONAL", grade="AHLI_MUDA")
    assert place(live_server, expert, "SETDA.AS1.HUK", sekda)["code"] == "PLACEMENT_NOT_ALLOWED"
    placed = place(live_server, expert, "SETDA.AS1.HUK", kabag)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == "banjarnegara-2024 Pasal 31 ayat (2) huruf b"


def test_kab_serang_lampiran_a_kasi_coordinates_and_pasal_6_ayat_1_where_it_does_not_reach(live_server):
    """Lampiran A: JF and Pelaksana under the Kepala Bidang, not the Kepala Seksi ("seperti ketua tim");
    Pasal 6 ayat (1): in a UPTD, which Lampiran A does not depict, the unit head, here a doctor."""
    headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    kabid = headed(live_server, "DINKES.P2P", "BIDANG", "ADMINISTRATOR", "DINKES")
    kasi = headed(live_server, "DINKES.P2P.S1", "SEKSI", "PENGAWAS", "DINKES.P2P")
    doctor = headed(live_server, "DINKES.PKM", "UPTD", "FUNGSIONAL", "DINKES", grade="AHLI_MUDA")
    staff, nurse = (register(live_server, "PELAKSANA", rank="II/c") for _ in range(2))
    refused = place(live_server, staff, "DINKES.P2P.S1", kasi)
    assert refused["code"] == "PLACEMENT_NOT_ALLOWED" and "Lampiran A" in refused["message"]
    placed = place(live_server, staff, "DINKES.P2P.S1", kabid)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "kab-serang-2024 Pasal 6 ayat (1) dan ayat (4); Lampiran A"
    )
    in_uptd = place(live_server, nurse, "DINKES.PKM", doctor)["official"]
    assert in_uptd["placementHistory"][0]["legalBasis"] == "kab-serang-2024 Pasal 6 ayat (1)"


@pytest.mark.profile("banyumas-2024")
def test_banyumas_pasal_1_angka_4_a_fungsional_appraises_only_heading_a_unit_kerja_mandiri(live_server):
    """Banyumas Pasal 1 angka 4 and Lampiran BAB II B.1 huruf b."""
    headed(live_server, "DINKES", "DINAS", "JPT_PRATAMA")
    doctor = headed(live_server, "DINKES.PKM", "UPTD", "FUNGSIONAL", "DINKES", grade="AHLI_MADYA")
    lab = headed(
        live_server,
        "DINKES.LAB",
        "UNIT_KERJA",
        "FUNGSIONAL",
        "DINKES",
        grade="AHLI_MUDA",
        unitKerjaMandiri=True,
    )
    nurse, analyst = (register(live_server, "PELAKSANA", rank="II/c") for _ in range(2))
    refused = place(live_server, nurse, "DINKES.PKM", doctor)
    assert refused["code"] == "APPRAISER_NOT_UNIT_KERJA_MANDIRI" and "unit kerja mandiri" in refused["pesan"]
    assert place(live_server, analyst, "DINKES.LAB", lab)["official"]["appraiser"]["nip"] == lab
    declared = live_server.gql(
        DECLARE_MANDIRI,
        {
            "i": {
                "unitCode": "DINKES.PKM",
                "mandiri": True,
                "legalBasis": "Perbup Banyumas tentang UPTD Puskesmas",
            }
        },
    )
    assert declared["declareUnitKerjaMandiri"]["unit"] == {"code": "DINKES.PKM", "unitKerjaMandiri": True}
    placed = place(live_server, nurse, "DINKES.PKM", doctor)["official"]
    assert placed["placementHistory"][0]["legalBasis"] == (
        "banyumas-2024 Pasal 7 ayat (1) dan ayat (2); Lampiran BAB II B.1 huruf b; Pasal 1 angka 4"
    )


@pytest.mark.profile("banjarnegara-2024")
def test_banjarnegara_pasal_17_ayat_7_the_sk_of_the_placement_and_of_the_head(live_server):
    """Pasal 17 ayat (7) "ditetapkan oleh Bupati selaku Pejabat Pembina Kepegawaian": the SK is recorded
    on the placement (placementHistory.decree, and named in its legal basis) and on the head's appointment."""
    head = headed(live_server, "DINSOS", "DINAS", "JPT_PRATAMA", structureType="ONE_LEVEL")
    staff = register(live_server, "PELAKSANA", rank="II/c")
    sk = {"number": "821.2/45/2024", "date": "2024-05-30", "signedBy": "Bupati Banjarnegara selaku PPK"}
    history = place(live_server, staff, "DINSOS", head, decree=sk)["official"]["placementHistory"]
    assert history[0]["decree"] == sk
    assert history[0]["legalBasis"].endswith(
        "; SK 821.2/45/2024 tanggal 2024-05-30 (Bupati Banjarnegara selaku PPK)"
    )
    successor = register(live_server, "JPT_PRATAMA", rank="IV/c")
    appointed = live_server.gql(
        "mutation($i: AppointHeadInput!) { appointHead(input: $i) { ... on UnitSuccess { unit { head { nip } "
        "headDecree { number date signedBy } } } ... on CommandError { code } } }",
        {
            "i": {
                "unitCode": "DINSOS",
                "nip": successor,
                "effectiveDate": "2024-07-01",
                "legalBasis": "Pelantikan",
                "decree": {**sk, "number": "821.2/60/2024"},
            }
        },
    )
    appointed = appointed["appointHead"]["unit"]
    assert appointed == {"head": {"nip": successor}, "headDecree": {**sk, "number": "821.2/60/2024"}}
    blank = place(
        live_server,
        register(live_server, "PELAKSANA", rank="II/c"),
        "DINSOS",
        successor,
        decree={**sk, "number": ""},
    )
    assert blank["code"] == "REQUIRED"
